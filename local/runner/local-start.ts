/**
 * What `npm start` does once its options are parsed (local/start.ts): starts the offline pipeline,
 * delivers the CTR batches, prints the report (or its JSON) and the metrics summary read back from
 * the functions' EMF output, and saves the run in .local-state/. Returns the exit code: 0 when
 * every execution succeeded.
 *
 * @example
 * ```ts
 * const code = await runLocalStart([readCtrFile('my-ctrs.jsonl')], { json: true }, io);
 * ```
 */
import { rmSync } from 'node:fs';
import type { CommandIo } from '../../ops/cli/program.js';
import type { ValidationRule } from '../salesforce-emulator/types.js';
import type { CtrFileBatch } from './ctr-file.js';
import { captureEmf, summariseEmf } from './emf-capture.js';
import { DEFAULT_EXECUTION_STORE_FILE, ExecutionStore } from './execution-store.js';
import { LocalPipeline } from './local-pipeline.js';
import { localRunEnvironment, progressText, runCtrBatches, saveLocalRun } from './local-run.js';
import { LOCAL_S3_DIRECTORY } from './local-state.js';
import { renderMetricsSummary } from './metrics-summary.js';
import { renderPipelineReport } from './pipeline-report.js';
import { ProgressLine } from './progress-line.js';

/** The parsed options of `npm start`. */
export interface LocalStartOptions {
  /** One JSON object instead of the table. */
  json?: boolean;
  /** Every state and record id in full (the logs are on already: start-environment.ts). */
  verbose?: boolean;
  /** The emulated org's daily API allocation. */
  dailyApiLimit?: number;
  /** Validation rules the emulated org enforces. */
  rejectField?: ValidationRule[];
  /** The share of StartExecution calls answered with ThrottlingException (0..1). */
  startExecutionThrottleRate?: number;
}

/**
 * Runs `npm start` once its options are parsed: delivers the CTR batches through the offline
 * pipeline, prints the report and metrics summary and saves the run in `.local-state/`. Returns the
 * exit code: 0 when every execution succeeded and no record was left failing, else 1.
 *
 * @example
 * ```ts
 * const code = await runLocalStart([readCtrFile('my-ctrs.jsonl')], { json: true }, io);
 * ```
 */
export async function runLocalStart(
  batches: CtrFileBatch[],
  options: LocalStartOptions,
  io: CommandIo,
): Promise<number> {
  const started = Date.now();
  const store = new ExecutionStore(DEFAULT_EXECUTION_STORE_FILE);
  // A fresh local S3, kept in .local-state/ for the --local commands (stored payloads, recordings).
  rmSync(LOCAL_S3_DIRECTORY, { recursive: true, force: true });
  const pipeline = await LocalPipeline.start({
    s3Directory: LOCAL_S3_DIRECTORY,
    env: localRunEnvironment(),
    runner: { store },
    emulator: {
      dailyApiLimit: options.dailyApiLimit,
      orgBehaviour: { validationRules: options.rejectField ?? [] },
    },
    startExecutionThrottleRate: options.startExecutionThrottleRate,
  });
  // A status line on a terminal only: piped output and --json stay plain.
  const progress = new ProgressLine(io.streams.stderr, { enabled: !options.json && !options.verbose });
  // The functions' EMF documents, kept off the terminal and summarised at the end.
  const emf = captureEmf();
  try {
    const result = await runCtrBatches(pipeline, batches, {
      onProgress: progress.enabled ? (state) => progress.show(progressText(state)) : undefined,
    });
    emf.restore();
    progress.clear();
    saveLocalRun(pipeline);
    if (options.json) {
      io.out(JSON.stringify(result.report));
    } else {
      io.out(
        renderPipelineReport(result.report, {
          batches: result.batches,
          records: result.records,
          unresolvedRetries: result.unresolvedRetries,
          tokenRequests: pipeline.emulator.apiUsage().tokenRequests,
          elapsedMs: Date.now() - started,
          failures: result.failures,
          verbose: options.verbose,
        }),
      );
      io.out(`\n${renderMetricsSummary(summariseEmf(emf.documents), { verbose: options.verbose })}`);
    }
    return result.failures.length === 0 && result.unresolvedRetries.length === 0 ? 0 : 1;
  } finally {
    emf.restore();
    progress.clear();
    await pipeline.stop();
  }
}
