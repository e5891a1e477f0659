/**
 * {@link DeadLetterQueue} over `.local-state/dead-letters.json`, the local stand-in for the
 * trigger's SQS queue. A received message is hidden for the rest of the process (like a
 * visibility timeout); a deleted one is gone from the file.
 */
import { randomUUID } from 'node:crypto';
import {
  DEAD_LETTER_FILE,
  type LocalDeadLetter,
  loadLocalJson,
  saveLocalJson,
} from '../../local/runner/local-state.js';
import type { DeadLetterQueue, ReceivedDeadLetter } from '../replay-dlq/replay-dlq.js';

/**
 * The offline dead-letter queue: the messages `npm start` parked, read from and written back to
 * `.local-state/dead-letters.json`.
 */
export class FileDeadLetterQueue implements DeadLetterQueue {
  readonly #messages: LocalDeadLetter[];
  readonly #received = new Set<string>();

  constructor(private readonly file: string = DEAD_LETTER_FILE) {
    this.#messages = loadLocalJson<LocalDeadLetter[]>(file) ?? [];
  }

  get size(): number {
    return this.#messages.length;
  }

  async receive(max: number): Promise<ReceivedDeadLetter[]> {
    const visible = this.#messages.filter((m) => !this.#received.has(m.messageId)).slice(0, max);
    for (const message of visible) this.#received.add(message.messageId);
    return visible.map((m) => ({ receiptHandle: m.messageId, messageId: m.messageId, body: m.body }));
  }

  /** SendMessage: a new message at the end of the queue (saved at once). */
  append(body: string): string {
    const messageId = `local-${randomUUID()}`;
    this.#messages.push({ messageId, body });
    saveLocalJson(this.file, this.#messages);
    return messageId;
  }

  async delete(receiptHandle: string): Promise<void> {
    const index = this.#messages.findIndex((m) => m.messageId === receiptHandle);
    if (index >= 0) this.#messages.splice(index, 1);
    saveLocalJson(this.file, this.#messages);
  }
}
