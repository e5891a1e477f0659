/**
 * Reads a stored payload back and proves it is the one that was stored: same size, same SHA-256.
 * A missing object is {@link PayloadNotFoundError} (the functions that read are allowed to list
 * the prefix, so S3 answers NoSuchKey rather than AccessDenied); throttling and S3 service errors
 * are {@link PayloadUnavailableError} (retried); other refusals (AccessDenied) are thrown as S3
 * answered them, a configuration problem no retry fixes.
 *
 * @example
 * ```ts
 * const text = await new PayloadReader(new S3Client({})).read(ref);
 * ```
 */
import { createHash } from 'node:crypto';
import { GetObjectCommand, NoSuchKey, type S3Client, S3ServiceException } from '@aws-sdk/client-s3';
import { PayloadIntegrityError, PayloadNotFoundError, PayloadUnavailableError } from './errors.js';
import type { PayloadReference } from './payload-reference.js';

/**
 * Reads a stored payload back, checking its size and SHA-256 against the reference; missing,
 * unavailable (retried) and refused reads are told apart.
 *
 * @example
 * ```ts
 * const text = await new PayloadReader(new S3Client({})).read(ref);
 * ```
 */
export class PayloadReader {
  constructor(private readonly s3: Pick<S3Client, 'send'>) {}

  /** The stored text (UTF-8), checked against `ref.bytes` and `ref.sha256`. */
  async read(ref: PayloadReference): Promise<string> {
    const where = `s3://${ref.bucket}/${ref.key}`;
    let bytes: Buffer;
    try {
      const response = await this.s3.send(new GetObjectCommand({ Bucket: ref.bucket, Key: ref.key }));
      bytes = Buffer.from((await response.Body?.transformToByteArray()) ?? new Uint8Array());
    } catch (error) {
      if (error instanceof NoSuchKey || (error as { name?: string }).name === 'NoSuchKey') {
        throw new PayloadNotFoundError(`${where} does not exist (expired or deleted)`, { cause: error });
      }
      if (isRetryable(error)) {
        throw new PayloadUnavailableError(`cannot read ${where}: ${(error as Error).message}`, {
          cause: error,
        });
      }
      throw error;
    }
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    if (bytes.length !== ref.bytes || sha256 !== ref.sha256) {
      throw new PayloadIntegrityError(
        `${where} is not the stored payload: ${bytes.length} bytes with SHA-256 ${sha256}, expected ${ref.bytes} bytes with ${ref.sha256}`,
      );
    }
    return bytes.toString('utf8');
  }
}

function isRetryable(error: unknown): boolean {
  // Not an answer from S3 (a reset connection, a timeout): worth another try.
  if (!(error instanceof S3ServiceException)) return true;
  const status = error.$metadata.httpStatusCode ?? 500;
  return status >= 500 || status === 429 || /Throttl|SlowDown|RequestTimeout/.test(error.name);
}
