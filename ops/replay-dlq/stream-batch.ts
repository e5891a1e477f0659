/**
 * Lambda's on-failure record for a Kinesis event source mapping, and reading its records back.
 *
 * When the mapping gives up on a batch (retry attempts exhausted, or the records grew older than
 * the maximum record age) it sends the on-failure destination a record with the batch's shard and
 * sequence range only, never the data:
 *
 * ```json
 * { "requestContext": { "condition": "RetryAttemptsExhausted", "functionArn": "…", "approximateInvokeCount": 4 },
 *   "version": "1.0", "timestamp": "2026-12-03T10:00:00.000Z",
 *   "KinesisBatchInfo": { "shardId": "shardId-000000000000", "startSequenceNumber": "4959…", "endSequenceNumber": "4959…",
 *     "approximateArrivalOfFirstRecord": "…", "approximateArrivalOfLastRecord": "…", "batchSize": 10,
 *     "streamArn": "arn:aws:kinesis:…:stream/…" } }
 * ```
 *
 * The records are read back while the stream still holds them: GetShardIterator
 * `AT_SEQUENCE_NUMBER` at the start sequence number, then GetRecords until a record past the end
 * sequence number, or the tip of the shard. Whatever the stream no longer holds is reported as a
 * missing range (an expired start sequence number is refused by GetShardIterator).
 *
 * @example
 * ```ts
 * const info = parseKinesisBatchInfo(body);
 * if (info) { const { records, missing } = await readStreamBatch(new KinesisClient({}), info); }
 * ```
 */
import { GetRecordsCommand, GetShardIteratorCommand, type KinesisClient } from '@aws-sdk/client-kinesis';
import type { KinesisStreamRecord } from 'aws-lambda';

/** `KinesisBatchInfo` of an on-failure record. */
export interface KinesisBatchInfo {
  shardId: string;
  startSequenceNumber: string;
  endSequenceNumber: string;
  streamArn: string;
  batchSize?: number;
  approximateArrivalOfFirstRecord?: string;
  approximateArrivalOfLastRecord?: string;
}

/** What the on-failure record says about why the batch was given up. */
export interface OnFailureRecord {
  condition: string;
  timestamp?: string;
  batch: KinesisBatchInfo;
}

/** Part of the batch the stream no longer holds. */
export interface MissingRange {
  shardId: string;
  /** First sequence number not read back (inclusive). */
  fromSequenceNumber: string;
  /** Last sequence number of the range (inclusive), or the record before which the gap ends. */
  toSequenceNumber: string;
  reason: string;
}

/** An on-failure batch read back from the stream, and the ranges it no longer holds. */
export interface StreamBatch {
  /** The records read back, as the event source mapping would deliver them. */
  records: KinesisStreamRecord[];
  missing: MissingRange[];
}

const SEQUENCE = /^\d+$/;

/** The on-failure record in an SQS body, or undefined when the body is something else. */
export function parseOnFailureRecord(body: string): OnFailureRecord | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null) return undefined;
  const { KinesisBatchInfo: info, requestContext, timestamp } = parsed as Record<string, unknown>;
  if (typeof info !== 'object' || info === null) return undefined;
  const batch = info as Record<string, unknown>;
  const text = (key: string) => (typeof batch[key] === 'string' ? (batch[key] as string) : undefined);
  const shardId = text('shardId');
  const startSequenceNumber = text('startSequenceNumber');
  const endSequenceNumber = text('endSequenceNumber');
  const streamArn = text('streamArn');
  if (!shardId || !streamArn || !startSequenceNumber || !endSequenceNumber) return undefined;
  if (!SEQUENCE.test(startSequenceNumber) || !SEQUENCE.test(endSequenceNumber)) return undefined;
  const condition = (requestContext as { condition?: unknown } | undefined)?.condition;
  return {
    condition: typeof condition === 'string' ? condition : 'unknown',
    ...(typeof timestamp === 'string' ? { timestamp } : {}),
    batch: {
      shardId,
      startSequenceNumber,
      endSequenceNumber,
      streamArn,
      ...(typeof batch.batchSize === 'number' ? { batchSize: batch.batchSize } : {}),
      ...(text('approximateArrivalOfFirstRecord')
        ? { approximateArrivalOfFirstRecord: text('approximateArrivalOfFirstRecord') }
        : {}),
      ...(text('approximateArrivalOfLastRecord')
        ? { approximateArrivalOfLastRecord: text('approximateArrivalOfLastRecord') }
        : {}),
    },
  };
}

/** Errors meaning "the stream no longer holds this" rather than "try again". */
const GONE = new Set(['InvalidArgumentException', 'ResourceNotFoundException', 'ExpiredIteratorException']);

/** Reads the batch back from the stream; throws only on errors worth retrying (throttling, outages). */
export async function readStreamBatch(
  kinesis: KinesisClient,
  info: KinesisBatchInfo,
  options: { pageSize?: number; maxPages?: number } = {},
): Promise<StreamBatch> {
  const start = BigInt(info.startSequenceNumber);
  const end = BigInt(info.endSequenceNumber);
  const whole: MissingRange = {
    shardId: info.shardId,
    fromSequenceNumber: info.startSequenceNumber,
    toSequenceNumber: info.endSequenceNumber,
    reason: '',
  };
  let iterator: string | undefined;
  try {
    const answer = await kinesis.send(
      new GetShardIteratorCommand({
        StreamARN: info.streamArn,
        ShardId: info.shardId,
        ShardIteratorType: 'AT_SEQUENCE_NUMBER',
        StartingSequenceNumber: info.startSequenceNumber,
      }),
    );
    iterator = answer.ShardIterator;
  } catch (error) {
    const name = error instanceof Error ? error.name : 'UnknownError';
    if (!GONE.has(name)) throw error;
    return { records: [], missing: [{ ...whole, reason: `the stream no longer holds them (${name})` }] };
  }

  const records: KinesisStreamRecord[] = [];
  const region = info.streamArn.split(':')[3] ?? 'us-east-1';
  let done = false;
  for (let page = 0; iterator && !done && page < (options.maxPages ?? 1000); page++) {
    const answer = await kinesis.send(
      new GetRecordsCommand({
        ShardIterator: iterator,
        StreamARN: info.streamArn,
        Limit: options.pageSize ?? 1000,
      }),
    );
    for (const record of answer.Records ?? []) {
      const sequenceNumber = record.SequenceNumber ?? '0';
      if (BigInt(sequenceNumber) > end) {
        done = true;
        break;
      }
      records.push({
        kinesis: {
          kinesisSchemaVersion: '1.0',
          partitionKey: record.PartitionKey ?? '',
          sequenceNumber,
          data: Buffer.from(record.Data ?? new Uint8Array()).toString('base64'),
          approximateArrivalTimestamp: (record.ApproximateArrivalTimestamp?.getTime() ?? 0) / 1000,
        },
        eventSource: 'aws:kinesis',
        eventVersion: '1.0',
        eventID: `${info.shardId}:${sequenceNumber}`,
        eventName: 'aws:kinesis:record',
        invokeIdentityArn: 'replay-dlq',
        awsRegion: region,
        eventSourceARN: info.streamArn,
      });
    }
    iterator = answer.NextShardIterator;
    // At the tip of the shard with nothing more: the end sequence number is not coming.
    if ((answer.Records ?? []).length === 0 && (answer.MillisBehindLatest ?? 0) === 0) break;
  }

  const missing: MissingRange[] = [];
  const first = records[0];
  if (first === undefined) {
    missing.push({ ...whole, reason: 'the stream returned none of them' });
  } else if (BigInt(first.kinesis.sequenceNumber) > start) {
    missing.push({
      ...whole,
      toSequenceNumber: first.kinesis.sequenceNumber,
      reason: `the stream no longer holds the records before ${first.kinesis.sequenceNumber}`,
    });
  }
  const last = records.at(-1);
  if (last !== undefined && BigInt(last.kinesis.sequenceNumber) < end) {
    missing.push({
      ...whole,
      fromSequenceNumber: last.kinesis.sequenceNumber,
      reason: `the stream holds nothing after ${last.kinesis.sequenceNumber} up to the end of the batch`,
    });
  }
  return { records, missing };
}
