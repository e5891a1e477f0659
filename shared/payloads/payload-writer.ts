/**
 * Stores payloads too large to travel inline in the stack's payload bucket (SSE-S3 by the
 * bucket's default encryption) and answers the {@link PayloadReference} that replaces them.
 * Storing the same body under the same key again is harmless: the object is replaced by the
 * same bytes, which also restarts its lifecycle clock.
 *
 * @example
 * ```ts
 * const writer = new PayloadWriter(new S3Client({}), 'my-stack-contactpayloads-1a2b');
 * const ref = await writer.put((sha256) => deadLetterKey(sha256), base64Data, 'text/plain');
 * ```
 */
import { createHash } from 'node:crypto';
import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import type { PayloadReference } from './payload-reference.js';

/**
 * Stores a payload too large to travel inline in the stack's payload bucket under a key derived
 * from its SHA-256 and answers the {@link PayloadReference} that replaces it; storing the same body
 * again is harmless.
 *
 * @example
 * ```ts
 * const ref = await new PayloadWriter(new S3Client({}), bucketName).put(deadLetterKey, base64Data, 'text/plain');
 * ```
 */
export class PayloadWriter {
  constructor(
    private readonly s3: Pick<S3Client, 'send'>,
    /** The payload bucket (CONTACT_PAYLOAD_BUCKET). */
    readonly bucket: string,
  ) {}

  /**
   * Puts `body` (UTF-8) at the key `keyOf` makes from its SHA-256. Throws the S3 error: the
   * caller retries (nothing was handed on yet).
   */
  async put(
    keyOf: (sha256: string) => string,
    body: string,
    contentType: 'application/json' | 'text/plain',
  ): Promise<PayloadReference> {
    const bytes = Buffer.from(body, 'utf8');
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const key = keyOf(sha256);
    await this.s3.send(
      new PutObjectCommand({
        Bucket: this.bucket,
        Key: key,
        Body: bytes,
        ContentLength: bytes.length,
        ContentType: `${contentType}; charset=utf-8`,
      }),
    );
    return { bucket: this.bucket, key, bytes: bytes.length, sha256 };
  }
}
