/**
 * Parks a record that can never succeed on the dead-letter SQS queue (CTR_DLQ_URL), with its raw
 * data, the reason and where it came from (shard, sequence number), so an operator can inspect and
 * replay it (`npm run replay-dlq`). The data is never cut: SQS caps a message at 256 KiB, so a
 * record whose message would be larger has its data stored in the payload bucket
 * (`dead-letters/<sha256>.b64`, the base64 text exactly as delivered) and the message carries the
 * key, size and SHA-256 instead (`dataStoredIn`). Without a payload bucket such a record is not
 * parked at all: the send fails and the record is retried, so the event source mapping's
 * on-failure record still locates it in the stream.
 *
 * @example
 * ```ts
 * await sendToDeadLetterQueue(sqs, queueUrl, { record, reason: 'invalid-json', detail: 'Unexpected token' }, new Date(), payloads);
 * ```
 */
import { createHash } from 'node:crypto';
import { SendMessageCommand, type SendMessageCommandInput, type SQSClient } from '@aws-sdk/client-sqs';
import type { KinesisStreamRecord } from 'aws-lambda';
import { deadLetterKey } from '../../shared/payloads/payload-keys.js';
import type { PayloadReference } from '../../shared/payloads/payload-reference.js';
import type { PayloadWriter } from '../../shared/payloads/payload-writer.js';
import { MAX_SQS_MESSAGE_BYTES, sqsMessageBytes } from '../../shared/sqs/send-message-rules.js';
import { DeadLetterTooLargeError } from './errors.js';
import type { DeadLetterReason } from './types.js';

/**
 * A record to park on the dead-letter queue: the Kinesis record as delivered, why it can never
 * become an execution, a short detail and the ContactId when one was read.
 */
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
  /** The record's base64 `data` exactly as delivered, or null when it is stored (`dataStoredIn`). */
  data: string | null;
  /** Where the data is when the message would have exceeded SQS's limit: bucket, key, size, SHA-256. */
  dataStoredIn: PayloadReference | null;
  /** Length of the base64 data in characters. */
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

/** The message of `entry`: its data inline, or the reference to where it was stored. */
export function buildDeadLetterMessage(
  entry: DeadLetterEntry,
  now: Date,
  dataStoredIn?: PayloadReference,
): DeadLetterMessage {
  const { record } = entry;
  const data = record.kinesis.data ?? '';
  const eventId = typeof record.eventID === 'string' ? record.eventID : null;
  return {
    source: 'ctr-trigger',
    reason: entry.reason,
    // A diagnostic (an error message, which may quote the record), not the data: kept short.
    detail: entry.detail.slice(0, 1000),
    contactId: entry.contactId ?? null,
    data: dataStoredIn === undefined ? data : null,
    dataStoredIn: dataStoredIn ?? null,
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

/**
 * The SendMessage request parking `message` on the queue, with its reason and sequence number as
 * message attributes; on a FIFO queue a re-delivered record is deduplicated by its stream identity.
 */
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

/**
 * Sends one dead-letter message, storing the data first when the message would not fit in SQS.
 * Throws the SQS or S3 error, or {@link DeadLetterTooLargeError} without a payload bucket (the
 * caller retries the record). Answers where the data was stored, if it was.
 */
export async function sendToDeadLetterQueue(
  sqs: SQSClient,
  queueUrl: string,
  entry: DeadLetterEntry,
  now: Date,
  payloads?: Pick<PayloadWriter, 'put'>,
): Promise<PayloadReference | undefined> {
  const inline = buildSendMessageInput(queueUrl, buildDeadLetterMessage(entry, now));
  const bytes = sqsMessageBytes(inline);
  if (bytes <= MAX_SQS_MESSAGE_BYTES) {
    await sqs.send(new SendMessageCommand(inline));
    return undefined;
  }
  if (payloads === undefined) {
    throw new DeadLetterTooLargeError(
      `the dead-letter message would be ${bytes} bytes (SQS takes ${MAX_SQS_MESSAGE_BYTES}) and no payload bucket is configured`,
    );
  }
  const stored = await payloads.put(deadLetterKey, entry.record.kinesis.data ?? '', 'text/plain');
  await sqs.send(
    new SendMessageCommand(buildSendMessageInput(queueUrl, buildDeadLetterMessage(entry, now, stored))),
  );
  return stored;
}
