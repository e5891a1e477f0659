/** {@link DeadLetterQueue} over SQS: receive with a visibility timeout, delete by receipt handle. */
import { DeleteMessageCommand, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { DeadLetterQueue, ReceivedDeadLetter } from '../replay-dlq/replay-dlq.js';
import { type BackoffOptions, withThrottleRetry } from './backoff.js';

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
    );
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
