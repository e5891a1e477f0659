/**
 * The engine of `npm start` (and of `npm run bench -- local-scale`): puts a recording at every
 * location the CTRs name, delivers each file's CTRs as one Kinesis batch, waits for every
 * execution, and returns the report. Progress (contacts done / total, Salesforce API calls so far)
 * is reported while it runs; saving the state for the `--local` commands is {@link saveLocalRun}.
 *
 * @example
 * ```ts
 * const result = await runCtrBatches(pipeline, [readCtrFile('day.jsonl')], {
 *   onProgress: ({ contactsDone, contactsTotal }) => line.show(`${contactsDone}/${contactsTotal}`),
 * });
 * saveLocalRun(pipeline);
 * ```
 */
import type { RecordOutcome } from '../../functions/ctr-trigger/types.js';
import type { CtrFileBatch } from './ctr-file.js';
import type { ContactReport, LocalPipeline } from './local-pipeline.js';
import {
  DEAD_LETTER_FILE,
  KINESIS_STREAM_FILE,
  SALESFORCE_STATE_FILE,
  saveLocalJson,
} from './local-state.js';
import { buildPipelineReport, type PipelineReport } from './pipeline-report.js';

/**
 * The functions' environment under `npm start`: logs silent unless POWERTOOLS_LOG_LEVEL says
 * otherwise, and the optional recording upload on (the stack's default is off) so the local demo
 * shows it too.
 */
export function localRunEnvironment(env: NodeJS.ProcessEnv = process.env): Record<string, string> {
  const logLevel = env.POWERTOOLS_LOG_LEVEL ?? 'SILENT';
  return {
    POWERTOOLS_LOG_LEVEL: logLevel,
    LOG_LEVEL: logLevel,
    RECORDING_UPLOAD_ENABLED: env.RECORDING_UPLOAD_ENABLED ?? 'true',
  };
}

/** How far a local run is, as reported while it runs. */
export interface LocalRunProgress {
  /** Records whose work has ended: execution stopped, skipped or dead-lettered. */
  contactsDone: number;
  /** Records in every batch. */
  contactsTotal: number;
  /** Salesforce API calls the emulated org counted so far. */
  apiCalls: number;
}

/** Progress reporting of {@link runCtrBatches}. */
export interface LocalRunOptions {
  /** Called every {@link progressIntervalMs} while the run lasts, and once at the end. */
  onProgress?: (progress: LocalRunProgress) => void;
  /** Default 250 ms. */
  progressIntervalMs?: number;
}

/**
 * The outcome of a local run: the printed report, every execution, the failures and the records
 * that never got through.
 */
export interface LocalRunResult {
  report: PipelineReport;
  contacts: ContactReport[];
  /** Executions that did not succeed. */
  failures: ContactReport[];
  /** Records still failing after every re-delivery (lost if Lambda gave up). */
  unresolvedRetries: Array<{ contactId?: string; reason: string }>;
  batches: number;
  records: number;
}

/**
 * Runs CTR files through the local pipeline, each file as one Kinesis batch: puts a recording at
 * every location the records name, delivers, waits for every execution and reports.
 *
 * @example
 * ```ts
 * const result = await runCtrBatches(pipeline, [readCtrFile('day.jsonl')], { onProgress: show });
 * ```
 */
export async function runCtrBatches(
  pipeline: LocalPipeline,
  batches: ReadonlyArray<CtrFileBatch>,
  options: LocalRunOptions = {},
): Promise<LocalRunResult> {
  const records = batches.reduce((sum, batch) => sum + batch.records.length, 0);
  const report = () => options.onProgress?.(progressOf(pipeline, records));
  const ticker = options.onProgress ? setInterval(report, options.progressIntervalMs ?? 250) : undefined;
  ticker?.unref();
  try {
    await pipeline.putRecordingsFor(batches.flatMap((batch) => batch.records));
    for (const batch of batches) {
      await pipeline.deliver(batch.records);
      await pipeline.settle();
    }
  } finally {
    clearInterval(ticker);
  }
  report();
  const unresolved = new Map<string, { contactId?: string; reason: string }>();
  for (const outcome of pipeline.outcomes) {
    if (outcome.status === 'retry')
      unresolved.set(outcome.sequenceNumber, { contactId: outcome.contactId, reason: outcome.reason });
    else unresolved.delete(outcome.sequenceNumber);
  }
  const contacts = pipeline.contactReports();
  return {
    report: buildPipelineReport(pipeline, contacts),
    contacts,
    failures: contacts.filter((contact) => contact.status !== 'SUCCEEDED'),
    unresolvedRetries: [...unresolved.values()],
    batches: batches.length,
    records,
  };
}

function progressOf(pipeline: LocalPipeline, total: number): LocalRunProgress {
  const latest = new Map<string, RecordOutcome>();
  for (const outcome of pipeline.outcomes) latest.set(outcome.sequenceNumber, outcome);
  let done = 0;
  for (const outcome of latest.values()) {
    if (outcome.status === 'skipped' || outcome.status === 'deadLettered') done += 1;
    else if (outcome.status === 'started' && pipeline.store.get(outcome.executionName)?.status !== 'RUNNING')
      done += 1;
  }
  return {
    contactsDone: Math.min(done, total),
    contactsTotal: total,
    apiCalls: pipeline.emulator.apiUsage().apiCalls,
  };
}

/** The progress line's text, e.g. `Contacts 120/1000 done (12 %), 121 Salesforce API calls`. */
export function progressText(progress: LocalRunProgress): string {
  const percent =
    progress.contactsTotal === 0 ? 100 : Math.floor((100 * progress.contactsDone) / progress.contactsTotal);
  return `Contacts ${progress.contactsDone}/${progress.contactsTotal} done (${percent} %), ${progress.apiCalls} Salesforce API calls`;
}

/**
 * Saves what the `--local` operations commands continue from: the executions (to the store's
 * file), the contact record stream, the emulated org and the dead-letter queue.
 */
export function saveLocalRun(
  pipeline: LocalPipeline,
  files: { salesforce: string; deadLetters: string; stream?: string } = {
    salesforce: SALESFORCE_STATE_FILE,
    deadLetters: DEAD_LETTER_FILE,
    stream: KINESIS_STREAM_FILE,
  },
): void {
  pipeline.store.save();
  if (files.stream) pipeline.stream.save(files.stream);
  saveLocalJson(files.salesforce, pipeline.emulator.exportState());
  saveLocalJson(
    files.deadLetters,
    pipeline.deadLettered.map((record, index) => ({
      messageId: `local-${index + 1}`,
      body: record.messageBody,
    })),
  );
}
