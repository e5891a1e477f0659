/**
 * Why a Kinesis record can never become a contact: these records are dead-lettered, never retried.
 *
 * @example
 * ```ts
 * try { decodeContactTraceRecord(data); } catch (error) {
 *   if (error instanceof CtrRejectedError) deadLetter(error.reason, error.message);
 * }
 * ```
 */
export type CtrRejectReason =
  | 'invalid-base64'
  | 'invalid-utf8'
  | 'invalid-json'
  | 'not-an-object'
  | 'missing-contact-id';

/**
 * A record that can never become an execution: not base64, not UTF-8, not JSON, not an object, or
 * no ContactId (`reason` says which). The trigger parks such records on the dead-letter queue
 * instead of retrying them.
 */
export class CtrRejectedError extends Error {
  override readonly name = 'Ctr.Rejected';
  readonly reason: CtrRejectReason;

  constructor(reason: CtrRejectReason, message: string) {
    super(message);
    this.reason = reason;
  }
}
