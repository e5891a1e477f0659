/**
 * Acceptance: duplicates and updated versions through the whole offline pipeline (real trigger
 * logic, real ASL in aws-local-stepfunctions, real handlers, Salesforce emulator, s3rver).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { LocalPipeline } from '../../local/runner/local-pipeline.js';
import { inboundCall, values } from './support.js';

let pipeline: LocalPipeline | undefined;
afterEach(async () => {
  await pipeline?.stop();
  pipeline = undefined;
});

const CTR = 'amazonconnect__AC_ContactTraceRecord__c';
const CCA = 'amazonconnect__AC_ContactChannelAnalytics__c';
const KEY = 'amazonconnect__ContactId__c';

describe('duplicate deliveries and updated versions', () => {
  it('the same CTR three times in one batch and again later: one full execution, one CTR, one analytics record, one file', async () => {
    pipeline = await LocalPipeline.start({ env: { RECORDING_UPLOAD_ENABLED: 'true' } });
    const ctr = inboundCall(1);
    await pipeline.putRecordingsFor([ctr]);

    const first = await pipeline.deliver([ctr, ctr, ctr]);
    await pipeline.settle();
    expect(first.outcomes.map((outcome) => outcome.status).sort()).toEqual(['skipped', 'skipped', 'started']);
    expect(first.batchResponses).toEqual([{ batchItemFailures: [] }]);

    const later = await pipeline.deliver([ctr]);
    await pipeline.settle();
    expect(later.outcomes).toEqual([
      expect.objectContaining({ status: 'skipped', code: 'already-processed' }),
    ]);

    const executions = pipeline.store.list();
    expect(executions.map((execution) => [execution.name, execution.status])).toEqual([
      [ctr.ContactId, 'SUCCEEDED'],
    ]);
    expect(values(pipeline.emulator.records(CTR), KEY)).toEqual([ctr.ContactId]);
    const analytics = pipeline.emulator.records(CCA);
    expect(values(analytics, KEY)).toEqual([ctr.ContactId]);
    expect(values(pipeline.emulator.records('ContentVersion'), 'FirstPublishLocationId')).toEqual([
      analytics[0]?.Id,
    ]);
  });

  it('an updated version after completion refreshes the CTR record only; still one analytics record', async () => {
    pipeline = await LocalPipeline.start();
    const original = inboundCall(2);
    const updated = inboundCall(2, 600);
    updated.Attributes = { ...(original.Attributes as object), caseNumber: '00001026' };
    (updated.Agent as Record<string, unknown>).AfterContactWorkDuration = 95;
    await pipeline.putRecordingsFor([original]);

    await pipeline.deliver([original]);
    await pipeline.settle();
    const analyticsBefore = pipeline.emulator.records(CCA);
    const refresh = await pipeline.deliver([updated]);
    await pipeline.settle();

    expect(refresh.outcomes).toEqual([expect.objectContaining({ status: 'started', kind: 'ctrRefresh' })]);
    const executions = pipeline.store.list({ statuses: ['SUCCEEDED'] });
    expect(executions).toHaveLength(2);
    const [ctrRecord] = pipeline.emulator.records(CTR);
    expect(pipeline.emulator.records(CTR)).toHaveLength(1);
    expect(ctrRecord?.amazonconnect__AfterContactWorkDuration__c).toBe(95);
    expect(JSON.parse(String(ctrRecord?.amazonconnect__Attributes__c))).toMatchObject({
      caseNumber: '00001026',
    });
    expect(Date.parse(String(ctrRecord?.amazonconnect__LastUpdateTimestamp__c))).toBe(
      Date.parse(String(updated.LastUpdateTimestamp)),
    );
    expect(pipeline.emulator.records(CCA)).toEqual(analyticsBefore);

    // The older version arriving late changes nothing.
    const stale = await pipeline.deliver([original]);
    await pipeline.settle();
    expect(stale.outcomes).toEqual([expect.objectContaining({ status: 'skipped' })]);
    expect(pipeline.emulator.records(CTR)[0]?.amazonconnect__AfterContactWorkDuration__c).toBe(95);
  });
});
