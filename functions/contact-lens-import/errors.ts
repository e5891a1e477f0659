/**
 * Typed errors of the Contact Lens import; `name` is what Retry/Catch and async-invoke retries
 * see. `ContactLens.AttributesUnavailable` is worth retrying; the others are not.
 */

/** The task input or the S3 event is not what this function reads. */
export class InvalidContactLensRequestError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ContactLens.InvalidRequest';
  }
}

/** None of the listed keys is an analysis file of this contact. */
export class ContactLensAnalysisNotFoundError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ContactLens.AnalysisNotFound';
  }
}

/** The analysis file is not JSON of the expected shape. */
export class InvalidContactLensAnalysisError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ContactLens.InvalidAnalysis';
  }
}

/** Connect's GetContactAttributes failed (throttling, wrong instance id…): retry later. */
export class ContactAttributesUnavailableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ContactLens.AttributesUnavailable';
  }
}
