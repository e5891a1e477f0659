/**
 * Where large payloads live in the stack's payload bucket. Each kind has its own prefix, so the
 * bucket's lifecycle rules and the functions' grants can be given per kind. Keys are made from
 * the content (SHA-256), so storing the same payload again (a Kinesis redelivery, a redrive, a
 * replay) writes the same object instead of a new one.
 *
 * @example
 * ```ts
 * executionInputKey('5c0b…', sha256); // 'execution-input/5c0b…/<sha256>.json'
 * deadLetterKey(sha256);              // 'dead-letters/<sha256>.b64'
 * ```
 */

/** The bucket the trigger stores large execution CTRs and dead-letter data in (the stack sets it). */
export const CONTACT_PAYLOAD_BUCKET_ENV = 'CONTACT_PAYLOAD_BUCKET';

/** The CTRs of execution inputs over the Step Functions input limit (read by contact-import). */
export const EXECUTION_INPUT_PREFIX = 'execution-input/';
/** The data of dead-lettered records over the SQS message limit (read by replay-dlq). */
export const DEAD_LETTER_PREFIX = 'dead-letters/';

/** The key of a contact's execution CTR with this content hash. */
export function executionInputKey(contactId: string, sha256: string): string {
  return `${EXECUTION_INPUT_PREFIX}${encodeURIComponent(contactId)}/${sha256}.json`;
}

/** The key of a dead-lettered record's data (base64 text as delivered) with this content hash. */
export function deadLetterKey(sha256: string): string {
  return `${DEAD_LETTER_PREFIX}${sha256}.b64`;
}
