/**
 * SQS's SendMessage size rule, modelled once: the trigger decides with it whether a dead letter
 * fits in a message, and the local stand-in of the queue refuses what SQS refuses.
 *
 * @example
 * ```ts
 * if (sqsMessageBytes(input) > MAX_SQS_MESSAGE_BYTES) storeTheDataElsewhere();
 * ```
 */
import type { SendMessageCommandInput } from '@aws-sdk/client-sqs';

/** Largest message SQS accepts: 256 KiB, body and message attributes together. */
export const MAX_SQS_MESSAGE_BYTES = 262_144;

/** The size SQS counts: the body's UTF-8 bytes plus each attribute's name, data type and value. */
export function sqsMessageBytes(
  input: Pick<SendMessageCommandInput, 'MessageBody' | 'MessageAttributes'>,
): number {
  let bytes = Buffer.byteLength(input.MessageBody ?? '', 'utf8');
  for (const [name, attribute] of Object.entries(input.MessageAttributes ?? {})) {
    bytes += Buffer.byteLength(name, 'utf8') + Buffer.byteLength(attribute.DataType ?? '', 'utf8');
    bytes += Buffer.byteLength(attribute.StringValue ?? '', 'utf8') + (attribute.BinaryValue?.length ?? 0);
  }
  return bytes;
}

/**
 * The error SQS answers for a message over {@link MAX_SQS_MESSAGE_BYTES}, or undefined when it
 * fits.
 *
 * @example
 * ```ts
 * sendMessageRejection({ QueueUrl: url, MessageBody: 'x'.repeat(300_000) })?.name; // 'InvalidParameterValue'
 * ```
 */
export function sendMessageRejection(input: SendMessageCommandInput): Error | undefined {
  const bytes = sqsMessageBytes(input);
  if (bytes <= MAX_SQS_MESSAGE_BYTES) return undefined;
  const error = new Error(
    `One or more parameters are invalid. Reason: Message must be shorter than ${MAX_SQS_MESSAGE_BYTES} bytes.`,
  );
  error.name = 'InvalidParameterValue';
  return error;
}
