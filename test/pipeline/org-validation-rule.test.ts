/**
 * An org whose validation rule refuses a CTR field: the contact fails once, with a readable
 * Salesforce.Request in its Cause (error code, the rule's message, the field), is not retried,
 * and nothing else is lost; after the admin removes the rule, a re-drive completes it with
 * exactly one record.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { LocalPipeline } from '../../local/runner/local-pipeline.js';
import type { ValidationRule } from '../../local/salesforce-emulator/types.js';
import { LocalExecutionSource } from '../../ops/local/local-execution-source.js';
import { redriveExecutions } from '../../ops/redrive/redrive.js';
import { inboundCall } from './support.js';

let pipeline: LocalPipeline | undefined;
afterEach(async () => {
  await pipeline?.stop();
  pipeline = undefined;
});

const RULE: ValidationRule = {
  object: 'AC_ContactTraceRecord__c',
  name: 'No_Card_Numbers_In_Attributes',
  field: 'Attributes__c',
  message: 'Contact attributes must not carry card numbers',
  when: (record) => String(record.get('Attributes__c') ?? '').includes('"cardNumber"'),
};

describe('an org with a validation rule on a CTR field', () => {
  it('fails that contact with a readable Cause and no retry; the others import; a re-drive after removing the rule completes it once', async () => {
    pipeline = await LocalPipeline.start({ emulator: { orgBehaviour: { validationRules: [RULE] } } });
    const refused = inboundCall(1);
    refused.Attributes = { ...(refused.Attributes as object), cardNumber: 'on file' };
    const accepted = inboundCall(2);
    const refusedId = String(refused.ContactId);
    const acceptedId = String(accepted.ContactId);
    await pipeline.putRecordingsFor([refused, accepted]);

    await pipeline.deliver([refused, accepted]);
    await pipeline.settle();

    const failed = pipeline.store.get(refusedId);
    expect(failed?.status).toBe('FAILED');
    expect(failed?.error).toBe('Salesforce.Request');
    const field = pipeline.apiName('Attributes__c');
    expect(JSON.parse(failed?.cause ?? '{}')).toEqual({
      errorType: 'Salesforce.Request',
      errorMessage: `upsert ${pipeline.apiName('AC_ContactTraceRecord__c')} (composite) failed: FIELD_CUSTOM_VALIDATION_EXCEPTION: Contact attributes must not carry card numbers (fields: ${field})`,
    });
    // Not retried: the import state failed once and was never retried.
    const history = failed?.history ?? [];
    const importState = 'Import contact trace record and recording';
    expect(history.filter((event) => event.type === 'StateRetried')).toHaveLength(0);
    expect(
      history.filter((event) => event.type === 'StateFailed' && event.stateName === importState),
    ).toHaveLength(1);
    expect(
      history.filter((event) => event.type === 'StateEntered' && event.stateName === importState),
    ).toHaveLength(1);

    // Nothing else lost: the other contact of the batch imported; the refused one left nothing half-written.
    expect(pipeline.store.get(acceptedId)?.status).toBe('SUCCEEDED');
    const ctrObject = pipeline.apiName('AC_ContactTraceRecord__c');
    const analyticsObject = pipeline.apiName('AC_ContactChannelAnalytics__c');
    expect(pipeline.salesforceRecordsOf(acceptedId)[ctrObject]).toHaveLength(1);
    expect(pipeline.salesforceRecordsOf(refusedId)[ctrObject] ?? []).toHaveLength(0);
    expect(pipeline.salesforceRecordsOf(refusedId)[analyticsObject] ?? []).toHaveLength(0);
    expect(pipeline.deadLettered).toHaveLength(0);

    // The admin deactivates the rule; the operator re-drives the failed contact.
    pipeline.emulator.setOrgBehaviour({});
    const source = new LocalExecutionSource(pipeline.store, pipeline.runner);
    const report = await redriveExecutions(source, {
      filter: { statuses: ['FAILED', 'TIMED_OUT', 'ABORTED'] },
    });
    await pipeline.settle();
    expect(report.failed).toBe(0);
    expect(report.results).toEqual([expect.objectContaining({ contactId: refusedId, outcome: 'done' })]);
    expect(pipeline.store.get(refusedId)?.status).toBe('SUCCEEDED');

    const records = pipeline.salesforceRecordsOf(refusedId);
    expect(records[ctrObject]).toHaveLength(1);
    expect(records[analyticsObject]).toHaveLength(1);
    const [stored] = pipeline.emulator
      .records(ctrObject)
      .filter((record) => record[pipeline!.apiName('ContactId__c')] === refusedId);
    expect(String(stored[field])).toContain('"cardNumber"');
    expect(pipeline.emulator.records(ctrObject)).toHaveLength(2);
  });
});
