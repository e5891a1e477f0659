/**
 * A local stand-in for Contact Lens post-call analytics: the service writes its analysis to the
 * recording bucket some time after the call. Placed in front of the Contact Lens import's S3 listings, it writes the
 * voice analysis fixture (with the contact's id) under the dated key the branch looks at, once the
 * branch has looked `appearsAtPoll - 1` times without finding it (the chat fixture for chats): `npm start` then shows a
 * contact whose analysis arrives after a poll.
 *
 * @example
 * ```ts
 * const contactLens = new ContactLensStandIn({ s3, appearsAtPoll: 2 });
 * // before each ListObjectsV2 the Contact Lens import sends:
 * await contactLens.beforeList(command.input);
 * ```
 */
import { readFileSync } from 'node:fs';
import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';

/** Sample Contact Lens analysis files, by channel, that the stand-in writes. */
export const CONTACT_LENS_FIXTURES = {
  Voice: new URL('../../functions/contact-lens-import/fixtures/voice-analysis.json', import.meta.url),
  Chat: new URL('../../functions/contact-lens-import/fixtures/chat-analysis.json', import.meta.url),
};

const ORIGINAL_PREFIX = /^Analysis\/(Voice|Chat)\/(\d{4})\/(\d{2})\/(\d{2})\/(.+)_analysis_$/;

/**
 * Plays Contact Lens offline: before a listing of a contact's analysis prefix, writes the sample
 * analysis once the contact has been looked for `appearsAtPoll` times (default 2), as a late
 * analysis arrives on AWS.
 */
export class ContactLensStandIn {
  readonly written: string[] = [];
  readonly #looks = new Map<string, number>();
  readonly #s3: Pick<S3Client, 'send'>;
  readonly #appearsAtPoll: number;

  constructor(options: { s3: Pick<S3Client, 'send'>; appearsAtPoll?: number }) {
    this.#s3 = options.s3;
    this.#appearsAtPoll = options.appearsAtPoll ?? 2;
  }

  async beforeList(input: unknown): Promise<void> {
    const { Bucket, Prefix } = (input ?? {}) as { Bucket?: string; Prefix?: string };
    const match = ORIGINAL_PREFIX.exec(Prefix ?? '');
    if (!Bucket || !match) return;
    const looks = (this.#looks.get(Prefix!) ?? 0) + 1;
    this.#looks.set(Prefix!, looks);
    if (looks !== this.#appearsAtPoll) return;
    const [, folder, year, month, day, contactId] = match;
    const fixture = CONTACT_LENS_FIXTURES[folder as 'Voice' | 'Chat'];
    const analysis = JSON.parse(readFileSync(fixture, 'utf8')) as Record<string, unknown>;
    const metadata = (analysis.CustomerMetadata ?? {}) as Record<string, unknown>;
    analysis.CustomerMetadata = { ...metadata, ContactId: contactId };
    const key = `${Prefix}${year}-${month}-${day}T10:00:00Z.json`;
    await this.#s3.send(
      new PutObjectCommand({
        Bucket,
        Key: key,
        Body: JSON.stringify(analysis),
        ContentType: 'application/json',
      }),
    );
    this.written.push(key);
  }
}
