/**
 * Parks a record that can never succeed on the dead-letter SQS queue (CTR_DLQ_URL), with its raw
 * data, the reason and where it came from (shard, sequence number), so an operator can inspect and
 * replay it (`npm run replay-dlq`). SQS caps a message at 256 KiB: larger data is truncated and
 * flagged; the shard/sequence still locate the original within the stream's retention.
 *
 * @example
 * ```ts
 * await sendToDeadLetterQueue(sqs, queueUrl, { record, reason: 'invalid-json', detail: 'Unexpected token' }, new Date());
 * ```
 */
import { createHash } from 'node:crypto';
import { SendMessageCommand, type SendMessageCommandInput, type SQSClient } from '@aws-sdk/client-sqs';
import type { KinesisStreamRecord } from 'aws-lambda';
import type { DeadLetterReason } from './types.js';

export interface DeadLetterEntry {
  record: KinesisStreamRecord;
  reason: DeadLetterReason;
  detail: string;
  contactId?: string;
}

/** The JSON body of a dead-letter message. */
export interface DeadLetterMessage {
  source: 'ctr-trigger';
  reason: DeadLetterReason;
  detail: string;
  contactId: string | null;
  /** The record's base64 `data` as delivered (possibly truncated, see `dataTruncated`). */
  data: string;
  dataTruncated: boolean;
  dataLength: number;
  kinesis: {
    eventSourceARN: string | null;
    eventID: string | null;
    shardId: string | null;
    sequenceNumber: string;
    partitionKey: string | null;
    approximateArrivalTimestamp: number | null;
  };
  deadLetteredAt: string;
}

/** Leaves room for the envelope below SQS's 262,144-byte message limit. */
export const MAX_DEAD_LETTER_DATA_CHARS = 240_000;

export function buildDeadLetterMessage(entry: DeadLetterEntry, now: Date): DeadLetterMessage {
  const { record } = entry;
  const data = record.kinesis.data ?? '';
  const eventId = typeof record.eventID === 'string' ? record.eventID : null;
  return {
    source: 'ctr-trigger',
    reason: entry.reason,
    detail: entry.detail.slice(0, 1000),
    contactId: entry.contactId ?? null,
    data: data.slice(0, MAX_DEAD_LETTER_DATA_CHARS),
    dataTruncated: data.length > MAX_DEAD_LETTER_DATA_CHARS,
    dataLength: data.length,
    kinesis: {
      eventSourceARN: record.eventSourceARN ?? null,
      eventID: eventId,
      shardId: eventId?.includes(':') ? eventId.slice(0, eventId.indexOf(':')) : null,
      sequenceNumber: record.kinesis.sequenceNumber,
      partitionKey: record.kinesis.partitionKey ?? null,
      approximateArrivalTimestamp: record.kinesis.approximateArrivalTimestamp ?? null,
    },
    deadLetteredAt: now.toISOString(),
  };
}

export function buildSendMessageInput(queueUrl: string, message: DeadLetterMessage): SendMessageCommandInput {
  const input: SendMessageCommandInput = {
    QueueUrl: queueUrl,
    MessageBody: JSON.stringify(message),
    MessageAttributes: {
      reason: { DataType: 'String', StringValue: message.reason },
      sequenceNumber: { DataType: 'String', StringValue: message.kinesis.sequenceNumber },
    },
  };
  if (queueUrl.endsWith('.fifo')) {
    // A re-delivered poison record is deduplicated by the FIFO queue (5-minute window).
    const identity = `${message.kinesis.eventSourceARN ?? ''}|${message.kinesis.eventID ?? message.kinesis.sequenceNumber}`;
    input.MessageGroupId = 'ctr-trigger';
    input.MessageDeduplicationId = createHash('sha256').update(identity).digest('hex');
  }
  return input;
}

/** Sends one dead-letter message; throws the SQS error (the caller retries the record). */
export async function sendToDeadLetterQueue(
  sqs: SQSClient,
  queueUrl: string,
  entry: DeadLetterEntry,
  now: Date,
): Promise<void> {
  await sqs.send(new SendMessageCommand(buildSendMessageInput(queueUrl, buildDeadLetterMessage(entry, now))));
}
