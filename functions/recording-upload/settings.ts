/**
 * Settings of the recording upload, from the environment. The function has no setting of its own
 * besides the Salesforce client's `SF_*` variables (it writes no namespaced field).
 *
 * @example
 * ```ts
 * const { s3Endpoint } = readRecordingUploadSettings(process.env); // undefined on AWS
 * ```
 */
import { optionalEnv } from '../../shared/config/environment.js';
import type { RecordingUploadSettings } from './types.js';

/** The AWS SDK's S3 endpoint override: set only by local runs (s3rver). */
export const S3_ENDPOINT_ENV = 'AWS_ENDPOINT_URL_S3';

/** Every environment variable this function reads (besides the Salesforce client's `SF_*`). */
export const RECORDING_UPLOAD_ENV_VARS = [S3_ENDPOINT_ENV] as const;

/** Reads {@link RecordingUploadSettings}. */
export function readRecordingUploadSettings(
  env: Record<string, string | undefined>,
): RecordingUploadSettings {
  return { s3Endpoint: optionalEnv(S3_ENDPOINT_ENV, env) };
}
