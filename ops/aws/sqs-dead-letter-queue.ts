/** {@link DeadLetterQueue} over SQS: receive with a visibility timeout, delete by receipt handle. */
import { DeleteMessageCommand, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { NothingMatchedError } from '../cli/errors.js';
import type { DeadLetterQueue, ReceivedDeadLetter } from '../replay-dlq/replay-dlq.js';
import { type BackoffOptions, withThrottleRetry } from './backoff.js';

/** SQS's error for a queue that does not exist (JSON protocol, then the older query protocol). */
const MISSING_QUEUE_ERRORS = new Set(['QueueDoesNotExist', 'AWS.SimpleQueueService.NonExistentQueue']);

/**
 * The deployed dead-letter queue: messages received (hidden while replayed, 120 s by default) and
 * deleted only once replayed.
 */
export class SqsDeadLetterQueue implements DeadLetterQueue {
  constructor(
    private readonly queueUrl: string,
    private readonly sqs: SQSClient = new SQSClient({}),
    /** How long a received message stays hidden while it is replayed (s). */
    private readonly visibilityTimeoutSeconds = 120,
    private readonly backoff: BackoffOptions = {},
  ) {}

  async receive(max: number): Promise<ReceivedDeadLetter[]> {
    const out = await withThrottleRetry(
      () =>
        this.sqs.send(
          new ReceiveMessageCommand({
            QueueUrl: this.queueUrl,
            MaxNumberOfMessages: Math.max(1, Math.min(10, max)),
            WaitTimeSeconds: 1,
            VisibilityTimeout: this.visibilityTimeoutSeconds,
          }),
        ),
      this.backoff,
    ).catch((error: unknown) => {
      // A queue URL that names no queue is a selection that matched nothing (exit 1), said plainly.
      if (MISSING_QUEUE_ERRORS.has((error as Error).name))
        throw new NothingMatchedError(`no queue at ${this.queueUrl} (${(error as Error).name})`);
      throw error;
    });
    return (out.Messages ?? []).map((m) => ({
      receiptHandle: m.ReceiptHandle ?? '',
      messageId: m.MessageId ?? '',
      body: m.Body ?? '',
    }));
  }

  async delete(receiptHandle: string): Promise<void> {
    await withThrottleRetry(
      () =>
        this.sqs.send(new DeleteMessageCommand({ QueueUrl: this.queueUrl, ReceiptHandle: receiptHandle })),
      this.backoff,
    );
  }
}
