import { PutObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalS3, startLocalS3 } from '../../local/aws-stand-ins/local-s3.js';
import { PayloadIntegrityError, PayloadNotFoundError } from './errors.js';
import {
  DEAD_LETTER_PREFIX,
  deadLetterKey,
  EXECUTION_INPUT_PREFIX,
  executionInputKey,
} from './payload-keys.js';
import { PayloadReader } from './payload-reader.js';
import { parsePayloadReference } from './payload-reference.js';
import { PayloadWriter } from './payload-writer.js';

const BUCKET = 'contact-payloads';
let s3: LocalS3;
beforeAll(async () => {
  s3 = await startLocalS3([BUCKET], {
    listGrants: [
      { bucket: BUCKET, prefix: EXECUTION_INPUT_PREFIX },
      { bucket: BUCKET, prefix: DEAD_LETTER_PREFIX },
    ],
  });
});
afterAll(async () => {
  await s3.stop();
});

describe('payload store', () => {
  it('stores under a content-hash key and reads back the same bytes (multi-byte text included)', async () => {
    const writer = new PayloadWriter(s3.client, BUCKET);
    const body = `{"ContactId":"c-1","Attributes":{"note":"caf\u00e9 \u{1F600} ${'x'.repeat(300_000)}"}}`;
    const ref = await writer.put((sha) => executionInputKey('c-1', sha), body, 'application/json');
    expect(ref.bucket).toBe(BUCKET);
    expect(ref.key).toBe(`execution-input/c-1/${ref.sha256}.json`);
    expect(ref.bytes).toBe(Buffer.byteLength(body, 'utf8'));
    expect(parsePayloadReference(ref)).toEqual(ref);
    expect(await new PayloadReader(s3.client).read(ref)).toBe(body);
    // The same body again: the same key (a redelivery reuses the object).
    expect(await writer.put((sha) => executionInputKey('c-1', sha), body, 'application/json')).toEqual(ref);
  });

  it('answers Payload.NotFound for an object that is gone and Payload.Corrupt for other bytes', async () => {
    const writer = new PayloadWriter(s3.client, BUCKET);
    const ref = await writer.put(deadLetterKey, 'ZGF0YQ==', 'text/plain');
    const reader = new PayloadReader(s3.client);
    await expect(reader.read({ ...ref, key: deadLetterKey('0'.repeat(64)) })).rejects.toBeInstanceOf(
      PayloadNotFoundError,
    );
    await s3.client.send(new PutObjectCommand({ Bucket: BUCKET, Key: ref.key, Body: 'ZGF0YQ=!' }));
    await expect(reader.read(ref)).rejects.toBeInstanceOf(PayloadIntegrityError);
  });

  it('refuses malformed references', () => {
    expect(parsePayloadReference({ bucket: 'b', key: 'k', bytes: 1, sha256: 'nothex' })).toBeUndefined();
    expect(parsePayloadReference({ bucket: '', key: 'k', bytes: 1, sha256: 'a'.repeat(64) })).toBeUndefined();
    expect(parsePayloadReference(null)).toBeUndefined();
  });
});
