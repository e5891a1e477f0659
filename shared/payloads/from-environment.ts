/**
 * The payload writer of the deployed trigger: the bucket named by `CONTACT_PAYLOAD_BUCKET`, one
 * S3 client per container (offline, `AWS_ENDPOINT_URL_S3` points the SDK at the local S3).
 * Readers need no variable: a reference names its bucket.
 *
 * @example
 * ```ts
 * const writer = payloadWriterFromEnvironment(); // throws a ConfigurationError naming the variable
 * ```
 */
import { S3Client } from '@aws-sdk/client-s3';
import { requireEnv } from '../config/environment.js';
import { CONTACT_PAYLOAD_BUCKET_ENV } from './payload-keys.js';
import { PayloadWriter } from './payload-writer.js';

let cached: { bucket: string; endpoint: string | undefined; writer: PayloadWriter } | undefined;

/**
 * The payload writer on the bucket named by `CONTACT_PAYLOAD_BUCKET`, created once per container
 * and reused while the bucket and S3 endpoint stay the same. Throws a `ConfigurationError` naming
 * the variable when it is unset.
 */
export function payloadWriterFromEnvironment(
  env: Record<string, string | undefined> = process.env,
): PayloadWriter {
  const bucket = requireEnv(CONTACT_PAYLOAD_BUCKET_ENV, env);
  const endpoint = env.AWS_ENDPOINT_URL_S3;
  if (cached?.bucket !== bucket || cached.endpoint !== endpoint) {
    cached = { bucket, endpoint, writer: new PayloadWriter(new S3Client({}), bucket) };
  }
  return cached.writer;
}
