/**
 * Builds Kinesis stream events the way Lambda delivers them (base64 data, decimal sequence numbers, one shard), for tests,
 * `npm start` and benchmarks that drive the real trigger handler.
 *
 * @example
 * ```ts
 * const event = kinesisEventOf([ctr, ctr, { rawData: 'not base64!' }]);
 * await handler(event, context);
 * ```
 */
import type { KinesisStreamEvent, KinesisStreamRecord } from 'aws-lambda';

/** A record whose `data` is used verbatim (to simulate malformed deliveries). */
export interface RawKinesisData {
  rawData: string;
}

/** Where and when the records of a built Kinesis event seem to come from. */
export interface KinesisEventOptions {
  /** Default `shardId-000000000000`. */
  shardId?: string;
  /** Sequence number of the first record (decimal string); later ones count up. */
  firstSequenceNumber?: string;
  streamArn?: string;
  region?: string;
  /** Epoch seconds of the first record's arrival (default 1795860000). */
  approximateArrivalTimestamp?: number;
}

const DEFAULT_FIRST_SEQUENCE = '49590338271490256608559692538361571095921575989136588800';

/** One event with one record per payload: objects are JSON-encoded then base64-encoded. */
export function kinesisEventOf(
  payloads: ReadonlyArray<unknown | RawKinesisData>,
  options: KinesisEventOptions = {},
): KinesisStreamEvent {
  const shardId = options.shardId ?? 'shardId-000000000000';
  const region = options.region ?? 'us-east-1';
  const streamArn = options.streamArn ?? `arn:aws:kinesis:${region}:123456789012:stream/connect-ctr`;
  const first = BigInt(options.firstSequenceNumber ?? DEFAULT_FIRST_SEQUENCE);
  const arrival = options.approximateArrivalTimestamp ?? 1795860000;
  return {
    Records: payloads.map((payload, index): KinesisStreamRecord => {
      const sequenceNumber = (first + BigInt(index)).toString();
      const data = isRaw(payload)
        ? payload.rawData
        : Buffer.from(JSON.stringify(payload), 'utf8').toString('base64');
      return {
        kinesis: {
          kinesisSchemaVersion: '1.0',
          partitionKey: partitionKeyOf(payload),
          sequenceNumber,
          data,
          approximateArrivalTimestamp: arrival + index / 1000,
        },
        eventSource: 'aws:kinesis',
        eventVersion: '1.0',
        eventID: `${shardId}:${sequenceNumber}`,
        eventName: 'aws:kinesis:record',
        invokeIdentityArn: 'arn:aws:iam::123456789012:role/ctr-trigger',
        awsRegion: region,
        eventSourceARN: streamArn,
      };
    }),
  };
}

/** The sequence number that follows the last record of `event` (to build the next batch). */
export function nextSequenceNumber(event: KinesisStreamEvent): string {
  const last = event.Records.at(-1);
  return last === undefined ? DEFAULT_FIRST_SEQUENCE : (BigInt(last.kinesis.sequenceNumber) + 1n).toString();
}

function isRaw(payload: unknown): payload is RawKinesisData {
  return (
    typeof payload === 'object' && payload !== null && typeof (payload as RawKinesisData).rawData === 'string'
  );
}

function partitionKeyOf(payload: unknown): string {
  if (typeof payload === 'object' && payload !== null) {
    const contactId = (payload as Record<string, unknown>)['ContactId'];
    if (typeof contactId === 'string' && contactId !== '') return contactId;
  }
  return 'unknown';
}
