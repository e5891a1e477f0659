/**
 * `npm run replay-dlq`: takes the dead-letter queue's messages off one by one, runs their records
 * through the trigger logic again, and deletes a message only once every one of its records is
 * handled (an execution started, or skipped with a reason such as "already processed"). A record
 * that is still malformed, or whose start must be retried, keeps its message: nothing is lost.
 *
 * The queue holds two kinds of message:
 * - the trigger's own (`source: 'ctr-trigger'`): one record that can never succeed as it is, with
 *   its data, inline or, when it was too large for SQS, stored in the payload bucket (`dataStoredIn`:
 *   read back and checked against its size and SHA-256, so the record replayed is byte for byte the
 *   one delivered);
 * - Lambda's on-failure records for the Kinesis mapping (retries exhausted, or too old): a shard
 *   and sequence range only. Its records are read back from the stream while it still holds them
 *   (`stream-batch.ts`) and replayed as one batch; a record the trigger parks now is on the queue
 *   as a message of its own, so it counts as handled. Records the stream no longer holds are listed
 *   by shard and sequence range, and the message stays (the command exits 1).
 *
 * @example
 * ```ts
 * const report = await replayDeadLetters(queue, { startBatch: (event) => handleKinesisBatch(event, deps) });
 * ```
 */
import type { SQSClient } from '@aws-sdk/client-sqs';
import type { KinesisStreamEvent, KinesisStreamRecord } from 'aws-lambda';
import type { DeadLetterMessage } from '../../functions/ctr-trigger/dead-letter.js';
import type { RecordOutcome } from '../../functions/ctr-trigger/index.js';
import { CtrRejectedError } from '../../shared/ctr/errors.js';
import { decodeContactTraceRecord } from '../../shared/ctr/parse.js';
import { type PayloadReference, parsePayloadReference } from '../../shared/payloads/payload-reference.js';
import {
  type KinesisBatchInfo,
  type MissingRange,
  type OnFailureRecord,
  parseOnFailureRecord,
  type StreamBatch,
} from './stream-batch.js';

/** One message taken off the dead-letter queue (hidden from others until deleted or timed out). */
export interface ReceivedDeadLetter {
  receiptHandle: string;
  messageId: string;
  body: string;
}

/** The dead-letter queue as replay needs it (SQS in AWS, an in-memory queue locally). */
export interface DeadLetterQueue {
  /** Up to `max` messages; an empty array when the queue is drained. */
  receive(max: number): Promise<ReceivedDeadLetter[]>;
  delete(receiptHandle: string): Promise<void>;
}

/** What became of one dead letter. */
export type ReplayAction = 'started' | 'skipped' | 'kept' | 'would-replay';

/** One dead letter's replay. */
export interface ReplayResult {
  messageId: string;
  contactId?: string;
  originalReason?: string;
  action: ReplayAction;
  /** Execution started, skip reason, or why the message stays. */
  detail: string;
  deleted: boolean;
  /** On-failure records: how many records were read back from the stream. */
  records?: number;
  /** On-failure records: what the stream no longer holds. */
  missing?: MissingRange[];
}

/** Where a replayed batch comes from: a parked record (never parked again) or the stream. */
export type ReplaySource = 'dead-letter' | 'stream';

/** How dead letters are replayed. */
export interface ReplayOptions {
  /**
   * Runs one Kinesis batch through the trigger logic. Records read back from the stream may be
   * parked on the queue like any delivery (`stream`); a parked record is not parked twice.
   */
  startBatch: (event: KinesisStreamEvent, source: ReplaySource) => Promise<RecordOutcome[]>;
  /** Reads an on-failure record's batch back from the stream (Kinesis GetShardIterator/GetRecords). */
  readStreamBatch?: (batch: KinesisBatchInfo) => Promise<StreamBatch>;
  /**
   * Reads a dead letter's stored data back from the payload bucket (S3 GetObject), checked
   * against the reference's size and SHA-256.
   */
  readPayload?: (ref: PayloadReference) => Promise<string>;
  dryRun?: boolean;
  /** Stop after this many messages (default: until the queue is drained). */
  maxMessages?: number;
  onResult?: (result: ReplayResult) => void;
}

/** The outcome of a replay: every message, those kept, and stream ranges no longer available. */
export interface ReplayReport {
  results: ReplayResult[];
  /** Messages kept because a record is still not handled (bad data, a retryable start failure, lost). */
  kept: number;
  /** Ranges of on-failure batches the stream no longer holds. */
  missing: MissingRange[];
}

/** A ctr-trigger message: its data inline, or stored (`dataStoredIn`); anything else is undefined. */
function parseMessage(body: string): DeadLetterMessage | undefined {
  try {
    const parsed = JSON.parse(body) as Partial<DeadLetterMessage>;
    if (parsed.source !== 'ctr-trigger' || !parsed.kinesis) return undefined;
    const stored = parsePayloadReference(parsed.dataStoredIn);
    if (typeof parsed.data !== 'string' && stored === undefined) return undefined;
    return {
      ...(parsed as DeadLetterMessage),
      data: typeof parsed.data === 'string' ? parsed.data : null,
      dataStoredIn: stored ?? null,
    };
  } catch {
    return undefined;
  }
}

/** The record's data as delivered: inline, or read back from the payload bucket. */
async function dataOf(
  message: DeadLetterMessage,
  options: ReplayOptions,
): Promise<{ data: string } | { kept: string }> {
  const stored = message.dataStoredIn;
  if (stored === null) return { data: message.data ?? '' };
  const where = `s3://${stored.bucket}/${stored.key}`;
  if (!options.readPayload) return { kept: `data is stored at ${where}: no payload reader to read it back` };
  try {
    return { data: await options.readPayload(stored) };
  } catch (error) {
    const name = error instanceof Error ? error.name : 'Error';
    return { kept: `data stored at ${where} cannot be read back: ${name}: ${(error as Error).message}` };
  }
}

/** The Kinesis record the trigger saw, rebuilt from the dead-letter message and its data. */
export function toKinesisRecord(message: DeadLetterMessage, data: string): KinesisStreamRecord {
  return {
    eventSource: 'aws:kinesis',
    eventVersion: '1.0',
    eventID: message.kinesis.eventID ?? `replay:${message.kinesis.sequenceNumber}`,
    eventName: 'aws:kinesis:record',
    eventSourceARN: message.kinesis.eventSourceARN ?? 'replay',
    invokeIdentityArn: 'replay',
    awsRegion: process.env.AWS_REGION ?? 'us-east-1',
    kinesis: {
      kinesisSchemaVersion: '1.0',
      partitionKey: message.kinesis.partitionKey ?? '',
      sequenceNumber: message.kinesis.sequenceNumber,
      data,
      approximateArrivalTimestamp: message.kinesis.approximateArrivalTimestamp ?? 0,
    },
  };
}

function describeOutcome(outcome: RecordOutcome): { action: ReplayAction; detail: string; handled: boolean } {
  switch (outcome.status) {
    case 'started':
      return { action: 'started', detail: outcome.executionName, handled: true };
    case 'skipped':
      return { action: 'skipped', detail: outcome.reason, handled: true };
    case 'deadLettered':
      return {
        action: 'kept',
        detail: `still rejected: ${outcome.reason}: ${outcome.detail}`,
        handled: false,
      };
    case 'retry':
      return { action: 'kept', detail: `start failed, retry later: ${outcome.reason}`, handled: false };
  }
}

async function replayOne(
  queue: DeadLetterQueue,
  received: ReceivedDeadLetter,
  options: ReplayOptions,
): Promise<ReplayResult> {
  const message = parseMessage(received.body);
  const base = {
    messageId: received.messageId,
    contactId: message?.contactId ?? undefined,
    originalReason: message?.reason,
  };
  if (!message) {
    const onFailure = parseOnFailureRecord(received.body);
    if (onFailure) return replayStreamBatch(queue, received, onFailure, options);
    return {
      ...base,
      action: 'kept',
      detail: 'neither a ctr-trigger dead-letter message nor a Kinesis on-failure record',
      deleted: false,
    };
  }
  const resolved = await dataOf(message, options);
  if ('kept' in resolved) return { ...base, action: 'kept', detail: resolved.kept, deleted: false };
  if (options.dryRun) {
    try {
      const ctr = decodeContactTraceRecord(resolved.data);
      return {
        ...base,
        contactId: ctr.ContactId,
        action: 'would-replay',
        detail: 'decodes now; would run through the trigger',
        deleted: false,
      };
    } catch (error) {
      if (!(error instanceof CtrRejectedError)) throw error;
      return {
        ...base,
        action: 'kept',
        detail: `still rejected: ${error.reason}: ${error.message}`,
        deleted: false,
      };
    }
  }
  const [outcome] = await options.startBatch(
    { Records: [toKinesisRecord(message, resolved.data)] },
    'dead-letter',
  );
  if (!outcome) throw new Error(`trigger returned no outcome for message ${received.messageId}`);
  const { action, detail, handled } = describeOutcome(outcome);
  if (handled) await queue.delete(received.receiptHandle);
  return { ...base, contactId: outcome.contactId ?? base.contactId, action, detail, deleted: handled };
}

/** Reads an exhausted batch back from the stream and runs it through the trigger. */
async function replayStreamBatch(
  queue: DeadLetterQueue,
  received: ReceivedDeadLetter,
  onFailure: OnFailureRecord,
  options: ReplayOptions,
): Promise<ReplayResult> {
  const { batch } = onFailure;
  const base = {
    messageId: received.messageId,
    originalReason: onFailure.condition,
  };
  const where = `${batch.shardId} ${batch.startSequenceNumber}…${batch.endSequenceNumber}`;
  if (!options.readStreamBatch) {
    return { ...base, action: 'kept', detail: 'no stream reader to read the batch back', deleted: false };
  }
  const { records, missing } = await options.readStreamBatch(batch);
  const lost = missing.length === 0 ? '' : `; ${missing.map(describeMissing).join('; ')}`;
  if (records.length === 0) {
    return {
      ...base,
      action: 'kept',
      detail: `${where}: nothing to replay${lost}`,
      deleted: false,
      records: 0,
      missing,
    };
  }
  if (options.dryRun) {
    return {
      ...base,
      action: 'would-replay',
      detail: `${records.length} record(s) read back from the stream${lost}`,
      deleted: false,
      records: records.length,
      missing,
    };
  }
  const outcomes = await options.startBatch({ Records: records }, 'stream');
  const count = (status: RecordOutcome['status']) => outcomes.filter((o) => o.status === status).length;
  const retried = outcomes.filter((o) => o.status === 'retry');
  const handled = retried.length === 0 && missing.length === 0;
  const summary = `${records.length} record(s): ${count('started')} started, ${count('skipped')} skipped, ${count('deadLettered')} parked`;
  const why = retried.length > 0 ? `; ${retried.length} to retry later (${retried[0]?.reason})` : '';
  if (handled) await queue.delete(received.receiptHandle);
  return {
    ...base,
    action: handled ? (count('started') > 0 ? 'started' : 'skipped') : 'kept',
    detail: `${where}: ${summary}${why}${lost}`,
    deleted: handled,
    records: records.length,
    missing,
  };
}

function describeMissing(range: MissingRange): string {
  return `not replayed: ${range.shardId} ${range.fromSequenceNumber}…${range.toSequenceNumber} (${range.reason})`;
}

/**
 * Replays the queue's dead letters through the trigger logic; a message is deleted only once its
 * records are handled, else kept for the next run.
 */
export async function replayDeadLetters(
  queue: DeadLetterQueue,
  options: ReplayOptions,
): Promise<ReplayReport> {
  const results: ReplayResult[] = [];
  const seen = new Set<string>();
  const limit = options.maxMessages ?? Number.POSITIVE_INFINITY;
  while (results.length < limit) {
    const batch = await queue.receive(Math.min(10, limit - results.length));
    // A kept message becomes visible again later; seeing it twice means the queue holds nothing new.
    const fresh = batch.filter((m) => !seen.has(m.messageId));
    if (fresh.length === 0) break;
    for (const received of fresh) {
      seen.add(received.messageId);
      const result = await replayOne(queue, received, options);
      results.push(result);
      options.onResult?.(result);
    }
  }
  return {
    results,
    kept: results.filter((r) => !r.deleted && r.action === 'kept').length,
    missing: results.flatMap((r) => r.missing ?? []),
  };
}

/**
 * The SQS client the trigger gets during a replay. A record that is still malformed is reported
 * through its outcome and its message simply stays on the queue, so the trigger must not park it
 * a second time: this client accepts SendMessage and sends nothing.
 */
export function nonReparkingSqsClient(): SQSClient {
  return { send: async () => ({}) } as unknown as SQSClient;
}
