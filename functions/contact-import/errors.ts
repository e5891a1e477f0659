/**
 * Typed errors of the contact import. Each `name` is what the post-call state machine's
 * Retry/Catch sees; the Salesforce client's own errors (`Salesforce.Transient`,
 * `Salesforce.RateLimited`, retried by the state machine; `Salesforce.Request`, `Salesforce.Auth`,
 * `Salesforce.AccessDenied`, not retried) pass through unchanged.
 *
 * @example
 * ```ts
 * throw new ContactImportInputError('plan must be an object');
 * ```
 */
import { InvalidInputError } from '../../shared/errors/invalid-input-error.js';

/** Base of the contact import's own errors (not Salesforce's). */
export class ContactImportError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'ContactImport.Error';
  }
}

/**
 * The task's input is not a valid contact-import payload. Not retried by the state machine:
 * retrying the same input cannot help, the execution fails with this error.
 */
export class ContactImportInputError extends InvalidInputError {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'PostCall.InvalidInput';
  }
}
