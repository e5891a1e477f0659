/**
 * The local stack behind `--local`: the executions, org and dead-letter queue that `npm start`
 * saved in `.local-state/`, brought back up (emulator from its saved records, s3rver with the
 * contacts' recordings, the runner with the saved executions) so a re-drive or replay continues
 * where that run stopped. `close()` waits for every execution and saves the state again.
 */
import { DEFAULT_EXECUTION_STORE_FILE, ExecutionStore } from '../../local/runner/execution-store.js';
import { LocalPipeline } from '../../local/runner/local-pipeline.js';
import {
  LOCAL_S3_DIRECTORY,
  loadLocalJson,
  SALESFORCE_STATE_FILE,
  saveLocalJson,
} from '../../local/runner/local-state.js';
import type { EmulatorState } from '../../local/salesforce-emulator/types.js';
import { UsageError } from '../cli/errors.js';

/** The offline stack reopened from `.local-state/` for a `--local` command. */
export interface LocalStack {
  pipeline: LocalPipeline;
  store: ExecutionStore;
  /** Waits for running executions, saves executions and the org, stops the servers. */
  close(): Promise<void>;
}

/** The saved executions only (for read-only commands: no servers started). */
export function loadLocalExecutions(file: string = DEFAULT_EXECUTION_STORE_FILE): ExecutionStore {
  const store = ExecutionStore.load(file);
  if (store.size === 0) throw new UsageError(`no local executions in ${file}: run \`npm start\` first`);
  return store;
}

/** Reopens the offline stack where the last `npm start` left it: its executions, org and stream. */
export async function openLocalStack(): Promise<LocalStack> {
  const store = loadLocalExecutions();
  const state = loadLocalJson<EmulatorState>(SALESFORCE_STATE_FILE);
  const pipeline = await LocalPipeline.start({
    emulator: state ? { state } : {},
    runner: { store },
    // The objects npm start left: stored payloads (large CTRs, dead letters) and recordings.
    s3Directory: LOCAL_S3_DIRECTORY,
    env: { RECORDING_UPLOAD_ENABLED: process.env.RECORDING_UPLOAD_ENABLED ?? 'true' },
  });
  // Put back the recordings the saved contacts point at (a state saved before s3/ was kept has none).
  await pipeline.putRecordingsFor(
    store.list().map((execution) => (JSON.parse(execution.input) as { ctr?: unknown }).ctr),
  );
  let closed = false;
  return {
    pipeline,
    store,
    async close() {
      if (closed) return;
      closed = true;
      try {
        await pipeline.settle();
        store.save();
        saveLocalJson(SALESFORCE_STATE_FILE, pipeline.emulator.exportState());
      } finally {
        await pipeline.stop();
      }
    },
  };
}
