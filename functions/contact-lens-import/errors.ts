/**
 * Typed errors of the Contact Lens import; `name` is what the post-call state machine's
 * Retry/Catch and Lambda's asynchronous retries (S3 events) see. The Salesforce client's errors
 * pass through unchanged (`Salesforce.Transient` and `Salesforce.RateLimited` are retried by the
 * state machine).
 *
 * @example
 * ```ts
 * throw new ContactLensAnalysisNotFoundError('no analysis file of contact c-1 in the listing');
 * ```
 */
import { InvalidInputError } from '../../shared/errors/invalid-input-error.js';

/** Base of the Contact Lens import's own errors (not Salesforce's). */
export class ContactLensImportError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'ContactLensImport.Error';
  }
}

/** The task input or the S3 event is not what this function reads. Not retried: the same input cannot succeed. */
export class InvalidContactLensRequestError extends InvalidInputError {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'ContactLens.InvalidRequest';
  }
}

/** None of the listed keys is an analysis file of this contact. Not retried by the state machine. */
export class ContactLensAnalysisNotFoundError extends ContactLensImportError {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'ContactLens.AnalysisNotFound';
  }
}

/** The analysis file is not JSON of the expected shape. Not retried by the state machine. */
export class InvalidContactLensAnalysisError extends ContactLensImportError {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'ContactLens.InvalidAnalysis';
  }
}

/**
 * Connect's GetContactAttributes failed (throttling, wrong instance id…). Raised only for S3
 * events, which Lambda's asynchronous invocation retries; the state machine never sees it.
 */
export class ContactAttributesUnavailableError extends ContactLensImportError {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'ContactLens.AttributesUnavailable';
  }
}
