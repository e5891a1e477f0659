/**
 * One measured run of `npm start`'s engine in its own process (so its peak RSS is its own):
 * `node --import tsx bench/support/local-scale-child.ts CONTACTS BATCH_SIZE`. Generates CONTACTS
 * inbound calls with recordings, delivers them in Kinesis batches of BATCH_SIZE through
 * runCtrBatches, saves the local state to a temporary directory as `npm start` does, and prints
 * one JSON line (see {@link ChildFigures}). The pipeline's start-up (emulator, s3rver, state
 * machine validation) is timed apart: it does not grow with the contacts.
 */
import './quiet-logs.js';
import '../../local/runner/promise-with-resolvers.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CtrFileBatch } from '../../local/runner/ctr-file.js';
import { ExecutionStore } from '../../local/runner/execution-store.js';
import { LocalPipeline } from '../../local/runner/local-pipeline.js';
import { localRunEnvironment, runCtrBatches, saveLocalRun } from '../../local/runner/local-run.js';
import { inboundCall } from '../../test/pipeline/support.js';

export interface ChildFigures {
  contacts: number;
  batchSize: number;
  startupMs: number;
  /** Recordings put, batches delivered, every execution stopped, report built, state saved. */
  runMs: number;
  msPerContact: number;
  /** Peak RSS of the whole process (start-up included). */
  peakRssMb: number;
  apiCalls: number;
  /** The most common count of API calls per execution (a warm container's contact). */
  apiCallsPerContact: number;
  succeeded: number;
}

const [contacts, batchSize] = process.argv.slice(2).map(Number);
const directory = mkdtempSync(join(tmpdir(), 'bench-local-scale-'));
const startedAt = performance.now();
const pipeline = await LocalPipeline.start({
  env: localRunEnvironment(),
  runner: { store: new ExecutionStore(join(directory, 'executions.json')) },
});
try {
  const startupMs = performance.now() - startedAt;
  const ctrs = Array.from({ length: contacts }, (_, n) => inboundCall(n));
  const batches: CtrFileBatch[] = [];
  for (let first = 0; first < contacts; first += batchSize) {
    batches.push({ file: `batch-${first}`, records: ctrs.slice(first, first + batchSize), malformed: 0 });
  }
  const runStarted = performance.now();
  const result = await runCtrBatches(pipeline, batches);
  saveLocalRun(pipeline, {
    salesforce: join(directory, 'salesforce.json'),
    deadLetters: join(directory, 'dead-letters.json'),
  });
  const runMs = performance.now() - runStarted;
  const perExecution = new Map<number, number>();
  for (const contact of result.contacts) {
    perExecution.set(contact.salesforceApiCalls, (perExecution.get(contact.salesforceApiCalls) ?? 0) + 1);
  }
  const [mostCommon] = [...perExecution].sort((a, b) => b[1] - a[1])[0] ?? [0];
  const figures: ChildFigures = {
    contacts,
    batchSize,
    startupMs: Math.round(startupMs),
    runMs: Math.round(runMs),
    msPerContact: Number((runMs / contacts).toFixed(2)),
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    apiCalls: result.report.salesforceApiCalls,
    apiCallsPerContact: mostCommon,
    succeeded: result.contacts.filter((contact) => contact.status === 'SUCCEEDED').length,
  };
  console.log(JSON.stringify(figures));
} finally {
  await pipeline.stop();
  rmSync(directory, { recursive: true, force: true });
}
