/**
 * 500 contacts in one Kinesis batch through `npm start`'s engine (runCtrBatches: real trigger
 * logic, ASL, handlers, emulator, s3rver): every contact ends SUCCEEDED with exactly one CTR record,
 * one analytics record and one uploaded recording, at the same API calls per contact as a single
 * contact. Asserts records, not time (the timing is `npm run bench -- local-scale`).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CtrFileBatch } from '../../local/runner/ctr-file.js';
import { LocalPipeline } from '../../local/runner/local-pipeline.js';
import {
  type LocalRunProgress,
  type LocalRunResult,
  localRunEnvironment,
  runCtrBatches,
} from '../../local/runner/local-run.js';
import { contactIdOf, inboundCall } from './support.js';

const CONTACTS = 500;

describe(`local pipeline with ${CONTACTS} contacts in one batch`, () => {
  let pipeline: LocalPipeline;
  let result: LocalRunResult;
  const progress: LocalRunProgress[] = [];

  beforeAll(async () => {
    pipeline = await LocalPipeline.start({ env: localRunEnvironment({}) });
    const batch: CtrFileBatch = {
      file: 'generated',
      records: Array.from({ length: CONTACTS }, (_, n) => inboundCall(n)),
      malformed: 0,
    };
    result = await runCtrBatches(pipeline, [batch], {
      onProgress: (state) => progress.push(state),
      progressIntervalMs: 50,
    });
  }, 600_000);
  afterAll(() => pipeline?.stop());

  it('ends every contact SUCCEEDED with exactly one CTR, one analytics record and one recording file', () => {
    const ctrObject = pipeline.apiName('AC_ContactTraceRecord__c');
    const analyticsObject = pipeline.apiName('AC_ContactChannelAnalytics__c');
    expect(result.failures).toEqual([]);
    expect(result.unresolvedRetries).toEqual([]);
    expect(result.contacts).toHaveLength(CONTACTS);
    expect(new Set(result.contacts.map((contact) => contact.contactId))).toEqual(
      new Set(Array.from({ length: CONTACTS }, (_, n) => contactIdOf(n))),
    );
    for (const contact of result.contacts) {
      expect(contact.status).toBe('SUCCEEDED');
      expect(contact.salesforceRecords[ctrObject]).toHaveLength(1);
      expect(contact.salesforceRecords[analyticsObject]).toHaveLength(1);
      expect(contact.salesforceRecords.ContentVersion).toHaveLength(1);
    }
    // Nothing else in the org: one record per contact, each keyed by its own ContactId.
    const key = pipeline.apiName('ContactId__c');
    for (const object of [ctrObject, analyticsObject]) {
      const keys = pipeline.emulator.records(object, { fields: [key] }).map((record) => record[key]);
      expect(keys).toHaveLength(CONTACTS);
      expect(new Set(keys).size).toBe(CONTACTS);
    }
  });

  it('costs every contact the API calls of a single contact (composite import, recording check, upload)', () => {
    const calls = result.contacts.map((contact) => contact.salesforceApiCalls).sort((a, b) => a - b);
    // The container's first contact also reads the two objects' describe (cached afterwards).
    expect(calls).toEqual([...Array(CONTACTS - 1).fill(3), 5]);
    expect(result.report.salesforceApiCalls).toBe(3 * CONTACTS + 2);
  });

  it('reported progress up to every contact done, never more than the total', () => {
    expect(progress.at(-1)).toEqual({
      contactsDone: CONTACTS,
      contactsTotal: CONTACTS,
      apiCalls: result.report.salesforceApiCalls,
    });
    for (const [index, state] of progress.entries()) {
      expect(state.contactsDone).toBeLessThanOrEqual(CONTACTS);
      if (index > 0) expect(state.contactsDone).toBeGreaterThanOrEqual(progress[index - 1].contactsDone);
    }
  });
});
