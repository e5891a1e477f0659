/**
 * `npm run replay-dlq`: takes the trigger's dead-lettered records off the queue, runs each through
 * the trigger logic again, and deletes a message only once its record is handled (an execution
 * started, or skipped with a reason such as "already processed"). A record that is still
 * malformed, or whose start must be retried, stays on the queue: nothing is lost.
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

export type ReplayAction = 'started' | 'skipped' | 'kept' | 'would-replay';

export interface ReplayResult {
  messageId: string;
  contactId?: string;
  originalReason?: string;
  action: ReplayAction;
  /** Execution started, skip reason, or why the message stays. */
  detail: string;
  deleted: boolean;
}

export interface ReplayOptions {
  /** Runs one Kinesis batch through the trigger logic. */
  startBatch: (event: KinesisStreamEvent) => Promise<RecordOutcome[]>;
  dryRun?: boolean;
  /** Stop after this many messages (default: until the queue is drained). */
  maxMessages?: number;
  onResult?: (result: ReplayResult) => void;
}

export interface ReplayReport {
  results: ReplayResult[];
  /** Messages kept because their record is still not handled (bad data, or a retryable start failure). */
  kept: number;
}

function parseMessage(body: string): DeadLetterMessage | undefined {
  try {
    const parsed = JSON.parse(body) as Partial<DeadLetterMessage>;
    return parsed.source === 'ctr-trigger' && typeof parsed.data === 'string' && parsed.kinesis
      ? (parsed as DeadLetterMessage)
      : undefined;
  } catch {
    return undefined;
  }
}

/** The Kinesis record the trigger saw, rebuilt from the dead-letter message. */
export function toKinesisRecord(message: DeadLetterMessage): KinesisStreamRecord {
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
      data: message.data,
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
  if (!message)
    return { ...base, action: 'kept', detail: 'not a ctr-trigger dead-letter message', deleted: false };
  if (message.dataTruncated) {
    return {
      ...base,
      action: 'kept',
      detail: `data was truncated when parked (${message.dataLength} chars); re-read sequence ${message.kinesis.sequenceNumber} from shard ${message.kinesis.shardId ?? '?'}`,
      deleted: false,
    };
  }
  if (options.dryRun) {
    try {
      const ctr = decodeContactTraceRecord(message.data);
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
  const [outcome] = await options.startBatch({ Records: [toKinesisRecord(message)] });
  if (!outcome) throw new Error(`trigger returned no outcome for message ${received.messageId}`);
  const { action, detail, handled } = describeOutcome(outcome);
  if (handled) await queue.delete(received.receiptHandle);
  return { ...base, contactId: outcome.contactId ?? base.contactId, action, detail, deleted: handled };
}

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
  return { results, kept: results.filter((r) => !r.deleted && r.action === 'kept').length };
}

/**
 * The SQS client the trigger gets during a replay. A record that is still malformed is reported
 * through its outcome and its message simply stays on the queue, so the trigger must not park it
 * a second time: this client accepts SendMessage and sends nothing.
 */
export function nonReparkingSqsClient(): SQSClient {
  return { send: async () => ({}) } as unknown as SQSClient;
}
