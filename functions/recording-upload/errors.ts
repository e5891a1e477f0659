/** The task payload is not a valid recording-upload event: retrying cannot help. */
export class RecordingUploadInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PostCall.InvalidInput';
  }
}

/** The recording is not in S3 (deleted, or the location is wrong). */
export class RecordingNotFoundError extends Error {
  constructor(location: string, options?: { cause?: unknown }) {
    super(`recording not found in S3: ${location}`, options);
    this.name = 'Recording.NotFound';
  }
}

/** S3 could not serve the recording right now (5xx, throttling, network): the state machine retries. */
export class RecordingReadError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'Recording.Transient';
  }
}
