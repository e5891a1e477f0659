import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryPath, type Session, startSession } from './helpers.js';

type SaveBody = { id: string; success: boolean; errors: unknown[] };
type ErrorBody = Array<{ message: string; errorCode: string }>;
type QueryBody = { totalSize: number; records: Array<Record<string, unknown>> };

const CASE_ID = '5001r000023P6WQAA0';

function multipart(
  boundary: string,
  entity: Record<string, unknown>,
  data: Buffer,
  dataName = 'VersionData',
): Buffer {
  return Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="entity_content"\r\nContent-Type: application/json\r\n\r\n${JSON.stringify(entity)}\r\n`,
    ),
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="${dataName}"; filename="call.wav"\r\nContent-Type: application/octet-stream\r\n\r\n`,
    ),
    data,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
}

describe('ContentVersion uploads', () => {
  let session: Session;
  beforeAll(async () => {
    session = await startSession({ maxBase64Length: 1024 });
  });
  afterAll(() => session.emulator.stop());

  it('JSON (base64) creates the version, its ContentDocument (069) and the links', async () => {
    const content = Buffer.from('{"transcript":"hello"}');
    const created = await session.api<SaveBody>('POST', '/sobjects/ContentVersion', {
      Title: 'Transcript',
      PathOnClient: 'transcript.json',
      VersionData: content.toString('base64'),
      FirstPublishLocationId: CASE_ID,
    });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({ id: expect.stringMatching(/^068/), success: true, errors: [] });
    const version = await session.api<QueryBody>(
      'GET',
      queryPath(
        `SELECT ContentDocumentId, ContentSize, FileType, VersionNumber, IsLatest FROM ContentVersion WHERE Id = '${created.body.id}'`,
      ),
    );
    const [row] = version.body.records;
    expect(row).toMatchObject({
      ContentSize: content.length,
      FileType: 'JSON',
      VersionNumber: '1',
      IsLatest: true,
    });
    expect(row.ContentDocumentId).toMatch(/^069/);
    const links = await session.api<QueryBody>(
      'GET',
      queryPath(
        `SELECT Id, LinkedEntityId, ShareType FROM ContentDocumentLink WHERE LinkedEntityId = '${CASE_ID}'`,
      ),
    );
    expect(links.body.records).toEqual([
      expect.objectContaining({ Id: expect.stringMatching(/^06A/), LinkedEntityId: CASE_ID }),
    ]);
    const download = await fetch(
      `${session.emulator.url}/services/data/v62.0/sobjects/ContentVersion/${created.body.id}/VersionData`,
      {
        headers: { authorization: `Bearer ${session.token}` },
      },
    );
    expect(Buffer.from(await download.arrayBuffer())).toEqual(content);
  });

  it('multipart/form-data (entity_content + VersionData) stores the binary as sent', async () => {
    const audio = Buffer.from(Array.from({ length: 4096 }, (_, index) => index % 256));
    const boundary = 'boundary_x9';
    const response = await session.api<SaveBody>(
      'POST',
      '/sobjects/ContentVersion',
      multipart(
        boundary,
        { Title: 'Call recording', PathOnClient: 'call.wav', FirstPublishLocationId: CASE_ID },
        audio,
      ),
      { 'content-type': `multipart/form-data; boundary=${boundary}` },
    );
    expect(response.status).toBe(201);
    const stored = session.emulator.records('ContentVersion').find((row) => row.Id === response.body.id)!;
    expect(Buffer.from(String(stored.VersionData), 'base64')).toEqual(audio);
    expect(stored).toMatchObject({ FileType: 'WAV', ContentSize: 4096, Title: 'Call recording' });
    const missingPart = await session.api<ErrorBody>(
      'POST',
      '/sobjects/ContentVersion',
      multipart(boundary, { Title: 'x', PathOnClient: 'x.wav' }, audio, 'Other'),
      { 'content-type': `multipart/form-data; boundary=${boundary}` },
    );
    expect(missingPart.status).toBe(400);
  });

  it('rejects base64 beyond the JSON limit and versions without PathOnClient', async () => {
    const tooLarge = await session.api<ErrorBody>('POST', '/sobjects/ContentVersion', {
      PathOnClient: 'big.bin',
      VersionData: Buffer.alloc(1024).toString('base64'),
    });
    expect(tooLarge.status).toBe(400);
    expect(tooLarge.body[0].errorCode).toBe('STRING_TOO_LONG');
    const noPath = await session.api<ErrorBody>('POST', '/sobjects/ContentVersion', { VersionData: 'aGk=' });
    expect(noPath.body[0].errorCode).toBe('REQUIRED_FIELD_MISSING');
  });

  it('a new version of an existing document, a duplicate link, and the ContentDocumentLink query restriction', async () => {
    const first = await session.api<SaveBody>('POST', '/sobjects/ContentVersion', {
      PathOnClient: 'a.txt',
      VersionData: 'djE=',
    });
    const documentId = session.emulator
      .records('ContentVersion')
      .find((row) => row.Id === first.body.id)!.ContentDocumentId;
    const second = await session.api<SaveBody>('POST', '/sobjects/ContentVersion', {
      ContentDocumentId: documentId,
      PathOnClient: 'a.txt',
      VersionData: 'djI=',
    });
    expect(second.status).toBe(201);
    const versions = session.emulator
      .records('ContentVersion')
      .filter((row) => row.ContentDocumentId === documentId);
    expect(versions.map((row) => [row.VersionNumber, row.IsLatest])).toEqual([
      ['1', false],
      ['2', true],
    ]);
    const link = {
      ContentDocumentId: documentId,
      LinkedEntityId: CASE_ID,
      ShareType: 'V',
      Visibility: 'AllUsers',
    };
    expect((await session.api('POST', '/sobjects/ContentDocumentLink', link)).status).toBe(201);
    const duplicate = await session.api<ErrorBody>('POST', '/sobjects/ContentDocumentLink', link);
    expect(duplicate.body[0].errorCode).toBe('DUPLICATE_VALUE');
    const unfiltered = await session.api<ErrorBody>('GET', queryPath('SELECT Id FROM ContentDocumentLink'));
    expect(unfiltered.status).toBe(400);
    expect(unfiltered.body[0].errorCode).toBe('MALFORMED_QUERY');
  });
});

describe('Attachment', () => {
  let session: Session;
  beforeAll(async () => {
    session = await startSession();
  });
  afterAll(() => session.emulator.stop());

  it('stores the base64 Body, computes BodyLength, serves the bytes and can be queried by parent and name', async () => {
    const content = Buffer.from(JSON.stringify([{ content: 'Hello', start_time: 0.1 }]));
    const created = await session.api<SaveBody>('POST', '/sobjects/Attachment', {
      Name: 'CustomerTranscripts.json',
      ParentId: CASE_ID,
      ContentType: 'application/json',
      Description: 'Call Recording Transcription - Customer Side',
      Body: content.toString('base64'),
    });
    expect(created.status).toBe(201);
    expect(created.body.id).toMatch(/^00P/);
    const read = await session.api<Record<string, unknown>>('GET', `/sobjects/Attachment/${created.body.id}`);
    expect(read.body).toMatchObject({
      BodyLength: content.length,
      Body: `/services/data/v62.0/sobjects/Attachment/${created.body.id}/Body`,
    });
    const bytes = await fetch(
      `${session.emulator.url}/services/data/v62.0/sobjects/Attachment/${created.body.id}/Body`,
      {
        headers: { authorization: `Bearer ${session.token}` },
      },
    );
    expect(Buffer.from(await bytes.arrayBuffer())).toEqual(content);
    const found = await session.api<QueryBody>(
      'GET',
      queryPath(
        `SELECT Id FROM Attachment WHERE ParentId = '${CASE_ID}' AND Name = 'CustomerTranscripts.json'`,
      ),
    );
    expect(found.body.totalSize).toBe(1);
    const [stored] = session.emulator.records('Attachment');
    expect(Buffer.from(String(stored.Body), 'base64')).toEqual(content);
    const noParent = await session.api<ErrorBody>('POST', '/sobjects/Attachment', {
      Name: 'x',
      Body: 'aGk=',
    });
    expect(noParent.body[0].errorCode).toBe('REQUIRED_FIELD_MISSING');
  });
});

describe('Chatter', () => {
  let session: Session;
  beforeAll(async () => {
    session = await startSession();
  });
  afterAll(() => session.emulator.stop());

  it('posts a feed item (201, 0D5) with text and a mention, then a comment (201, 0D7)', async () => {
    const agent = session.emulator.records('User').find((user) => user.LastName === 'Smith')!;
    const post = await session.api<Record<string, unknown>>('POST', '/chatter/feed-elements', {
      feedElementType: 'FeedItem',
      subjectId: CASE_ID,
      body: {
        messageSegments: [
          { type: 'Text', text: 'Call summary: resolved. ' },
          { type: 'Mention', id: agent.Id },
        ],
      },
    });
    expect(post.status).toBe(201);
    expect(post.body).toMatchObject({
      id: expect.stringMatching(/^0D5/),
      feedElementType: 'FeedItem',
      body: { text: 'Call summary: resolved. @Agent Smith' },
      parent: { id: CASE_ID, type: 'Case' },
      url: `/services/data/v62.0/chatter/feed-elements/${String(post.body.id)}`,
    });
    const comment = await session.api<Record<string, unknown>>(
      'POST',
      `/chatter/feed-elements/${String(post.body.id)}/capabilities/comments/items`,
      { body: { messageSegments: [{ type: 'Text', text: 'Follow-up done' }] } },
    );
    expect(comment.status).toBe(201);
    expect(comment.body).toMatchObject({
      id: expect.stringMatching(/^0D7/),
      body: { text: 'Follow-up done' },
    });
    expect(session.emulator.records('FeedItem')[0]).toMatchObject({ ParentId: CASE_ID, CommentCount: 1 });
  });

  it('supports the query-string short form and subjectId "me"', async () => {
    const post = await session.api<Record<string, unknown>>(
      'POST',
      `/chatter/feed-elements?feedElementType=FeedItem&subjectId=me&text=${encodeURIComponent('hello')}`,
    );
    expect(post.status).toBe(201);
    expect(post.body).toMatchObject({ body: { text: 'hello' }, parent: { type: 'User' } });
  });

  it('404 for an unknown subject or feed element, 400 for invalid bodies', async () => {
    const unknownSubject = await session.api('POST', '/chatter/feed-elements', {
      feedElementType: 'FeedItem',
      subjectId: '500000000000000AAA',
      body: { messageSegments: [{ type: 'Text', text: 'x' }] },
    });
    expect(unknownSubject.status).toBe(404);
    const unknownElement = await session.api(
      'POST',
      '/chatter/feed-elements/0D5000000000000AAA/capabilities/comments/items',
      {
        body: { messageSegments: [{ type: 'Text', text: 'x' }] },
      },
    );
    expect(unknownElement.status).toBe(404);
    const tooLong = await session.api<ErrorBody>('POST', '/chatter/feed-elements', {
      feedElementType: 'FeedItem',
      subjectId: CASE_ID,
      body: { messageSegments: [{ type: 'Text', text: 'x'.repeat(10001) }] },
    });
    expect(tooLong.status).toBe(400);
    const badMention = await session.api('POST', '/chatter/feed-elements', {
      feedElementType: 'FeedItem',
      subjectId: CASE_ID,
      body: { messageSegments: [{ type: 'Mention', id: CASE_ID }] },
    });
    expect(badMention.status).toBe(400);
  });
});
