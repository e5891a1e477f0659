/**
 * Base of every function's "this input can never be processed" error: the event or task input is
 * not what the function reads. Retrying the same input cannot help, so no Retry of the post-call
 * state machine matches these errors (each function keeps its own dotted `name`).
 *
 * @example
 * ```ts
 * class RecordingUploadInputError extends InvalidInputError {
 *   override readonly name = 'PostCall.InvalidInput';
 * }
 * throw new RecordingUploadInputError('contactId is required');
 * ```
 */
export class InvalidInputError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'InvalidInput';
  }
}
