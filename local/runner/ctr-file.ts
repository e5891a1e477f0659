/**
 * Reads contact records for the offline pipeline from a file: a JSON array of CTRs, or JSON lines
 * (one CTR per line). A line that is not valid JSON is kept as a malformed Kinesis record (its text
 * base64-encoded as the record data), so the trigger dead-letters it like a real bad record.
 *
 * @example
 * ```ts
 * const batch = readCtrFile('local/samples/01-first-delivery.jsonl');
 * await pipeline.deliver(batch.records);
 * ```
 */
import { readFileSync } from 'node:fs';
import type { RawKinesisData } from '../aws-stand-ins/kinesis-event.js';

/** The contact records of one file, delivered as one Kinesis batch. */
export interface CtrFileBatch {
  file: string;
  /** Parsed CTRs (objects, or whatever JSON value the line held) and malformed lines as raw data. */
  records: Array<unknown | RawKinesisData>;
  /** How many lines were not valid JSON. */
  malformed: number;
}

/**
 * Parses CTR text: a JSON array of records, or JSON lines where a line that is not JSON becomes a
 * malformed Kinesis record (so the trigger dead-letters it). A broken JSON array is an error naming
 * the file.
 *
 * @example
 * ```ts
 * parseCtrText('{"ContactId":"a"}\nnot json\n').malformed; // 1
 * ```
 */
export function parseCtrText(text: string, file = '<text>'): CtrFileBatch {
  const trimmed = text.trim();
  if (trimmed.startsWith('[')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(trimmed);
    } catch (error) {
      throw new Error(`${file}: not a valid JSON array (${(error as Error).message})`);
    }
    return { file, records: parsed as unknown[], malformed: 0 };
  }
  const records: Array<unknown | RawKinesisData> = [];
  let malformed = 0;
  for (const line of text.split(/\r?\n/)) {
    if (line.trim() === '') continue;
    try {
      records.push(JSON.parse(line));
    } catch {
      malformed += 1;
      records.push({ rawData: Buffer.from(line, 'utf8').toString('base64') });
    }
  }
  return { file, records, malformed };
}

/**
 * Reads and parses a CTR file (see {@link parseCtrText}).
 *
 * @example
 * ```ts
 * const batch = readCtrFile('local/samples/01-first-delivery.jsonl');
 * ```
 */
export function readCtrFile(file: string): CtrFileBatch {
  return parseCtrText(readFileSync(file, 'utf8'), file);
}
