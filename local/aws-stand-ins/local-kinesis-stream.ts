/**
 * The contact record stream offline: one shard whose records (data, partition key, sequence
 * numbers) `npm start` keeps in `.local-state/kinesis-stream.json`, answering the Kinesis read API
 * on an SDK client the way Kinesis does, so replaying an exhausted batch runs the same code as in
 * AWS:
 *
 * - GetShardIterator `AT_SEQUENCE_NUMBER` / `AFTER_SEQUENCE_NUMBER` / `TRIM_HORIZON` / `LATEST`; an
 *   unknown stream or shard is `ResourceNotFoundException`; a sequence number older than the
 *   retention (trimmed) is `InvalidArgumentException`, as Kinesis answers for an expired one.
 * - GetRecords returns at most `Limit` records from the iterator on, a `NextShardIterator`, and
 *   `MillisBehindLatest` 0 once it reached the tip of the shard.
 *
 * @example
 * ```ts
 * const stream = LocalKinesisStream.load();
 * const records = stream.put([ctr]);        // what the event source mapping delivers
 * const restore = stream.attach(kinesis);   // KinesisClient answers from the stream
 * stream.trimBefore(records[0].kinesis.sequenceNumber); // retention passed
 * stream.save();
 * ```
 */
import {
  GetRecordsCommand,
  type GetRecordsCommandInput,
  type GetRecordsCommandOutput,
  GetShardIteratorCommand,
  type GetShardIteratorCommandInput,
  InvalidArgumentException,
  type KinesisClient,
  ResourceNotFoundException,
} from '@aws-sdk/client-kinesis';
import type { KinesisStreamRecord } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { KINESIS_STREAM_FILE, loadLocalJson, saveLocalJson } from '../runner/local-state.js';
import { kinesisEventOf, nextSequenceNumber, type RawKinesisData } from './kinesis-event.js';

/** The CTR stream's ARN in offline runs. */
export const LOCAL_STREAM_ARN = 'arn:aws:kinesis:us-east-1:123456789012:stream/connect-ctr-local';
/** The one shard of the offline CTR stream. */
export const LOCAL_SHARD_ID = 'shardId-000000000000';

interface StreamState {
  streamArn: string;
  shardId: string;
  /** Records still held, oldest first. */
  records: KinesisStreamRecord[];
  /** The sequence number the next record gets. */
  nextSequenceNumber?: string;
}

const metadata = { httpStatusCode: 400 };

/**
 * The offline CTR stream: one shard whose records `npm start` keeps between runs, answering
 * GetShardIterator and GetRecords on an SDK client as Kinesis does, so replaying an exhausted batch
 * runs the same code offline as on AWS.
 */
export class LocalKinesisStream {
  readonly #state: StreamState;

  constructor(state?: StreamState) {
    this.#state = state ?? { streamArn: LOCAL_STREAM_ARN, shardId: LOCAL_SHARD_ID, records: [] };
  }

  /** The stream `npm start` saved, or an empty one. */
  static load(file: string = KINESIS_STREAM_FILE): LocalKinesisStream {
    return new LocalKinesisStream(loadLocalJson<StreamState>(file));
  }

  save(file: string = KINESIS_STREAM_FILE): void {
    saveLocalJson(file, this.#state);
  }

  get streamArn(): string {
    return this.#state.streamArn;
  }

  get shardId(): string {
    return this.#state.shardId;
  }

  /** Records still held. */
  get records(): readonly KinesisStreamRecord[] {
    return this.#state.records;
  }

  /** Appends one record per payload (objects JSON-encoded, `{rawData}` verbatim) and returns them. */
  put(payloads: ReadonlyArray<unknown | RawKinesisData>): KinesisStreamRecord[] {
    const event = kinesisEventOf(payloads, {
      firstSequenceNumber: this.#state.nextSequenceNumber,
      shardId: this.#state.shardId,
      streamArn: this.#state.streamArn,
      approximateArrivalTimestamp: Date.now() / 1000,
    });
    this.#state.nextSequenceNumber = nextSequenceNumber(event);
    this.#state.records.push(...event.Records);
    return event.Records;
  }

  /** Drops every record before `sequenceNumber` (all of them without one): the retention passed. */
  trimBefore(sequenceNumber?: string): void {
    const limit = sequenceNumber === undefined ? undefined : BigInt(sequenceNumber);
    this.#state.records = this.#state.records.filter(
      (record) => limit !== undefined && BigInt(record.kinesis.sequenceNumber) >= limit,
    );
  }

  /** Answers GetShardIterator and GetRecords on `client` from this stream; returns the restore function. */
  attach(client: KinesisClient): () => void {
    const stub = mockClient(client);
    stub.on(GetShardIteratorCommand).callsFake(async (input: GetShardIteratorCommandInput) => ({
      ShardIterator: this.#iterator(input),
      $metadata: { httpStatusCode: 200 },
    }));
    stub.on(GetRecordsCommand).callsFake(async (input: GetRecordsCommandInput) => this.#getRecords(input));
    return () => stub.restore();
  }

  #iterator(input: GetShardIteratorCommandInput): string {
    const streamName = this.#state.streamArn.split('/').pop();
    if (
      (input.StreamARN !== undefined && input.StreamARN !== this.#state.streamArn) ||
      (input.StreamARN === undefined && input.StreamName !== streamName) ||
      input.ShardId !== this.#state.shardId
    ) {
      throw new ResourceNotFoundException({
        message: `Shard ${input.ShardId} in stream ${input.StreamARN ?? input.StreamName} under account 123456789012 does not exist`,
        $metadata: metadata,
      });
    }
    const held = this.#state.records;
    const oldest = held[0] === undefined ? undefined : BigInt(held[0].kinesis.sequenceNumber);
    switch (input.ShardIteratorType) {
      case 'TRIM_HORIZON':
        return encodeIterator(oldest ?? BigInt(this.#state.nextSequenceNumber ?? 0));
      case 'LATEST':
        return encodeIterator(BigInt(this.#state.nextSequenceNumber ?? 0));
      case 'AT_SEQUENCE_NUMBER':
      case 'AFTER_SEQUENCE_NUMBER': {
        if (input.StartingSequenceNumber === undefined || !/^\d+$/.test(input.StartingSequenceNumber)) {
          throw new InvalidArgumentException({
            message: `StartingSequenceNumber ${input.StartingSequenceNumber} is not a sequence number`,
            $metadata: metadata,
          });
        }
        const start = BigInt(input.StartingSequenceNumber);
        if (oldest === undefined || start < oldest) {
          throw new InvalidArgumentException({
            message: `StartingSequenceNumber ${input.StartingSequenceNumber} used in GetShardIterator on shard ${input.ShardId} in stream ${streamName} under account 123456789012 is invalid because it did not come from this stream or it has expired past the retention period.`,
            $metadata: metadata,
          });
        }
        return encodeIterator(input.ShardIteratorType === 'AT_SEQUENCE_NUMBER' ? start : start + 1n);
      }
      default:
        throw new InvalidArgumentException({
          message: `ShardIteratorType ${input.ShardIteratorType} is not supported here`,
          $metadata: metadata,
        });
    }
  }

  #getRecords(input: GetRecordsCommandInput): GetRecordsCommandOutput {
    const from = decodeIterator(input.ShardIterator);
    const limit = Math.min(input.Limit ?? 10_000, 10_000);
    const pending = this.#state.records.filter((record) => BigInt(record.kinesis.sequenceNumber) >= from);
    const page = pending.slice(0, limit);
    const last = page.at(-1);
    const next = last === undefined ? from : BigInt(last.kinesis.sequenceNumber) + 1n;
    return {
      Records: page.map((record) => ({
        SequenceNumber: record.kinesis.sequenceNumber,
        PartitionKey: record.kinesis.partitionKey,
        Data: new Uint8Array(Buffer.from(record.kinesis.data, 'base64')),
        ApproximateArrivalTimestamp: new Date(record.kinesis.approximateArrivalTimestamp * 1000),
      })),
      NextShardIterator: encodeIterator(next),
      MillisBehindLatest: pending.length > page.length ? 1000 : 0,
      $metadata: { httpStatusCode: 200 },
    };
  }
}

function encodeIterator(position: bigint): string {
  return Buffer.from(JSON.stringify({ position: position.toString() }), 'utf8').toString('base64');
}

function decodeIterator(iterator: string | undefined): bigint {
  try {
    const parsed = JSON.parse(Buffer.from(iterator ?? '', 'base64').toString('utf8')) as { position: string };
    return BigInt(parsed.position);
  } catch {
    throw new InvalidArgumentException({
      message: `Invalid ShardIterator: ${iterator}`,
      $metadata: metadata,
    });
  }
}
