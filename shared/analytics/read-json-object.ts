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
import { JsonSource } from '../json/json-source.js';

/** The object does not exist (yet). */
export class S3ObjectNotFoundError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'S3.ObjectNotFound';
  }
}

/** The object exists but is not JSON. */
export class S3ObjectNotJsonError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'S3.ObjectNotJson';
  }
}

/**
 * Reads an S3 object and parses it as JSON (a leading byte-order mark is ignored). A missing
 * object is an {@link S3ObjectNotFoundError} and text that is not JSON an `S3ObjectNotJsonError`,
 * both naming the object, so callers can tell "not written yet" from "written wrong".
 *
 * @example
 * ```ts
 * const transcript = await readJsonObject<TranscribeOutput>(s3, { bucket, key });
 * ```
 */
export async function readJsonObject<T>(
  s3: Pick<S3Client, 'send'>,
  location: { bucket: string; key: string },
): Promise<T> {
  return parseJson<T>(await readText(s3, location), location);
}

/**
 * The document parsed twice: `value` for logic, `source` keeping key order and number texts for
 * JSON that is written on to Salesforce in the original's format (see `shared/json/python-json.ts`).
 */
export async function readJsonDocument<T>(
  s3: Pick<S3Client, 'send'>,
  location: { bucket: string; key: string },
): Promise<{ value: T; source: JsonSource }> {
  const text = await readText(s3, location);
  const value = parseJson<T>(text, location);
  try {
    return { value, source: JsonSource.parse(text) };
  } catch (error) {
    throw new S3ObjectNotJsonError(`s3://${location.bucket}/${location.key} is not valid JSON`, {
      cause: error,
    });
  }
}

async function readText(
  s3: Pick<S3Client, 'send'>,
  location: { bucket: string; key: string },
): Promise<string> {
  try {
    const response = await s3.send(new GetObjectCommand({ Bucket: location.bucket, Key: location.key }));
    return (await response.Body?.transformToString('utf-8')) ?? '';
  } catch (error) {
    const name = (error as { name?: string }).name;
    if (error instanceof NoSuchKey || name === 'NoSuchKey' || name === 'NotFound') {
      throw new S3ObjectNotFoundError(`s3://${location.bucket}/${location.key} does not exist`, {
        cause: error,
      });
    }
    throw error;
  }
}

function parseJson<T>(text: string, location: { bucket: string; key: string }): T {
  try {
    return JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text) as T;
  } catch (error) {
    throw new S3ObjectNotJsonError(`s3://${location.bucket}/${location.key} is not valid JSON`, {
      cause: error,
    });
  }
}
