import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { MockAgent } from 'undici';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type ClientLogger, SalesforceClient } from './client.js';
import { StaticCredentialsSource } from './credentials.js';
import { undiciTransport } from './undici-transport.js';

const HOST = 'https://acme.my.salesforce.com';
const V = '/services/data/v62.0';
let agent: MockAgent;
let warnings: Array<[string, Record<string, unknown> | undefined]>;

beforeEach(() => {
  agent = new MockAgent();
  agent.disableNetConnect();
  agent
    .get(HOST)
    .intercept({ path: '/services/oauth2/token', method: 'POST' })
    .reply(200, { access_token: 'T' })
    .persist();
  warnings = [];
});
afterEach(async () => {
  await agent.close();
});

function client() {
  const logger: ClientLogger = {
    debug() {},
    info() {},
    warn(message, extra) {
      warnings.push([message, extra]);
    },
    error() {},
  };
  return new SalesforceClient({
    settings: { host: HOST, version: 'v62.0', username: 'u', production: false, authMode: 'password' },
    credentials: new StaticCredentialsSource({ Password: 'p', ConsumerKey: 'k', ConsumerSecret: 's' }),
    transport: undiciTransport({ dispatcher: agent }),
    retry: false,
    logger,
  });
}

describe('query', () => {
  function pages() {
    const pool = agent.get(HOST);
    pool.intercept({ path: `${V}/query?q=${encodeURIComponent('SELECT Id FROM Contact')}` }).reply(200, {
      totalSize: 5,
      done: false,
      nextRecordsUrl: `${V}/query/01g-2`,
      records: [{ Id: 1 }, { Id: 2 }],
    });
    pool.intercept({ path: `${V}/query/01g-2` }).reply(200, {
      totalSize: 5,
      done: false,
      nextRecordsUrl: `${V}/query/01g-4`,
      records: [{ Id: 3 }, { Id: 4 }],
    });
    pool
      .intercept({ path: `${V}/query/01g-4` })
      .reply(200, { totalSize: 5, done: true, records: [{ Id: 5 }] });
  }

  it('follows nextRecordsUrl to the end', async () => {
    pages();
    const sf = client();
    const result = await sf.query('SELECT Id FROM Contact');
    expect(result).toEqual({ totalSize: 5, done: true, records: [1, 2, 3, 4, 5].map((Id) => ({ Id })) });
    expect(sf.stats.apiCalls).toBe(3);
  });

  it('stops at maxRecords and reports done: false', async () => {
    pages();
    const sf = client();
    const result = await sf.query('SELECT Id FROM Contact', { maxRecords: 3 });
    expect(result).toEqual({ totalSize: 5, done: false, records: [1, 2, 3].map((Id) => ({ Id })) });
    expect(sf.stats.apiCalls).toBe(2);
  });

  it('refuses a nextRecordsUrl outside the API', async () => {
    agent
      .get(HOST)
      .intercept({ path: /\/query\?q=/ })
      .reply(200, { totalSize: 2, done: false, nextRecordsUrl: 'https://evil.example/steal', records: [] });
    await expect(client().query('SELECT Id FROM Contact')).rejects.toMatchObject({
      name: 'Salesforce.Request',
    });
  });
});

describe('other operations', () => {
  it('search and parameterizedSearch return searchRecords (and old bare arrays)', async () => {
    const pool = agent.get(HOST);
    pool.intercept({ path: /\/search\?q=FIND/ }).reply(200, { searchRecords: [{ Id: 'a' }] });
    pool.intercept({ path: `${V}/parameterizedSearch`, method: 'POST' }).reply(200, [{ Id: 'b' }]);
    const sf = client();
    await expect(sf.search('FIND {x}')).resolves.toEqual([{ Id: 'a' }]);
    await expect(sf.parameterizedSearch({ q: 'x' })).resolves.toEqual([{ Id: 'b' }]);
  });

  it('get passes validated fields; names with path characters are rejected before any call', async () => {
    agent
      .get(HOST)
      .intercept({ path: `${V}/sobjects/Contact/003000000000001AAA?fields=Id%2CLastName` })
      .reply(200, { Id: '003000000000001AAA' });
    const sf = client();
    await sf.get('Contact', '003000000000001AAA', ['Id', 'LastName']);
    await expect(sf.get('Contact/../User', 'x')).rejects.toMatchObject({ name: 'Salesforce.Request' });
    await expect(sf.get('Contact', 'x', ['Id,Name'])).rejects.toMatchObject({ name: 'Salesforce.Request' });
    await expect(sf.upsert('Contact', 'Ext__c/x', 'v', {})).rejects.toMatchObject({
      name: 'Salesforce.Request',
    });
    expect(sf.stats.apiCalls).toBe(1);
  });

  it('upsert reads the id back when an old API version answers 204', async () => {
    const pool = agent.get(HOST);
    pool.intercept({ path: `${V}/sobjects/Account/Ext__c/A%201`, method: 'PATCH' }).reply(204, '');
    pool
      .intercept({ path: `${V}/sobjects/Account/Ext__c/A%201?fields=Id` })
      .reply(200, { Id: '001000000000001AAA' });
    await expect(client().upsert('Account', 'Ext__c', 'A 1', { Name: 'n' })).resolves.toEqual({
      id: '001000000000001AAA',
      created: false,
    });
  });

  it('describe is cached per client, failures are not', async () => {
    const pool = agent.get(HOST);
    pool.intercept({ path: `${V}/sobjects/Case/describe` }).reply(503, []);
    pool.intercept({ path: `${V}/sobjects/Case/describe` }).reply(200, { name: 'Case', fields: [] });
    const sf = client();
    await expect(sf.describe('Case')).rejects.toMatchObject({ name: 'Salesforce.Transient' });
    await sf.describe('Case');
    await sf.describe('Case');
    await Promise.all([sf.describe('Case'), sf.describe('case')]);
    expect(sf.stats.apiCalls).toBe(2);
  });

  it('composite prefixes subrequest urls with the version and sends allOrNone', async () => {
    let sent: unknown;
    agent
      .get(HOST)
      .intercept({ path: `${V}/composite`, method: 'POST' })
      .reply(200, (opts) => {
        sent = JSON.parse(String(opts.body));
        return {
          compositeResponse: [{ referenceId: 'a', httpStatusCode: 201, body: { id: '1' }, httpHeaders: {} }],
        };
      });
    const result = await client().composite(
      [
        { method: 'POST', url: '/sobjects/Case', referenceId: 'a', body: { Subject: 's' } },
        { method: 'GET', url: `${V}/sobjects/Case/@{a.id}`, referenceId: 'b' },
      ],
      { allOrNone: true },
    );
    expect(result[0].httpStatusCode).toBe(201);
    expect(sent).toEqual({
      allOrNone: true,
      compositeRequest: [
        { method: 'POST', url: `${V}/sobjects/Case`, referenceId: 'a', body: { Subject: 's' } },
        { method: 'GET', url: `${V}/sobjects/Case/@{a.id}`, referenceId: 'b' },
      ],
    });
  });

  it('collections go in calls of 200 and keep the request order', async () => {
    const sizes: number[] = [];
    let next = 0;
    agent
      .get(HOST)
      .intercept({ path: `${V}/composite/sobjects/Contact/Ext__c`, method: 'PATCH' })
      .reply(200, (opts) => {
        const body = JSON.parse(String(opts.body)) as { records: Array<{ attributes: { type: string } }> };
        sizes.push(body.records.length);
        expect(body.records.every((r) => r.attributes.type === 'Contact')).toBe(true);
        return body.records.map(() => ({ id: String(next++), success: true, created: true, errors: [] }));
      })
      .persist();
    const records = Array.from({ length: 450 }, (_, i) => ({ Ext__c: `e${i}` }));
    const results = await client().upsertMany('Contact', 'Ext__c', records);
    expect(sizes).toEqual([200, 200, 50]);
    expect(results.map((r) => r.id)).toEqual(records.map((_, i) => String(i)));
    await expect(client().createMany([{ Name: 'no type' }])).rejects.toMatchObject({
      name: 'Salesforce.Request',
    });
  });

  it('chatter post and comment return ids', async () => {
    const pool = agent.get(HOST);
    pool
      .intercept({ path: `${V}/chatter/feed-elements`, method: 'POST' })
      .reply(201, { id: '0D5000000000001AAA' });
    pool
      .intercept({
        path: `${V}/chatter/feed-elements/0D5000000000001AAA/capabilities/comments/items`,
        method: 'POST',
      })
      .reply(201, { id: '0D7000000000001AAA' });
    const sf = client();
    const post = await sf.chatterPost({ feedElementType: 'FeedItem', subjectId: 'me' });
    await expect(sf.chatterComment(post, { body: { messageSegments: [] } })).resolves.toBe(
      '0D7000000000001AAA',
    );
  });

  it('parses Sforce-Limit-Info and warns above 80 %, once per percentage point', async () => {
    const pool = agent.get(HOST);
    for (const used of [50, 81, 81, 90]) {
      pool
        .intercept({ path: `${V}/limits` })
        .reply(200, {}, { headers: { 'sforce-limit-info': `api-usage=${used}/100` } });
    }
    const sf = client();
    for (let i = 0; i < 4; i++) await sf.limits();
    expect(sf.stats.lastLimitInfo).toEqual({ used: 90, max: 100 });
    expect(warnings.map(([, extra]) => extra?.percent)).toEqual([81, 90]);
  });
});

describe('uploadContentVersion', () => {
  let server: Server | undefined;
  afterEach(async () => {
    await new Promise((resolve) => server?.close(resolve));
  });

  it('streams a multipart body: entity_content JSON then the file, never buffered', async () => {
    let received = Buffer.alloc(0);
    let contentType = '';
    let transferEncoding = '';
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        res.setHeader('content-type', 'application/json');
        if (req.url === '/services/oauth2/token') return res.end(JSON.stringify({ access_token: 'T' }));
        received = Buffer.concat(chunks);
        contentType = String(req.headers['content-type']);
        transferEncoding = String(req.headers['transfer-encoding']);
        res.statusCode = 201;
        res.end(JSON.stringify({ id: '068000000000001AAA', success: true, errors: [] }));
      });
    });
    await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const sf = new SalesforceClient({
      transport: undiciTransport(),
      settings: { host: url, version: 'v62.0', username: 'u', production: false, authMode: 'password' },
      credentials: new StaticCredentialsSource({ Password: 'p', ConsumerKey: 'k', ConsumerSecret: 's' }),
    });
    let produced = 0;
    const file = Readable.from(
      (function* () {
        for (let i = 0; i < 64; i++) {
          produced++;
          yield Buffer.alloc(64 * 1024, i);
        }
      })(),
    );
    const result = await sf.uploadContentVersion({
      title: 'Call "1"',
      pathOnClient: 'call.wav',
      firstPublishLocationId: '500000000000001AAA',
      body: file,
      contentType: 'audio/wav',
    });
    await sf.close();
    expect(result).toEqual({ id: '068000000000001AAA' });
    expect(produced).toBe(64);
    expect(transferEncoding).toBe('chunked');
    const boundary = /boundary=(\S+)/.exec(contentType)?.[1] ?? '';
    expect(contentType.startsWith('multipart/form-data')).toBe(true);
    const text = received.toString('latin1');
    const parts = text.split(`--${boundary}`);
    expect(parts).toHaveLength(4);
    expect(parts[1]).toContain('name="entity_content"');
    const entity = JSON.parse(parts[1].split('\r\n\r\n')[1].trim()) as Record<string, unknown>;
    expect(entity).toEqual({
      Title: 'Call "1"',
      PathOnClient: 'call.wav',
      ContentLocation: 'S',
      FirstPublishLocationId: '500000000000001AAA',
    });
    expect(parts[2]).toContain('name="VersionData"; filename="call.wav"');
    const fileStart = received.indexOf('\r\n\r\n', received.indexOf('name="VersionData"')) + 4;
    const fileBytes = received.subarray(fileStart, fileStart + 64 * 64 * 1024);
    expect(fileBytes[0]).toBe(0);
    expect(fileBytes[64 * 1024 * 64 - 1]).toBe(63);
    expect(parts[3]).toBe('--\r\n');
  });
});
