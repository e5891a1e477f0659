/**
 * The trigger's logic as a plain function: one Kinesis batch in, one outcome per record out (in
 * the batch's order). The Lambda handler turns `retry` outcomes into batch item failures; the local
 * runner (`npm start`) prints the outcomes and runs the started executions.
 *
 * 1. Decode and validate every record; one that can never succeed is dead-lettered.
 * 2. Collapse the records of one contact to its newest version.
 * 3. Per contact (at most `maxConcurrency` at once): plan, then start the full execution or a CTR
 *    refresh (see `startContactExecution`).
 *
 * Every record ends `started`, `skipped` (with a reason), `deadLettered` or `retry`: none is lost.
 * A record is dead-lettered only once SendMessage succeeded; if that fails it is retried instead.
 *
 * @example
 * ```ts
 * const outcomes = await handleKinesisBatch(event, { sfn: new SFNClient({}), sqs: new SQSClient({}), settings });
 * const failures = outcomes.filter((o) => o.status === 'retry').map((o) => o.sequenceNumber);
 * ```
 */
import type { KinesisStreamEvent } from 'aws-lambda';
import { mapWithConcurrency } from '../../shared/concurrency/map-with-concurrency.js';
import { METRIC } from '../../shared/observability/metric-names.js';
import { collapseByContact } from './collapse-duplicates.js';
import { type DeadLetterEntry, sendToDeadLetterQueue } from './dead-letter.js';
import { type DecodedCtrRecord, decodeRecords } from './decode-records.js';
import {
  type ContactStartResult,
  describeError,
  nameOf,
  startContactExecution,
} from './start-contact-execution.js';
import type { CtrTriggerDependencies, RecordOutcome, SkipReasonCode } from './types.js';

/**
 * Handles one Kinesis batch of CTRs: decodes every record (dead-lettering those that can never
 * succeed), collapses each contact to its newest version and starts its post-call execution, at
 * most `maxConcurrency` contacts at once. Returns one outcome per record in the batch's order:
 * `started`, `skipped` with a reason, `deadLettered` or `retry`.
 *
 * @example
 * ```ts
 * const outcomes = await handleKinesisBatch(event, { sfn, sqs, settings: readCtrTriggerSettings(process.env) });
 * outcomes.filter((outcome) => outcome.status === 'retry'); // become batch item failures
 * ```
 */
export async function handleKinesisBatch(
  event: KinesisStreamEvent,
  deps: CtrTriggerDependencies,
): Promise<RecordOutcome[]> {
  const { logger, settings } = deps;
  const outcomes = new Map<string, RecordOutcome>();
  const decoded = decodeRecords(event.Records);

  const deadLetters: DeadLetterEntry[] = [];
  const valid: DecodedCtrRecord[] = [];
  for (const item of decoded) {
    if (item.rejection === null) valid.push(item);
    else
      deadLetters.push({
        record: item.record,
        reason: item.rejection.reason,
        detail: item.rejection.message,
      });
  }

  const contacts = collapseByContact(valid);
  for (const { newest, superseded } of contacts) {
    for (const item of superseded) {
      const sequenceNumber = item.record.kinesis.sequenceNumber;
      const reason = `superseded in this batch by record ${newest.record.kinesis.sequenceNumber} (version ${newest.ctr.LastUpdateTimestamp ?? 'unknown'})`;
      logger?.debug('Record collapsed', { contactId: item.ctr.ContactId, sequenceNumber, reason });
      outcomes.set(sequenceNumber, {
        status: 'skipped',
        sequenceNumber,
        contactId: item.ctr.ContactId,
        code: 'superseded-in-batch',
        reason,
      });
    }
  }

  const started = await mapWithConcurrency(contacts, settings.maxConcurrency, async ({ newest }) => {
    try {
      return await startContactExecution(newest.ctr, newest.record.kinesis.sequenceNumber, deps);
    } catch (error) {
      // Never let one contact's unexpected error fail the others: retry just this record.
      return {
        status: 'retry',
        sequenceNumber: newest.record.kinesis.sequenceNumber,
        contactId: newest.ctr.ContactId,
        reason: `unexpected error: ${describeError(error)}`,
        errorName: nameOf(error),
      } satisfies ContactStartResult;
    }
  });
  for (const [index, result] of started.entries()) {
    if (result.status !== 'inputRejected') {
      outcomes.set(result.sequenceNumber, result);
      continue;
    }
    const record = contacts[index]!.newest.record;
    deadLetters.push({
      record,
      reason: 'execution-input-rejected',
      detail: result.detail,
      contactId: result.contactId,
    });
  }

  const now = deps.now ?? (() => new Date());
  await mapWithConcurrency(deadLetters, settings.maxConcurrency, async (entry) => {
    const sequenceNumber = entry.record.kinesis.sequenceNumber;
    try {
      const dataStoredIn = await sendToDeadLetterQueue(
        deps.sqs,
        settings.deadLetterQueueUrl,
        entry,
        now(),
        deps.payloads,
      );
      // The detail can quote the record (a service's message about its input): DEBUG only; the
      // dead-letter message keeps it with the full data.
      logger?.warn('Record dead-lettered', {
        sequenceNumber,
        reason: entry.reason,
        ...(dataStoredIn === undefined ? {} : { dataStoredIn: dataStoredIn.key }),
      });
      logger?.debug('Record dead-lettered (detail)', { sequenceNumber, detail: entry.detail });
      outcomes.set(sequenceNumber, {
        status: 'deadLettered',
        sequenceNumber,
        reason: entry.reason,
        detail: entry.detail,
        data: entry.record.kinesis.data ?? '',
        ...(dataStoredIn === undefined ? {} : { dataStoredIn }),
        ...(entry.contactId === undefined ? {} : { contactId: entry.contactId }),
      });
    } catch (error) {
      const reason = `dead-letter SendMessage failed (${entry.reason}): ${describeError(error)}`;
      logger?.error('Dead-letter queue unavailable, record will be retried', { sequenceNumber, reason });
      outcomes.set(sequenceNumber, {
        status: 'retry',
        sequenceNumber,
        reason,
        errorName: nameOf(error),
        ...(entry.contactId === undefined ? {} : { contactId: entry.contactId }),
      });
    }
  });

  const ordered = event.Records.map((record) => {
    const outcome = outcomes.get(record.kinesis.sequenceNumber);
    if (outcome === undefined) throw new Error(`no outcome for record ${record.kinesis.sequenceNumber}`);
    return outcome;
  });
  recordMetrics(deps, ordered);
  return ordered;
}

/** Skips counted as `SupersededVersions`: another version of the contact was applied instead. */
export const SUPERSEDED_SKIP_CODES: ReadonlySet<SkipReasonCode> = new Set<SkipReasonCode>([
  'superseded-in-batch',
  'superseded',
]);

function recordMetrics({ metrics }: CtrTriggerDependencies, outcomes: readonly RecordOutcome[]): void {
  if (metrics === undefined) return;
  const count = (predicate: (outcome: RecordOutcome) => boolean): number => outcomes.filter(predicate).length;
  metrics.addMetric(
    METRIC.executionsStarted,
    'Count',
    count((o) => o.status === 'started' && o.kind === 'full'),
  );
  metrics.addMetric(
    'CtrRefreshesStarted',
    'Count',
    count((o) => o.status === 'started' && o.kind === 'ctrRefresh'),
  );
  metrics.addMetric(
    'RecordsSkipped',
    'Count',
    count((o) => o.status === 'skipped'),
  );
  metrics.addMetric(
    METRIC.supersededVersions,
    'Count',
    count((o) => o.status === 'skipped' && SUPERSEDED_SKIP_CODES.has(o.code)),
  );
  metrics.addMetric(
    METRIC.recordsDeadLettered,
    'Count',
    count((o) => o.status === 'deadLettered'),
  );
  metrics.addMetric(
    'RecordsRetried',
    'Count',
    count((o) => o.status === 'retry'),
  );
}
