/**
 * Acceptance: the newest version of every contact wins, under any interleaving, through the whole
 * offline pipeline (real trigger logic, real ASL, real handlers, the Salesforce emulator, the
 * version fence in dynalite).
 */
import { readFileSync } from 'node:fs';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { afterEach, describe, expect, it } from 'vitest';
import type { WaitClock } from '../../functions/contact-import/contact-import.js';
import { createHandler } from '../../functions/contact-import/handler.js';
import type { RecordOutcome } from '../../functions/ctr-trigger/types.js';
import { LocalPipeline, type LocalPipelineOptions } from '../../local/runner/local-pipeline.js';
import { POST_CALL_DEFINITION_FILE } from '../../local/runner/post-call-runner.js';
import { LocalExecutionSource } from '../../ops/local/local-execution-source.js';
import { redriveExecutions } from '../../ops/redrive/redrive.js';
import { requireEnv } from '../../shared/config/environment.js';
import { CONTACT_VERSION_TABLE_ENV } from '../../shared/contact-versions/table.js';
import { ContactVersionFence } from '../../shared/contact-versions/version-fence.js';
import { SALESFORCE_CALL_TIMEOUT_MS } from '../../shared/salesforce/write-outcome.js';
import { inboundCall } from './support.js';

let pipeline: LocalPipeline | undefined;
afterEach(async () => {
  await pipeline?.stop();
  pipeline = undefined;
});

const CTR = 'amazonconnect__AC_ContactTraceRecord__c';
const KEY = 'amazonconnect__ContactId__c';

/** Version `label` of contact `n`: v1 10:07:05, v2 10:08:00, v3 10:09:00 (as the issue measured). */
const OFFSETS = { v1: 0, v2: 55, v3: 115 } as const;
type Label = keyof typeof OFFSETS;
function version(n: number, label: Label): Record<string, unknown> {
  const ctr = inboundCall(n);
  ctr.LastUpdateTimestamp = new Date(Date.parse('2026-11-28T10:07:05Z') + OFFSETS[label] * 1000)
    .toISOString()
    .replace('.000Z', 'Z');
  ctr.Attributes = { ...(ctr.Attributes as object), version: label };
  return ctr;
}

async function start(options: LocalPipelineOptions = {}): Promise<LocalPipeline> {
  pipeline = await LocalPipeline.start(options);
  await pipeline.putRecordingsFor([inboundCall(1)]);
  return pipeline;
}

/** The contact's CTR records in the org: [version label, LastUpdateTimestamp] of each. */
function ctrsOf(p: LocalPipeline, n: number): Array<[string, number]> {
  const contactId = String(inboundCall(n).ContactId);
  return p.emulator
    .records(CTR)
    .filter((record) => record[KEY] === contactId)
    .map((record) => [
      String((JSON.parse(String(record.amazonconnect__Attributes__c)) as { version: string }).version),
      Date.parse(String(record.amazonconnect__LastUpdateTimestamp__c)),
    ]);
}

function expectNewest(p: LocalPipeline, n: number, label: Label): void {
  expect(ctrsOf(p, n)).toEqual([[label, Date.parse(String(version(n, label).LastUpdateTimestamp))]]);
}

function executionOutputs(p: LocalPipeline): string[] {
  return p.store.list().map((execution) => String(execution.output));
}

function supersededOutcomes(outcomes: RecordOutcome[]): string[] {
  return outcomes.flatMap((o) =>
    o.status === 'skipped' && o.code.startsWith('superseded') ? [o.reason] : [],
  );
}

describe('newest version wins', () => {
  it('v1 | v3 | v2 in separate batches: v3 stays; v2 is skipped as superseded by v3', async () => {
    const p = await start();
    for (const label of ['v1', 'v3', 'v2'] as const) {
      await p.deliver([version(1, label)]);
      await p.settle();
    }
    expectNewest(p, 1, 'v3');
    expect(supersededOutcomes(p.outcomes)).toEqual([`superseded by ${version(1, 'v3').LastUpdateTimestamp}`]);
    expect(p.store.list().every((execution) => execution.status === 'SUCCEEDED')).toBe(true);
  });

  it('v1 | v3 | v2 without waiting between batches: v3 stays; v2 is superseded by v3, in the trigger or in its execution', async () => {
    const p = await start();
    await p.deliver([version(1, 'v1')]);
    await p.settle();
    await p.deliver([version(1, 'v3')]);
    await p.deliver([version(1, 'v2')]);
    await p.settle();
    expectNewest(p, 1, 'v3');
    const says = `superseded by ${version(1, 'v3').LastUpdateTimestamp}`;
    const inExecution = executionOutputs(p).filter((output) => output.includes(says));
    expect(supersededOutcomes(p.outcomes).length + inExecution.length).toBe(1);
    expect(p.store.list().every((execution) => execution.status === 'SUCCEEDED')).toBe(true);
  });

  it('v3 | v1, v2 and v1 in one batch: v3 stays', async () => {
    const p = await start();
    await p.deliver([version(1, 'v3')]);
    await p.settle();
    const second = await p.deliver([version(1, 'v1'), version(1, 'v2'), version(1, 'v1')]);
    await p.settle();
    expectNewest(p, 1, 'v3');
    expect(second.outcomes.map((o) => (o.status === 'skipped' ? o.code : o.status))).toEqual([
      'superseded-in-batch',
      'superseded',
      'superseded-in-batch',
    ]);
    expect(p.store.list()).toHaveLength(1);
  });

  it('v3 | v3 | v2: v3 stays, one execution', async () => {
    const p = await start();
    for (const label of ['v3', 'v3', 'v2'] as const) {
      await p.deliver([version(1, label)]);
      await p.settle();
    }
    expectNewest(p, 1, 'v3');
    expect(p.outcomes.map((o) => (o.status === 'skipped' ? o.code : o.status))).toEqual([
      'started',
      'already-processed',
      'superseded',
    ]);
    expect(p.store.list()).toHaveLength(1);
  });

  it.each([
    ['without faults', {}],
    ['with 20 % Salesforce faults', { seed: 20261203, serverUnavailableRate: 0.1, unableToLockRowRate: 0.1 }],
  ])(
    'two batches with the same 20 contacts handled concurrently (%s): all 20 end with their newest version',
    async (_, faults) => {
      const p = await start({ meterPerExecution: false, emulator: { faults } });
      const contacts = Array.from({ length: 20 }, (_, index) => index + 1);
      await p.putRecordingsFor(contacts.map((n) => version(n, 'v1')));
      const first = contacts.map((n) => version(n, 'v1'));
      // 10 contacts again in the same version, 10 in a newer one.
      const second = contacts.map((n) => version(n, n <= 10 ? 'v1' : 'v2'));
      await Promise.all([p.deliver(first), p.deliver(second)]);
      await p.settle();
      for (const n of contacts) expectNewest(p, n, n <= 10 ? 'v1' : 'v2');
      expect(p.store.list().filter((execution) => execution.status !== 'SUCCEEDED')).toEqual([]);
      if ('seed' in faults) {
        // The faults really happened (the client or the state machine retried them): more calls
        // than one composite per execution plus the two describes.
        expect(p.emulator.apiUsage().apiCalls).toBeGreaterThan(p.store.list().length + 2);
      }
    },
  );

  it('a failed older refresh re-driven, and one restarted with the redrive CLI, after a newer one succeeded: the newest stays', async () => {
    const p = await start();
    for (const n of [1, 2]) {
      await p.deliver([version(n, 'v1')]);
      await p.settle();
    }
    // v2 of both contacts fails: the org's API allocation is spent while their refreshes run.
    p.emulator.setFaults({ requestLimitExceededRate: 1 });
    for (const n of [1, 2]) await p.deliver([version(n, 'v2')]);
    await p.settle();
    expect(p.store.list({ statuses: ['FAILED'] })).toHaveLength(2);
    p.emulator.setFaults({});
    for (const n of [1, 2]) await p.deliver([version(n, 'v3')]);
    await p.settle();
    expectNewest(p, 1, 'v3');

    const source = new LocalExecutionSource(p.store, p.runner);
    const [first, second] = [inboundCall(1), inboundCall(2)].map((ctr) => String(ctr.ContactId));
    const redriven = await redriveExecutions(source, {
      filter: { statuses: ['FAILED'] },
      contactIds: [String(first)],
    });
    // Past the 14-day redrive window the CLI restarts the execution under a new name instead.
    const restarted = await redriveExecutions(source, {
      filter: { statuses: ['FAILED'] },
      contactIds: [String(second)],
      now: () => new Date(Date.now() + 15 * 24 * 3600 * 1000),
    });
    await p.settle();
    expect(redriven.results).toEqual([expect.objectContaining({ action: 'redrive', outcome: 'done' })]);
    expect(restarted.results).toEqual([expect.objectContaining({ action: 'restart', outcome: 'done' })]);

    expectNewest(p, 1, 'v3');
    expectNewest(p, 2, 'v3');
    const says = `superseded by ${version(1, 'v3').LastUpdateTimestamp}`;
    const redrivenExecution = p.store.get(String(redriven.results[0]?.newExecution));
    const restartedExecution = p.store.get(String(restarted.results[0]?.newExecution));
    for (const execution of [redrivenExecution, restartedExecution]) {
      expect(execution?.status).toBe('SUCCEEDED');
      expect(JSON.parse(String(execution?.output))).toMatchObject({ kind: 'ctrRefresh', ctrImport: says });
    }
  });

  it("an older version's write that times out but commits late: the newer one waits out the lease, then writes", async () => {
    // Fake time for the fence and the import's busy wait; Step Functions' pauses are added to it.
    let now = Date.parse('2026-11-28T10:20:00Z');
    const clock: WaitClock = {
      now: () => now,
      sleep: async (ms) => {
        now += ms;
      },
    };
    const busyRetry = busyRetrier();
    const busyAttempts: number[] = [];
    let lateCommits = 0;
    let dynamodb: DynamoDBClient | undefined;
    let fence: ContactVersionFence | undefined;
    const importContact = createHandler({
      fence: () => {
        dynamodb ??= new DynamoDBClient({});
        fence ??= new ContactVersionFence(dynamodb, requireEnv(CONTACT_VERSION_TABLE_ENV, process.env), {
          now: clock.now,
        });
        return fence;
      },
      clock,
    });
    const p = await start({
      // The client gives up on an unanswered write after 1 s; Salesforce keeps it.
      env: { SF_REQUEST_TIMEOUT_MS: '1000' },
      runner: {
        lambdaTimeoutMs: 60_000,
        lambdaHandlers: {
          ContactImportFunctionArn: async (event: never, context) => {
            try {
              return await importContact(event, context);
            } catch (error) {
              if ((error as Error).name === 'PostCall.ContactBusy') {
                // The lost v1 write commits while v2 waits for the fence.
                if (busyAttempts.length === 0) lateCommits += await p.emulator.applyHeldWrites();
                busyAttempts.push(now);
                now += busyRetry.pauseMs(busyAttempts.length);
              }
              throw error;
            }
          },
        },
      },
    });
    try {
      p.emulator.setFaults({ loseWriteAnswers: { count: 1 } });
      await p.deliver([version(1, 'v1')]);
      await p.settle();
      // v1's first write timed out; its retry was answered: v1 is in the org, its lease kept.
      expectNewest(p, 1, 'v1');
      const v1Done = now;

      await p.deliver([version(1, 'v2')]);
      await p.settle();
      // Without the fence v2 would have written at once; the late commit comes after it.
      if (lateCommits === 0) lateCommits += await p.emulator.applyHeldWrites();

      expect(lateCommits).toBe(1);
      expect(busyAttempts.length).toBeGreaterThan(0);
      expect(busyAttempts.length).toBeLessThan(busyRetry.maxAttempts);
      // v2 wrote only once the lease covered Salesforce's whole request timeout.
      expect(now - v1Done).toBeGreaterThan(SALESFORCE_CALL_TIMEOUT_MS);
      expectNewest(p, 1, 'v2');
      expect(p.store.list().map((execution) => execution.status)).toEqual(['SUCCEEDED', 'SUCCEEDED']);
    } finally {
      dynamodb?.destroy();
    }
  });
});

/** The state machine's Retry of PostCall.ContactBusy: its pause before attempt `attempt + 1`. */
function busyRetrier(): { maxAttempts: number; pauseMs: (attempt: number) => number } {
  const definition = JSON.parse(readFileSync(POST_CALL_DEFINITION_FILE, 'utf8')) as {
    States: Record<string, { Retry: Array<Record<string, unknown>> }>;
  };
  const retry = definition.States['Import contact trace record and recording'].Retry.find((retrier) =>
    (retrier.ErrorEquals as string[]).includes('PostCall.ContactBusy'),
  ) as Record<string, number>;
  return {
    maxAttempts: retry.MaxAttempts,
    pauseMs: (attempt) =>
      Math.min(retry.IntervalSeconds * retry.BackoffRate ** (attempt - 1), retry.MaxDelaySeconds) * 1000,
  };
}
