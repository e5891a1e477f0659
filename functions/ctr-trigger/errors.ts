/**
 * Errors of the Kinesis trigger.
 *
 * @example
 * ```ts
 * throw new RecordRetryError('49590…', 'ThrottlingException: Rate exceeded');
 * ```
 */

/**
 * Thrown by the batch record handler for a record whose work could not be done now (throttling,
 * a Step Functions or SQS service error): Powertools reports it as a batch item failure and Lambda
 * re-delivers it.
 */
export class RecordRetryError extends Error {
  override readonly name = 'CtrTrigger.RecordRetry';
  readonly sequenceNumber: string;

  constructor(sequenceNumber: string, reason: string) {
    super(`record ${sequenceNumber} will be retried: ${reason}`);
    this.sequenceNumber = sequenceNumber;
  }
}
