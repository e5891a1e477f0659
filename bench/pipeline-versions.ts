/**
 * Extra versions of one contact (`npm run bench -- pipeline-versions`; also merged into
 * `npm run bench -- pipeline`). Connect re-publishes a contact's CTR when it learns more; each
 * version after the first may reach Salesforce at most once, and a superseded one not at all.
 * Every scenario goes through the whole offline pipeline (real trigger logic, the real ASL, the real
 * handlers, the version fence in dynalite), with the Salesforce emulator counting API calls per
 * execution, after a warm-up contact has filled the describe cache.
 *
 * Figures:
 * - `sfApiCallsPerExtraVersion`: the worst scenario's Salesforce calls beyond the first version's
 *   execution, divided by the number of extra versions delivered. Target ≤ 1.
 * - `extraVersionScenarios`: per scenario, the delivery order, extra versions and the calls they cost.
 */
import './support/quiet-logs.js';
import { LocalPipeline } from '../local/runner/local-pipeline.js';
import { loadCtrFixture } from '../local/samples/ctr-fixtures.js';

/** Delivery orders of versions (seconds after the first); `|` separates batches. */
const SCENARIOS: Record<string, { batches: number[][]; settleBetween: boolean }> = {
  // Every version newer than the last: each one is a CTR refresh.
  ascending: { batches: [[0], [60], [120], [180]], settleBetween: true },
  // Older versions after newer ones, a duplicate, and an in-batch pair.
  outOfOrder: { batches: [[0], [120], [60], [180, 90], [120]], settleBetween: true },
  // The same without waiting for executions between batches: superseded refreshes are started and
  // stopped by the fence in the import, not by the trigger.
  outOfOrderInFlight: { batches: [[0], [120], [60], [180], [90]], settleBetween: false },
};

function contactId(n: number): string {
  return `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
}

function version(n: number, seconds: number): Record<string, unknown> {
  const ctr = loadCtrFixture('inbound-voice-agent-recording');
  ctr.ContactId = contactId(n);
  ctr.Recording = {
    ...(ctr.Recording as object),
    Location: `amazon-connect-recordings-local/connect/bench/CallRecordings/${contactId(n)}.wav`,
  };
  ctr.Recordings = null;
  const base = Date.parse(String(ctr.LastUpdateTimestamp));
  ctr.LastUpdateTimestamp = new Date(base + seconds * 1000).toISOString().replace('.000Z', 'Z');
  ctr.Attributes = { ...(ctr.Attributes as object), versionSeconds: String(seconds) };
  return ctr;
}

export interface ExtraVersionFigures {
  sfApiCallsPerExtraVersion: number;
  extraVersionScenarios: Record<
    string,
    {
      order: string;
      extraVersions: number;
      extraCalls: number;
      callsPerExtraVersion: number;
      newestKept: boolean;
    }
  >;
}

export async function measureExtraVersions(): Promise<ExtraVersionFigures> {
  const pipeline = await LocalPipeline.start({ env: { POWERTOOLS_LOG_LEVEL: 'SILENT' } });
  const scenarios: ExtraVersionFigures['extraVersionScenarios'] = {};
  try {
    const warmUp = version(9000, 0);
    await pipeline.putRecordingsFor([warmUp]);
    await pipeline.deliver([warmUp]);
    await pipeline.settle();
    let n = 1;
    for (const [name, scenario] of Object.entries(SCENARIOS)) {
      const id = contactId(n);
      const first = version(n, scenario.batches[0]?.[0] ?? 0);
      await pipeline.putRecordingsFor([first]);
      for (const batch of scenario.batches) {
        await pipeline.deliver(batch.map((seconds) => version(n, seconds)));
        if (scenario.settleBetween) await pipeline.settle();
      }
      await pipeline.settle();
      const executions = pipeline.store.list().filter((execution) => execution.name.startsWith(id));
      const failed = executions.filter((execution) => execution.status !== 'SUCCEEDED');
      if (failed.length > 0)
        throw new Error(`scenario ${name}: ${failed.map((e) => e.name).join(', ')} failed`);
      const calls = executions.map((execution) => pipeline.apiCallsByExecution.get(execution.name) ?? 0);
      const firstCalls = pipeline.apiCallsByExecution.get(id) ?? 0;
      const extraCalls = calls.reduce((sum, value) => sum + value, 0) - firstCalls;
      const extraVersions = scenario.batches.flat().length - 1;
      const newest = Math.max(...scenario.batches.flat());
      const [record] = pipeline.emulator
        .records(pipeline.apiName('AC_ContactTraceRecord__c'))
        .filter((candidate) => candidate[pipeline.apiName('ContactId__c')] === id);
      const kept = JSON.parse(String(record?.[pipeline.apiName('Attributes__c')] ?? '{}')) as {
        versionSeconds?: string;
      };
      scenarios[name] = {
        order: scenario.batches.map((batch) => batch.map((s) => `+${s}s`).join(',')).join(' | '),
        extraVersions,
        extraCalls,
        callsPerExtraVersion: Number((extraCalls / extraVersions).toFixed(2)),
        newestKept: kept.versionSeconds === String(newest),
      };
      n += 1;
    }
  } finally {
    await pipeline.stop();
  }
  return {
    sfApiCallsPerExtraVersion: Math.max(...Object.values(scenarios).map((s) => s.callsPerExtraVersion)),
    extraVersionScenarios: scenarios,
  };
}

export async function run(): Promise<Record<string, unknown>> {
  return { ...(await measureExtraVersions()), targets: { sfApiCallsPerExtraVersion: 1 } };
}
