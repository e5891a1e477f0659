/**
 * Reads a report object from S3 as UTF-8 text. For EventBridge events, whose key encoding is
 * not pinned down, a missing key is retried once with its percent-decoded spelling.
 *
 * @example
 * ```ts
 * const { text, key } = await readReportObject(s3, { bucket: 'reports', key: 'SFDC/Queue/a.csv', eventTime });
 * ```
 */
import { GetObjectCommand, NoSuchKey, type S3Client } from '@aws-sdk/client-s3';
import { ReportObjectNotFoundError } from './errors.js';
import type { ReportObjectRef } from './types.js';

function isNotFound(err: unknown): boolean {
  return (
    err instanceof NoSuchKey ||
    (err instanceof Error && (err.name === 'NoSuchKey' || err.name === 'NotFound'))
  );
}

async function getText(s3: S3Client, bucket: string, key: string): Promise<string> {
  const response = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  if (!response.Body) return '';
  return response.Body.transformToString('utf-8');
}

/**
 * Reads a report from S3 as UTF-8 text; when the event's key is missing, tries its percent-decoded
 * spelling once (EventBridge does not pin down the key encoding).
 */
export async function readReportObject(
  s3: S3Client,
  ref: ReportObjectRef,
): Promise<{ text: string; key: string }> {
  const candidates = ref.alternativeKey ? [ref.key, ref.alternativeKey] : [ref.key];
  let lastError: unknown;
  for (const key of candidates) {
    try {
      return { text: await getText(s3, ref.bucket, key), key };
    } catch (err) {
      if (!isNotFound(err)) throw err;
      lastError = err;
    }
  }
  throw new ReportObjectNotFoundError(ref.bucket, ref.key, { cause: lastError });
}
