/**
 * `npm start`: the post-call pipeline offline. Starts the Salesforce emulator (sample org) and a
 * local S3 with the sample recordings, feeds the sample CTRs (or `--ctr FILE`) as Kinesis batches
 * through the real trigger logic, runs every execution of statemachines/post-call.asl.json with
 * the real handlers, and prints what happened. Exits 0 only if every execution succeeded.
 *
 * Usage: `npm start [-- --ctr FILE [--ctr FILE2]] [--json] [--verbose] [--daily-api-limit N]
 *   [--reject-field Object.Field] [--start-execution-throttle-rate R]`
 *   --ctr FILE   a JSON array or JSON lines of CTRs (one Kinesis batch per file; an invalid line
 *                counts as a malformed record). Default: local/samples/*.jsonl.
 *   --json       one JSON object instead of the table (see PipelineReport).
 *   --verbose    the functions' logs (DEBUG) on stdout.
 *   --daily-api-limit N  the emulated org's daily API allocation (default 100 000); a small
 *                value makes contacts fail on REQUEST_LIMIT_EXCEEDED, to try `npm run redrive -- --local`.
 *   --reject-field Object.Field  (repeatable) the org gets a validation rule refusing any write that
 *                sets that field, e.g. `AC_ContactTraceRecord__c.Attributes__c`: contacts fail with
 *                FIELD_CUSTOM_VALIDATION_EXCEPTION; `npm run redrive -- --local` (rule gone) completes them.
 *   --start-execution-throttle-rate R  StartExecution answers ThrottlingException for about R (0..1)
 *                of the calls; a batch still failing after 3 re-deliveries is given up as the event
 *                source mapping does (its on-failure record parked): `npm run replay-dlq -- --local` completes it.
 * On a terminal, a status line shows contacts done / total and Salesforce API calls while the run
 * lasts (not with --json or --verbose, nor when stderr is piped).
 * The executions, the emulated org and the dead-letter queue are saved in .local-state/ for the
 * `--local` operations commands (executions, redrive, replay-dlq).
 */
import './start-environment.js';
import './runner/emf-environment.js';
import './runner/promise-with-resolvers.js';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { type CtrFileBatch, readCtrFile } from './runner/ctr-file.js';
import { captureEmf, summariseEmf } from './runner/emf-capture.js';
import { DEFAULT_EXECUTION_STORE_FILE, ExecutionStore } from './runner/execution-store.js';
import { LocalPipeline } from './runner/local-pipeline.js';
import { localRunEnvironment, progressText, runCtrBatches, saveLocalRun } from './runner/local-run.js';
import { renderMetricsSummary } from './runner/metrics-summary.js';
import { renderPipelineReport } from './runner/pipeline-report.js';
import { ProgressLine } from './runner/progress-line.js';
import { parseRejectField } from './salesforce-emulator/org-behaviour.js';
import type { ValidationRule } from './salesforce-emulator/types.js';

const SAMPLES_DIRECTORY = join(dirname(fileURLToPath(import.meta.url)), 'samples');

function sampleFiles(): string[] {
  return readdirSync(SAMPLES_DIRECTORY)
    .filter((name) => name.endsWith('.jsonl') || name.endsWith('.json'))
    .sort()
    .map((name) => join(SAMPLES_DIRECTORY, name));
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      ctr: { type: 'string', multiple: true },
      json: { type: 'boolean', default: false },
      verbose: { type: 'boolean', default: false },
      'daily-api-limit': { type: 'string' },
      'reject-field': { type: 'string', multiple: true },
      'start-execution-throttle-rate': { type: 'string' },
    },
  });
  const throttleText = values['start-execution-throttle-rate'];
  const throttleRate = throttleText === undefined ? undefined : Number(throttleText);
  if (throttleRate !== undefined && !(throttleRate >= 0 && throttleRate <= 1)) {
    console.error(`--start-execution-throttle-rate must be a number from 0 to 1, got "${throttleText}"`);
    return 2;
  }
  let validationRules: ValidationRule[];
  try {
    validationRules = (values['reject-field'] ?? []).map(parseRejectField);
  } catch (error) {
    console.error(`--reject-field: ${(error as Error).message}`);
    return 2;
  }
  const dailyApiLimit =
    values['daily-api-limit'] === undefined ? undefined : Number(values['daily-api-limit']);
  if (dailyApiLimit !== undefined && (!Number.isInteger(dailyApiLimit) || dailyApiLimit < 1)) {
    console.error(`--daily-api-limit must be a positive integer, got "${values['daily-api-limit']}"`);
    return 2;
  }
  const started = Date.now();

  let batches: CtrFileBatch[];
  try {
    batches = (values.ctr ?? sampleFiles()).map((file) => readCtrFile(file));
  } catch (error) {
    console.error(`Cannot read the CTRs: ${(error as Error).message}`);
    return 2;
  }

  const store = new ExecutionStore(DEFAULT_EXECUTION_STORE_FILE);
  const pipeline = await LocalPipeline.start({
    env: localRunEnvironment(),
    runner: { store },
    emulator: { dailyApiLimit, orgBehaviour: { validationRules } },
    startExecutionThrottleRate: throttleRate,
  });
  // A status line on a terminal only: piped output and --json stay plain.
  const progress = new ProgressLine(process.stderr, { enabled: !values.json && !values.verbose });
  // The functions' EMF documents, kept off the terminal and summarised at the end.
  const emf = captureEmf();
  try {
    const result = await runCtrBatches(pipeline, batches, {
      onProgress: progress.enabled ? (state) => progress.show(progressText(state)) : undefined,
    });
    emf.restore();
    progress.clear();
    saveLocalRun(pipeline);
    if (values.json) {
      process.stdout.write(`${JSON.stringify(result.report)}\n`);
    } else {
      console.log(
        renderPipelineReport(result.report, {
          batches: result.batches,
          records: result.records,
          unresolvedRetries: result.unresolvedRetries,
          tokenRequests: pipeline.emulator.apiUsage().tokenRequests,
          elapsedMs: Date.now() - started,
          failures: result.failures,
          verbose: values.verbose,
        }),
      );
      console.log(`\n${renderMetricsSummary(summariseEmf(emf.documents), { verbose: values.verbose })}`);
    }
    return result.failures.length === 0 && result.unresolvedRetries.length === 0 ? 0 : 1;
  } finally {
    emf.restore();
    progress.clear();
    await pipeline.stop();
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  },
);
