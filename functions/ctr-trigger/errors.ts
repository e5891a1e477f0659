/**
 * Errors of the Kinesis trigger. The trigger is not a state machine task: its retries are
 * Lambda's, through the event source mapping's partial batch responses.
 *
 * @example
 * ```ts
 * throw new RecordRetryError('49590…', 'ThrottlingException: Rate exceeded');
 * ```
 */

/** Base of the trigger's own errors. */
export class CtrTriggerError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'CtrTrigger.Error';
  }
}

/**
 * Thrown by the batch record handler for a record whose work could not be done now (throttling,
 * a Step Functions or SQS service error): Powertools reports it as a batch item failure and Lambda
 * re-delivers it, until the event source mapping's retry budget is spent.
 */
export class RecordRetryError extends CtrTriggerError {
  readonly sequenceNumber: string;

  constructor(sequenceNumber: string, reason: string, options?: ErrorOptions) {
    super(`record ${sequenceNumber} will be retried: ${reason}`, options);
    this.name = 'CtrTrigger.RecordRetry';
    this.sequenceNumber = sequenceNumber;
  }
}

/**
 * A dead letter too large for an SQS message while no payload bucket is configured to keep its
 * data: the record is retried rather than parked without its data.
 */
export class DeadLetterTooLargeError extends CtrTriggerError {
  constructor(message: string) {
    super(message);
    this.name = 'CtrTrigger.DeadLetterTooLarge';
  }
}
