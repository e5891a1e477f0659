/**
 * Typed errors of the transcript import. Their `name` is what the post-call state machine's
 * Retry/Catch matches; the Salesforce client's errors pass through unchanged
 * (`Salesforce.Transient` and `Salesforce.RateLimited` are retried).
 *
 * @example
 * ```ts
 * throw new TranscriptNotFoundError('s3://transcripts/contact.json does not exist');
 * ```
 */
import { InvalidInputError } from '../../shared/errors/invalid-input-error.js';

/** Base of the transcript import's own errors (not Salesforce's). */
export class TranscriptImportError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'TranscriptImport.Error';
  }
}

/**
 * The transcript object is missing from the output bucket. Retried by the state machine: a
 * just-written object can in rare cases be briefly unreadable.
 */
export class TranscriptNotFoundError extends TranscriptImportError {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'Transcript.NotFound';
  }
}

/** The object is not a Transcribe output this import can read. Not retried by the state machine. */
export class InvalidTranscriptError extends TranscriptImportError {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'Transcript.Invalid';
  }
}

/** The task input is not what the state machine should send. Not retried: the same input cannot succeed. */
export class InvalidTranscriptRequestError extends InvalidInputError {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'Transcript.InvalidRequest';
  }
}

/** Comprehend rejected some documents of a batch (listed in the message). Retried by the state machine. */
export class ComprehendAnalysisError extends TranscriptImportError {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'Comprehend.Failed';
  }
}
