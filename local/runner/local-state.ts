/**
 * What `npm start` leaves behind for the `--local` operations commands, in `.local-state/`
 * (git-ignored): the executions (executions.json, see execution-store.ts), the emulated org's
 * records (salesforce.json), the dead-letter queue (dead-letters.json), the contact record stream
 * (kinesis-stream.json: records and sequence numbers, read back by replay-dlq) and the local S3's
 * objects (s3/: recordings and the payload bucket, where large CTRs and dead letters are kept).
 *
 * @example
 * ```ts
 * saveLocalJson(SALESFORCE_STATE_FILE, emulator.exportState());
 * const state = loadLocalJson<EmulatorState>(SALESFORCE_STATE_FILE);
 * ```
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeJsonFile } from './json-file.js';

/**
 * `.local-state/` at the repository root (git-ignored): what `npm start` leaves for the `--local`
 * commands.
 */
export const LOCAL_STATE_DIRECTORY = join(
  dirname(fileURLToPath(import.meta.url)),
  '..',
  '..',
  '.local-state',
);
/** The emulated org's records after the last local run. */
export const SALESFORCE_STATE_FILE = join(LOCAL_STATE_DIRECTORY, 'salesforce.json');
/** The records the trigger parked on the dead-letter queue in the last local run. */
export const DEAD_LETTER_FILE = join(LOCAL_STATE_DIRECTORY, 'dead-letters.json');
/** The offline CTR stream's records and sequence numbers, read back by `replay-dlq --local`. */
export const KINESIS_STREAM_FILE = join(LOCAL_STATE_DIRECTORY, 'kinesis-stream.json');
/** The local S3's directory (s3rver's file store), emptied by each `npm start`. */
export const LOCAL_S3_DIRECTORY = join(LOCAL_STATE_DIRECTORY, 's3');

/** One message of the local dead-letter queue. */
export interface LocalDeadLetter {
  messageId: string;
  body: string;
}

/** Writes JSON atomically (a crash never leaves half a file), record by record (see writeJsonFile). */
export function saveLocalJson(file: string, value: unknown): void {
  writeJsonFile(file, value);
}

/** The saved value, or undefined when nothing was saved yet. */
export function loadLocalJson<T>(file: string): T | undefined {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as T;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}
