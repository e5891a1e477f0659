/**
 * File bodies (ContentVersion.VersionData, Attachment.Body) kept on disk instead of in memory: an
 * org that receives a recording per contact would otherwise hold every recording in the heap. A
 * stored record holds a {@link StoredBlob}; it serialises to the base64 text Salesforce returns,
 * read from disk only when serialised, so saving a large org needs memory for one body at a time.
 *
 * @example
 * ```ts
 * const blobs = new BlobStore();
 * const blob = blobs.put(base64);   // written to a temporary file
 * blob.bytes();                     // Buffer
 * JSON.stringify({ Body: blob });   // '{"Body":"<base64>"}'
 * blobs.close();                    // deletes the files
 * ```
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A file body kept on disk; serialises to the base64 text Salesforce returns, read only then. */
export class StoredBlob {
  constructor(
    readonly file: string,
    readonly byteLength: number,
  ) {}

  bytes(): Buffer {
    return readFileSync(this.file);
  }

  base64(): string {
    return this.bytes().toString('base64');
  }

  toJSON(): string {
    return this.base64();
  }
}

/**
 * Keeps file bodies (ContentVersion.VersionData, Attachment.Body) on disk instead of in memory, so
 * an org receiving a recording per contact does not hold them all in the heap.
 */
export class BlobStore {
  #directory: string | undefined;
  #files = 0;
  readonly #own = new WeakSet<StoredBlob>();

  /** Whether `blob` is one of this store's bodies (not another org's). */
  owns(blob: StoredBlob): boolean {
    return this.#own.has(blob);
  }

  /** Stores base64 text's bytes. */
  put(base64: string): StoredBlob {
    this.#directory ??= mkdtempSync(join(tmpdir(), 'salesforce-emulator-blobs-'));
    this.#files += 1;
    const file = join(this.#directory, String(this.#files));
    const bytes = Buffer.from(base64, 'base64');
    writeFileSync(file, bytes);
    const blob = new StoredBlob(file, bytes.length);
    this.#own.add(blob);
    return blob;
  }

  /** Deletes every stored body (the emulator has stopped). */
  close(): void {
    if (this.#directory !== undefined) rmSync(this.#directory, { recursive: true, force: true });
    this.#directory = undefined;
  }
}

/** A blob field's bytes, whether stored ({@link StoredBlob}) or still base64 text; undefined for none. */
export function blobBytes(value: unknown): Buffer | undefined {
  if (value instanceof StoredBlob) return value.bytes();
  if (typeof value === 'string') return Buffer.from(value, 'base64');
  return undefined;
}

/** A blob field's size in bytes (0 for none). */
export function blobByteLength(value: unknown): number {
  if (value instanceof StoredBlob) return value.byteLength;
  return typeof value === 'string' ? Buffer.from(value, 'base64').length : 0;
}
