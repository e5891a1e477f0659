/**
 * Typed errors of the transcript import. Their `name` is what a state machine Retry/Catch
 * matches (`Transcript.NotFound` is worth a retry, S3 being eventually consistent for a just-written
 * object in rare cases; `Transcript.Invalid` is not).
 */

/** The transcript object is missing from the output bucket. */
export class TranscriptNotFoundError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'Transcript.NotFound';
  }
}

/** The object is not a Transcribe output this import can read. */
export class InvalidTranscriptError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'Transcript.Invalid';
  }
}

/** The task input is not what the state machine should send. */
export class InvalidTranscriptRequestError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'Transcript.InvalidRequest';
  }
}

/** Comprehend rejected some documents of a batch (listed in the message). */
export class ComprehendAnalysisError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'Comprehend.Failed';
  }
}
