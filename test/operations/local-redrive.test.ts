/**
 * Re-drive through the local stack: a Salesforce fault fails a contact mid-execution;
 * `redrive --local` completes it and the emulator ends with exactly one record of each kind.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { LocalPipeline } from '../../local/runner/local-pipeline.js';
import { loadCtrFixture } from '../../local/samples/ctr-fixtures.js';
import { LocalExecutionSource } from '../../ops/local/local-execution-source.js';
import { redriveExecutions } from '../../ops/redrive/redrive.js';

let pipeline: LocalPipeline | undefined;
afterEach(async () => {
  await pipeline?.stop();
  pipeline = undefined;
});

describe('redrive --local', () => {
  it('re-drives a contact that failed on an exhausted API limit, leaving one record of each kind', async () => {
    pipeline = await LocalPipeline.start();
    const ctr = loadCtrFixture('inbound-voice-agent-recording') as { ContactId: string };
    await pipeline.putRecordingsFor([ctr]);

    // The org's daily allocation is spent while the contact is processed: every retry fails.
    pipeline.emulator.setFaults({ requestLimitExceededRate: 1 });
    await pipeline.deliver([ctr]);
    await pipeline.settle();
    const failed = pipeline.store.get(ctr.ContactId);
    expect(failed?.status).toBe('FAILED');
    expect(failed?.error).toBe('Salesforce.RateLimited');

    // The allocation resets: re-drive every failed contact.
    pipeline.emulator.setFaults({});
    const source = new LocalExecutionSource(pipeline.store, pipeline.runner);
    const report = await redriveExecutions(source, {
      filter: { statuses: ['FAILED', 'TIMED_OUT', 'ABORTED'] },
    });
    await pipeline.settle();

    expect(report.failed).toBe(0);
    expect(report.results).toEqual([
      expect.objectContaining({
        contactId: ctr.ContactId,
        action: 'redrive',
        newExecution: ctr.ContactId,
        outcome: 'done',
      }),
    ]);
    const redriven = pipeline.store.get(ctr.ContactId);
    expect(redriven?.status).toBe('SUCCEEDED');
    expect(redriven?.redriveCount).toBe(1);
    expect(redriven?.history.map((e) => e.type)).toContain('ExecutionRedriven');

    const records = pipeline.salesforceRecordsOf(ctr.ContactId);
    const ctrObject = pipeline.apiName('AC_ContactTraceRecord__c');
    const analyticsObject = pipeline.apiName('AC_ContactChannelAnalytics__c');
    expect(records[ctrObject]).toHaveLength(1);
    expect(records[analyticsObject]).toHaveLength(1);
    expect(pipeline.emulator.records(ctrObject)).toHaveLength(1);
    expect(pipeline.emulator.records(analyticsObject)).toHaveLength(1);

    // A second re-drive finds nothing left to do.
    const again = await redriveExecutions(source, {
      filter: { statuses: ['FAILED', 'TIMED_OUT', 'ABORTED'] },
    });
    expect(again.results).toHaveLength(0);
  });
});
