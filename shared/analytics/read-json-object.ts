/**
 * Reads a JSON document (a Transcribe output, a Contact Lens analysis) from S3. The body is
 * parsed once in memory: these files are a few hundred KB for an hour-long call.
 *
 * @example
 * ```ts
 * const output = await readJsonObject<TranscribeOutput>(s3, { bucket: 'out', key: 'transcripts/x.json' });
 * ```
 */
import { GetObjectCommand, NoSuchKey, type S3Client } from '@aws-sdk/client-s3';

/** The object does not exist (yet). */
export class S3ObjectNotFoundError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'S3.ObjectNotFound';
  }
}

/** The object exists but is not JSON. */
export class S3ObjectNotJsonError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'S3.ObjectNotJson';
  }
}

export async function readJsonObject<T>(
  s3: Pick<S3Client, 'send'>,
  location: { bucket: string; key: string },
): Promise<T> {
  let text: string;
  try {
    const response = await s3.send(new GetObjectCommand({ Bucket: location.bucket, Key: location.key }));
    text = (await response.Body?.transformToString('utf-8')) ?? '';
  } catch (error) {
    const name = (error as { name?: string }).name;
    if (error instanceof NoSuchKey || name === 'NoSuchKey' || name === 'NotFound') {
      throw new S3ObjectNotFoundError(`s3://${location.bucket}/${location.key} does not exist`, {
        cause: error,
      });
    }
    throw error;
  }
  try {
    return JSON.parse(text) as T;
  } catch (error) {
    throw new S3ObjectNotJsonError(`s3://${location.bucket}/${location.key} is not valid JSON`, {
      cause: error,
    });
  }
}
