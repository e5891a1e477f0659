/**
 * First step of a batch: decode every Kinesis record into a CTR, or into the reason it can never
 * become one.
 *
 * @example
 * ```ts
 * const decoded = decodeRecords(event.Records);
 * const valid = decoded.filter((d) => d.ctr !== null);
 * ```
 */
import type { KinesisStreamRecord } from 'aws-lambda';
import { CtrRejectedError } from '../../shared/ctr/errors.js';
import { decodeContactTraceRecord } from '../../shared/ctr/parse.js';
import type { ContactTraceRecord } from '../../shared/ctr/types.js';

/** A Kinesis record decoded into its CTR, or the reason it can never become one. */
export type DecodedRecord =
  | { record: KinesisStreamRecord; ctr: ContactTraceRecord; rejection: null }
  | { record: KinesisStreamRecord; ctr: null; rejection: CtrRejectedError };

/** A record that decoded into a CTR. */
export type DecodedCtrRecord = Extract<DecodedRecord, { rejection: null }>;

/**
 * Decodes every record of a batch, in order; only a {@link CtrRejectedError} is turned into a
 * rejection, any other error is thrown.
 */
export function decodeRecords(records: readonly KinesisStreamRecord[]): DecodedRecord[] {
  return records.map((record) => {
    try {
      return { record, ctr: decodeContactTraceRecord(record.kinesis.data ?? ''), rejection: null };
    } catch (error) {
      if (error instanceof CtrRejectedError) return { record, ctr: null, rejection: error };
      throw error;
    }
  });
}
