/**
 * Acceptance: orgs whose CTI package lacks fields, and orgs without the namespace, run the
 * pipeline unchanged (describe decides which optional fields are written).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { LocalPipeline } from '../../local/runner/local-pipeline.js';
import { loadCtrFixture } from '../../local/samples/ctr-fixtures.js';
import { inboundCall } from './support.js';

let pipeline: LocalPipeline | undefined;
afterEach(async () => {
  await pipeline?.stop();
  pipeline = undefined;
});

describe('org variants', () => {
  it('an org without Region__c and DisconnectReason__c (and no namespace) imports CTRs and recordings', async () => {
    pipeline = await LocalPipeline.start({
      namespace: '',
      emulator: {
        omitFields: {
          AC_ContactTraceRecord__c: ['Region__c', 'DisconnectReason__c'],
          AC_ContactChannelAnalytics__c: ['Region__c'],
        },
      },
    });
    const inbound = inboundCall(1);
    const ctrs = [inbound, loadCtrFixture('agentless-voice'), loadCtrFixture('chat')];
    await pipeline.putRecordingsFor(ctrs);
    await pipeline.deliver(ctrs);
    await pipeline.settle();

    const executions = pipeline.store.list();
    expect(executions.map((execution) => execution.status)).toEqual(['SUCCEEDED', 'SUCCEEDED', 'SUCCEEDED']);
    const records = pipeline.emulator.records('AC_ContactTraceRecord__c');
    expect(records).toHaveLength(3);
    for (const record of records) {
      expect(record).not.toHaveProperty('Region__c');
      expect(record).not.toHaveProperty('DisconnectReason__c');
    }
    const analytics = pipeline.emulator
      .records('AC_ContactChannelAnalytics__c')
      .find((record) => record.ContactId__c === inbound.ContactId);
    expect(analytics).toMatchObject({ ContactId__c: inbound.ContactId, InstanceId__c: expect.any(String) });
    expect(analytics?.RecordingPath__c).toBe((inbound.Recording as { Location: string }).Location);
  });

  it('a namespaced org gets Region__c and DisconnectReason__c when it has them', async () => {
    pipeline = await LocalPipeline.start();
    await pipeline.deliver([loadCtrFixture('inbound-voice-agent-recording')]);
    await pipeline.settle();
    const [record] = pipeline.emulator.records('amazonconnect__AC_ContactTraceRecord__c');
    expect(record).toMatchObject({
      amazonconnect__Region__c: process.env.AWS_REGION,
      amazonconnect__DisconnectReason__c: 'CUSTOMER_DISCONNECT',
    });
  });
});
