/**
 * The partial batch response (`{batchItemFailures: [{itemIdentifier: <sequenceNumber>}]}`) for a
 * batch's outcomes, built with Powertools' Kinesis batch processor: a `retry` outcome is a failed
 * item, every other outcome is handled.
 *
 * @example
 * ```ts
 * const outcomes = await handleKinesisBatch(event, deps);
 * return toBatchResponse(event, outcomes, context);
 * ```
 */
import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type {
  Context,
  KinesisStreamBatchResponse,
  KinesisStreamEvent,
  KinesisStreamRecord,
} from 'aws-lambda';
import { RecordRetryError } from './errors.js';
import type { RecordOutcome } from './types.js';

/**
 * The partial batch response of a batch's outcomes (Powertools' Kinesis batch processor): `retry`
 * outcomes are batch item failures, every other outcome is handled.
 *
 * @example
 * ```ts
 * return toBatchResponse(event, await handleKinesisBatch(event, deps), context);
 * ```
 */
export async function toBatchResponse(
  event: KinesisStreamEvent,
  outcomes: readonly RecordOutcome[],
  context?: Context,
): Promise<KinesisStreamBatchResponse> {
  const bySequence = new Map(outcomes.map((outcome) => [outcome.sequenceNumber, outcome]));
  const reportOutcome = async (record: KinesisStreamRecord): Promise<void> => {
    const outcome = bySequence.get(record.kinesis.sequenceNumber);
    if (outcome === undefined || outcome.status === 'retry') {
      throw new RecordRetryError(record.kinesis.sequenceNumber, outcome?.reason ?? 'no outcome');
    }
  };
  // A batch where every record must be retried is reported, not thrown: the response then lists
  // exactly the retryable records, and Lambda retries from the first of them either way.
  // A processor per call: it is stateful, and the local runner may build responses concurrently.
  const processor = new BatchProcessor(EventType.KinesisDataStreams);
  return processPartialResponse(event, reportOutcome, processor, {
    throwOnFullBatchFailure: false,
    ...(context === undefined ? {} : { context }),
  });
}
