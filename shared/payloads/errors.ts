/**
 * Errors of reading a stored payload back. Each `name` is what the state machine's Retry and the
 * operator commands match on.
 *
 * @example
 * ```ts
 * try { await reader.read(ref); } catch (error) { if (error instanceof PayloadNotFoundError) … }
 * ```
 */

/** The object is not in the bucket (expired by the lifecycle rule, or deleted): never retried. */
export class PayloadNotFoundError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'Payload.NotFound';
  }
}

/** The object's size or SHA-256 is not what the reference says: never used, never retried. */
export class PayloadIntegrityError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'Payload.Corrupt';
  }
}

/** S3 failed or throttled the request: worth retrying later. */
export class PayloadUnavailableError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'Payload.Unavailable';
  }
}
