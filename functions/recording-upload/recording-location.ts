/**
 * Splits Connect's recording location (`bucket/key`, no `s3://`) into bucket, key and file name.
 *
 * @example
 * ```ts
 * parseRecordingLocation('rec-bucket/connect/x/CallRecordings/c1_20261128T10:02_UTC.wav');
 * // { bucket: 'rec-bucket', key: 'connect/x/CallRecordings/c1_20261128T10:02_UTC.wav', fileName: 'c1_20261128T10:02_UTC.wav' }
 * ```
 */
import { RecordingUploadInputError } from './errors.js';

/** A recording's S3 object and the file name it is uploaded under. */
export interface RecordingObject {
  bucket: string;
  key: string;
  fileName: string;
}

/**
 * Splits a CTR recording location (`bucket/key`, optionally `s3://`) into bucket, key and file
 * name; anything else is a {@link RecordingUploadInputError}.
 *
 * @example
 * ```ts
 * parseRecordingLocation('recordings/connect/2026/call.wav'); // { bucket: 'recordings', key: 'connect/2026/call.wav', fileName: 'call.wav' }
 * ```
 */
export function parseRecordingLocation(location: string): RecordingObject {
  const trimmed = location.trim().replace(/^s3:\/\//i, '');
  const slash = trimmed.indexOf('/');
  if (slash <= 0 || slash === trimmed.length - 1) {
    throw new RecordingUploadInputError(`recordingLocation must be "bucket/key": ${location}`);
  }
  const key = trimmed.slice(slash + 1);
  return { bucket: trimmed.slice(0, slash), key, fileName: key.slice(key.lastIndexOf('/') + 1) };
}
