/**
 * Acceptance: 50 contacts while the Salesforce emulator fails 20 % of API calls (503
 * SERVER_UNAVAILABLE and UNABLE_TO_LOCK_ROW, seeded) and every session expires once mid-run.
 * Retries (the client's own, then the state machine's Retry with intervals overridden to 0 ms)
 * absorb every fault: all executions succeed, and no record exists twice.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { LocalPipeline } from '../../local/runner/local-pipeline.js';
import { contactIdOf, inboundCall, values } from './support.js';

let pipeline: LocalPipeline | undefined;
afterEach(async () => {
  await pipeline?.stop();
  pipeline = undefined;
});

const CONTACTS = 50;

describe('Salesforce faults', () => {
  it('50 contacts with 20 % of calls failing and one session expiry: every execution succeeds, no duplicates', async () => {
    pipeline = await LocalPipeline.start({
      env: { RECORDING_UPLOAD_ENABLED: 'true' },
      emulator: { faults: { seed: 20261128, serverUnavailableRate: 0.1, unableToLockRowRate: 0.1 } },
      meterPerExecution: false,
    });
    const ctrs = Array.from({ length: CONTACTS }, (_, index) => inboundCall(100 + index));
    await pipeline.putRecordingsFor(ctrs);

    const first = await pipeline.deliver(ctrs.slice(0, CONTACTS / 2));
    await pipeline.settle();
    // Half-way through, every access token becomes invalid (next call: 401 INVALID_SESSION_ID).
    pipeline.emulator.expireAllSessions();
    const second = await pipeline.deliver(ctrs.slice(CONTACTS / 2));
    await pipeline.settle();

    expect(first.batchResponses).toEqual([{ batchItemFailures: [] }]);
    expect(second.batchResponses).toEqual([{ batchItemFailures: [] }]);
    const executions = pipeline.store.list();
    expect(executions).toHaveLength(CONTACTS);
    const failed = executions.filter((execution) => execution.status !== 'SUCCEEDED');
    expect(failed.map((execution) => [execution.name, execution.error, execution.cause])).toEqual([]);

    // The faults really happened and were retried, and the session was renewed.
    const retried = executions.flatMap((execution) =>
      execution.history.filter((event) => event.type === 'StateRetried'),
    );
    expect(retried.length).toBeGreaterThan(0);
    expect(pipeline.emulator.apiUsage().tokenRequests).toBeGreaterThanOrEqual(2);

    const ids = ctrs.map((_, index) => contactIdOf(100 + index)).sort();
    const key = 'amazonconnect__ContactId__c';
    expect(values(pipeline.emulator.records('amazonconnect__AC_ContactTraceRecord__c'), key).sort()).toEqual(
      ids,
    );
    const analytics = pipeline.emulator.records('amazonconnect__AC_ContactChannelAnalytics__c');
    expect(values(analytics, key).sort()).toEqual(ids);
    const files = values(pipeline.emulator.records('ContentVersion'), 'FirstPublishLocationId');
    expect(files.sort()).toEqual(values(analytics, 'Id').sort());
  });
});
