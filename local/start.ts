/**
 * `npm start`: the post-call pipeline offline. Starts the Salesforce emulator (sample org) and a
 * local S3 with the sample recordings, feeds the sample CTRs (or `--ctr FILE`) as Kinesis batches
 * through the real trigger logic, runs every execution of statemachines/post-call.asl.json with
 * the real handlers, and prints what happened. Exits 0 only if every execution succeeded.
 *
 * Usage: `npm start [-- --ctr FILE [--ctr FILE2]] [--json] [--verbose] [--daily-api-limit N]
 *   [--reject-field Object.Field]`
 *   --ctr FILE   a JSON array or JSON lines of CTRs (one Kinesis batch per file; an invalid line
 *                counts as a malformed record). Default: local/samples/*.jsonl.
 *   --json       one JSON object instead of the table (see PipelineReport).
 *   --verbose    the functions' logs (DEBUG) on stdout.
 *   --daily-api-limit N  the emulated org's daily API allocation (default 100 000); a small
 *                value makes contacts fail on REQUEST_LIMIT_EXCEEDED, to try `npm run redrive -- --local`.
 *   --reject-field Object.Field  (repeatable) the org gets a validation rule refusing any write that
 *                sets that field, e.g. `AC_ContactTraceRecord__c.Attributes__c`: contacts fail with
 *                FIELD_CUSTOM_VALIDATION_EXCEPTION; `npm run redrive -- --local` (rule gone) completes them.
 * The executions, the emulated org and the dead-letter queue are saved in .local-state/ for the
 * `--local` operations commands (executions, redrive, replay-dlq).
 */
import './start-environment.js';
import './runner/promise-with-resolvers.js';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { type CtrFileBatch, readCtrFile } from './runner/ctr-file.js';
import { DEFAULT_EXECUTION_STORE_FILE, ExecutionStore } from './runner/execution-store.js';
import { LocalPipeline } from './runner/local-pipeline.js';
import { DEAD_LETTER_FILE, SALESFORCE_STATE_FILE, saveLocalJson } from './runner/local-state.js';
import { buildPipelineReport, renderPipelineReport } from './runner/pipeline-report.js';
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
    },
  });
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
  const logLevel = process.env.POWERTOOLS_LOG_LEVEL ?? 'SILENT';

  let batches: CtrFileBatch[];
  try {
    batches = (values.ctr ?? sampleFiles()).map((file) => readCtrFile(file));
  } catch (error) {
    console.error(`Cannot read the CTRs: ${(error as Error).message}`);
    return 2;
  }

  const store = new ExecutionStore(DEFAULT_EXECUTION_STORE_FILE);
  const pipeline = await LocalPipeline.start({
    env: {
      POWERTOOLS_LOG_LEVEL: logLevel,
      LOG_LEVEL: logLevel,
      // The local demo shows the optional upload too (the stack's default is false).
      RECORDING_UPLOAD_ENABLED: process.env.RECORDING_UPLOAD_ENABLED ?? 'true',
    },
    runner: { store },
    emulator: { dailyApiLimit, orgBehaviour: { validationRules } },
  });
  try {
    await pipeline.putRecordingsFor(batches.flatMap((batch) => batch.records));
    for (const batch of batches) {
      await pipeline.deliver(batch.records);
      await pipeline.settle();
    }
    store.save();
    saveLocalJson(SALESFORCE_STATE_FILE, pipeline.emulator.exportState());
    saveLocalJson(
      DEAD_LETTER_FILE,
      pipeline.deadLettered.map((record, index) => ({
        messageId: `local-${index + 1}`,
        body: record.messageBody,
      })),
    );

    const report = buildPipelineReport(pipeline);
    const retried = new Map<string, { contactId?: string; reason: string }>();
    for (const outcome of pipeline.outcomes) {
      if (outcome.status === 'retry')
        retried.set(outcome.sequenceNumber, { contactId: outcome.contactId, reason: outcome.reason });
      else retried.delete(outcome.sequenceNumber);
    }
    const contactReports = pipeline.contactReports();
    const failures = contactReports.filter((contact) => contact.status !== 'SUCCEEDED');
    if (values.json) {
      process.stdout.write(`${JSON.stringify(report)}\n`);
    } else {
      console.log(
        renderPipelineReport(report, {
          batches: batches.length,
          records: batches.reduce((sum, batch) => sum + batch.records.length, 0),
          unresolvedRetries: [...retried.values()],
          tokenRequests: pipeline.emulator.apiUsage().tokenRequests,
          elapsedMs: Date.now() - started,
          failures,
        }),
      );
    }
    return failures.length === 0 && retried.size === 0 ? 0 : 1;
  } finally {
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
