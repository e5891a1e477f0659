/**
 * Typed errors of the recording upload. Each `name` is what the post-call state machine's
 * Retry/Catch sees; the Salesforce client's errors pass through unchanged (`Salesforce.Transient`
 * and `Salesforce.RateLimited` are retried).
 *
 * @example
 * ```ts
 * throw new RecordingNotFoundError('bucket/connect/…/recording.wav');
 * ```
 */
import { InvalidInputError } from '../../shared/errors/invalid-input-error.js';

/** Base of the recording upload's own errors (not Salesforce's). */
export class RecordingUploadError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'RecordingUpload.Error';
  }
}

/**
 * The task payload is not a valid recording-upload event. Not retried by the state machine:
 * retrying the same input cannot help.
 */
export class RecordingUploadInputError extends InvalidInputError {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'PostCall.InvalidInput';
  }
}

/**
 * The recording is not in S3 (not written yet, deleted, or the location is wrong). Retried by the
 * state machine for about 12 minutes, since Connect may write a recording after its CTR.
 */
export class RecordingNotFoundError extends RecordingUploadError {
  constructor(location: string, options?: ErrorOptions) {
    super(`recording not found in S3: ${location}`, options);
    this.name = 'Recording.NotFound';
  }
}

/**
 * S3 could not serve the recording right now (5xx, throttling, network). Retried by the state
 * machine with backoff (`Recording.Transient` in the upload task's Retry).
 */
export class RecordingReadError extends RecordingUploadError {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'Recording.Transient';
  }
}
