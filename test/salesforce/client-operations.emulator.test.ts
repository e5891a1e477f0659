/**
 * Every SalesforceApi operation against the emulator over real HTTP: shapes, encodings and
 * API-call counts as Salesforce documents them, through both transports (undici for most
 * functions, node:http for recording-upload).
 */
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emulatorClient } from '../../local/emulator-connection/emulator-client.js';
import { startSalesforceEmulator } from '../../local/salesforce-emulator/index.js';
import type { SalesforceEmulator } from '../../local/salesforce-emulator/types.js';
import type { SalesforceClient } from '../../shared/salesforce/client.js';
import type { HttpTransportFactory } from '../../shared/salesforce/http-transport.js';
import { nodeHttpTransport } from '../../shared/salesforce/node-http-transport.js';
import { soql, soslFind } from '../../shared/salesforce/soql.js';
import { undiciTransport } from '../../shared/salesforce/undici-transport.js';

const CTR = 'AC_ContactTraceRecord__c';
const TRANSPORTS: Array<[string, HttpTransportFactory]> = [
  ['undici', undiciTransport()],
  ['node:http', nodeHttpTransport()],
];

describe.each(TRANSPORTS)('operations against the emulator over %s', (_name, transport) => {
  let emulator: SalesforceEmulator;
  let client: SalesforceClient;

  beforeAll(async () => {
    emulator = await startSalesforceEmulator();
    client = emulatorClient(emulator, { authMode: 'client_credentials', transport });
  });
  afterAll(async () => {
    await client.close();
    await emulator.stop();
  });

  it('create, get (fields), update, delete', async () => {
    const id = await client.create('Case', { Subject: 'Call back', Origin: 'Phone' });
    expect(id).toMatch(/^500[A-Za-z0-9]{15}$/);
    await client.update('Case', id, { Subject: 'Called back' });
    await expect(client.get('Case', id, ['Subject'])).resolves.toMatchObject({ Subject: 'Called back' });
    await client.delete('Case', id);
    await expect(client.get('Case', id)).rejects.toMatchObject({ name: 'Salesforce.Request', status: 404 });
  });

  it('upsert by an external id with path characters: created, then updated, same id', async () => {
    const contactId = 'ctr/2026#1 ü?x';
    const first = await client.upsert(CTR, 'ContactId__c', contactId, { Channel__c: 'VOICE' });
    expect(first.created).toBe(true);
    const second = await client.upsert(CTR, 'ContactId__c', contactId, { Channel__c: 'CHAT' });
    expect(second).toEqual({ id: first.id, created: false });
    const stored = emulator.records(CTR).filter((r) => r.ContactId__c === contactId);
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ Id: first.id, Channel__c: 'CHAT' });
  });

  it('describe is fetched once per client', async () => {
    emulator.resetApiUsage();
    const [a, b] = await Promise.all([client.describe(CTR), client.describe(CTR)]);
    const c = await client.describe(CTR);
    expect(a).toBe(b);
    expect(c).toBe(a);
    expect(a.fields.some((f) => f.name === 'ContactId__c' && f.externalId)).toBe(true);
    expect(emulator.apiUsage().apiCalls).toBe(1);
  });

  it('composite with references is one API call', async () => {
    emulator.resetApiUsage();
    const responses = await client.composite(
      [
        { method: 'POST', url: '/sobjects/Account', referenceId: 'acct', body: { Name: 'Composite Ltd' } },
        {
          method: 'POST',
          url: '/sobjects/Contact',
          referenceId: 'contact',
          body: { LastName: 'Ref', AccountId: '@{acct.id}' },
        },
        { method: 'GET', url: '/sobjects/Contact/@{contact.id}?fields=AccountId', referenceId: 'read' },
      ],
      { allOrNone: true },
    );
    expect(responses.map((r) => r.httpStatusCode)).toEqual([201, 201, 200]);
    const accountId = (responses[0].body as { id: string }).id;
    expect((responses[2].body as { AccountId: string }).AccountId).toBe(accountId);
    expect(emulator.apiUsage().apiCalls).toBe(1);
  });

  it('collections: createMany, updateMany, upsertMany in calls of 200', async () => {
    emulator.resetApiUsage();
    const created = await client.createMany(
      Array.from({ length: 250 }, (_, i) => ({
        attributes: { type: 'Lead' },
        LastName: `L${i}`,
        Company: 'C',
      })),
    );
    expect(created.every((r) => r.success)).toBe(true);
    const updated = await client.updateMany(
      created.map((r) => ({ attributes: { type: 'Lead' }, id: r.id, Company: 'Updated' })),
    );
    expect(updated.every((r) => r.success)).toBe(true);
    const upserted = await client.upsertMany(
      CTR,
      'ContactId__c',
      Array.from({ length: 201 }, (_, i) => ({ ContactId__c: `bulk-${i}`, Channel__c: 'VOICE' })),
    );
    expect(upserted.filter((r) => r.created)).toHaveLength(201);
    expect(emulator.apiUsage().byEndpoint).toMatchObject({
      'POST /composite/sobjects': 2,
      'PATCH /composite/sobjects': 2,
    });
    expect(emulator.apiUsage().apiCalls).toBe(6);
  });

  it('search, parameterizedSearch and limits', async () => {
    const found = await client.search(
      soslFind('+441122334455', { in: 'PHONE', returning: 'Contact(Id, LastName)' }),
    );
    expect(found.map((r) => r.LastName)).toContain('Doe');
    const parameterized = await client.parameterizedSearch({
      q: 'Doe',
      sobjects: [{ name: 'Contact', fields: ['Id', 'LastName'] }],
    });
    expect(parameterized.length).toBeGreaterThan(0);
    const limits = await client.limits();
    expect(limits.DailyApiRequests.Max).toBeGreaterThan(0);
    expect(client.stats.lastLimitInfo?.max).toBe(limits.DailyApiRequests.Max);
  });

  it('Chatter post and comment', async () => {
    const caseId = await client.create('Case', { Subject: 'Chatter' });
    const post = await client.chatterPost({
      feedElementType: 'FeedItem',
      subjectId: caseId,
      body: { messageSegments: [{ type: 'Text', text: 'Call summary' }] },
    });
    expect(post).toMatch(/^0D5/);
    const comment = await client.chatterComment(post, {
      body: { messageSegments: [{ type: 'Text', text: 'ok' }] },
    });
    expect(comment).toMatch(/^0D7/);
  });

  it('uploadContentVersion streams a multipart body and links the file', async () => {
    const caseId = await client.create('Case', { Subject: 'Recording' });
    const chunk = Buffer.alloc(256 * 1024, 7);
    const result = await client.uploadContentVersion({
      title: 'Call recording',
      pathOnClient: 'call.wav',
      firstPublishLocationId: caseId,
      contentType: 'audio/wav',
      body: Readable.from(
        (function* () {
          for (let i = 0; i < 8; i++) yield chunk;
        })(),
      ),
    });
    expect(result.id).toMatch(/^068/);
    const version = emulator.records('ContentVersion').find((r) => r.Id === result.id);
    expect(version).toMatchObject({ Title: 'Call recording', PathOnClient: 'call.wav' });
    expect(Buffer.from(String(version?.VersionData), 'base64').length).toBe(8 * 256 * 1024);
    const { records } = await client.query(
      soql`SELECT ContentDocumentId FROM ContentVersion WHERE Id = ${result.id}`,
    );
    const links = await client.query(
      soql`SELECT LinkedEntityId FROM ContentDocumentLink WHERE ContentDocumentId = ${String(records[0].ContentDocumentId)}`,
    );
    expect(links.records.map((r) => r.LinkedEntityId)).toContain(caseId);
  });

  it('an upload meeting an expired session: a stream factory is resent, a bare stream fails as Transient', async () => {
    const file = () => Readable.from([Buffer.from('RIFF....WAVEfmt ')]);
    emulator.expireAllSessions();
    const tokensBefore = client.stats.tokenRequests;
    await expect(
      client.uploadContentVersion({ title: 'Factory', pathOnClient: 'a.wav', body: file }),
    ).resolves.toMatchObject({ id: expect.stringMatching(/^068/) });
    expect(client.stats.tokenRequests).toBe(tokensBefore + 1);

    emulator.expireAllSessions();
    await expect(
      client.uploadContentVersion({ title: 'Bare', pathOnClient: 'b.wav', body: file() }),
    ).rejects.toMatchObject({ name: 'Salesforce.Transient', status: 401 });
    // The token was refreshed already: the caller's retry goes straight through.
    await expect(
      client.uploadContentVersion({ title: 'Bare', pathOnClient: 'b.wav', body: file() }),
    ).resolves.toMatchObject({ id: expect.stringMatching(/^068/) });
    expect(client.stats.tokenRequests).toBe(tokensBefore + 2);
  });
});
