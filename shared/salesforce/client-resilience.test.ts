import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { SalesforceClient } from './client.js';
import { StaticCredentialsSource } from './credentials.js';
import type { SalesforceSettings } from './types.js';
import { undiciTransport } from './undici-transport.js';

type Handler = (req: IncomingMessage, res: ServerResponse, body: string) => void;

let server: Server | undefined;
const clients: SalesforceClient[] = [];

/** A loopback server: the token endpoint always succeeds; data calls go to `handler`. */
async function start(handler: Handler): Promise<{ url: string; calls: () => string[] }> {
  const calls: string[] = [];
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => {
      body += chunk;
    });
    req.on('end', () => {
      if (req.url === '/services/oauth2/token') {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ access_token: 'TOKEN' }));
        return;
      }
      calls.push(`${req.method} ${req.url}`);
      handler(req, res, body);
    });
  });
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, calls: () => calls };
}

afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()));
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve));
  server = undefined;
});

function client(url: string, overrides: Partial<SalesforceSettings> = {}, maxAttempts = 3) {
  const delays: number[] = [];
  const sf = new SalesforceClient({
    transport: undiciTransport(),
    settings: {
      host: url,
      version: 'v62.0',
      username: 'u',
      production: false,
      authMode: 'password',
      ...overrides,
    },
    credentials: new StaticCredentialsSource({ Password: 'p', ConsumerKey: 'k', ConsumerSecret: 's' }),
    retry: {
      maxAttempts,
      random: () => 0.5,
      sleep: async (ms) => {
        delays.push(ms);
      },
    },
  });
  clients.push(sf);
  return { sf, delays };
}

function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

const lockRow = [
  { errorCode: 'UNABLE_TO_LOCK_ROW', message: 'unable to obtain exclusive access to this record' },
];

describe('retries and transport failures', () => {
  it('retries safe operations on transient errors with jittered exponential backoff', async () => {
    let n = 0;
    const { url, calls } = await start((_req, res) => {
      n++;
      if (n === 1) return json(res, 503, [{ errorCode: 'SERVER_UNAVAILABLE', message: 'down' }]);
      if (n === 2) return json(res, 400, lockRow);
      res.writeHead(204).end();
    });
    const { sf, delays } = client(url);
    await sf.update('Contact', '003000000000001AAA', { LastName: 'x' });
    expect(calls()).toHaveLength(3);
    expect(delays).toEqual([50, 100]);
    expect(sf.stats.apiCalls).toBe(3);
  });

  it('gives up after maxAttempts with Salesforce.Transient', async () => {
    const { url, calls } = await start((_req, res) =>
      json(res, 500, [{ errorCode: 'UNKNOWN_EXCEPTION', message: 'x' }]),
    );
    const { sf } = client(url, {}, 2);
    await expect(sf.delete('Contact', '003000000000001AAA')).rejects.toMatchObject({
      name: 'Salesforce.Transient',
    });
    expect(calls()).toHaveLength(2);
  });

  it('never retries a create, a composite with a POST, a Chatter post, or a rate limit', async () => {
    const { url, calls } = await start((req, res) => {
      if (req.url?.includes('/limits')) {
        return json(res, 403, [
          { errorCode: 'REQUEST_LIMIT_EXCEEDED', message: 'TotalRequests Limit exceeded.' },
        ]);
      }
      json(res, 503, [{ errorCode: 'SERVER_UNAVAILABLE', message: 'down' }]);
    });
    const { sf } = client(url);
    await expect(sf.create('Case', { Subject: 's' })).rejects.toMatchObject({ name: 'Salesforce.Transient' });
    await expect(
      sf.composite([{ method: 'POST', url: '/sobjects/Case', referenceId: 'c', body: {} }]),
    ).rejects.toMatchObject({ name: 'Salesforce.Transient' });
    await expect(sf.chatterPost({ subjectId: 'me' })).rejects.toMatchObject({ name: 'Salesforce.Transient' });
    await expect(sf.createMany([{ attributes: { type: 'Case' } }])).rejects.toMatchObject({
      name: 'Salesforce.Transient',
    });
    await expect(sf.limits()).rejects.toMatchObject({ name: 'Salesforce.RateLimited', status: 403 });
    expect(calls()).toHaveLength(5);
  });

  it('retry: false disables retries', async () => {
    const { url, calls } = await start((_req, res) => json(res, 503, []));
    const sf = new SalesforceClient({
      transport: undiciTransport(),
      settings: { host: url, version: 'v62.0', username: 'u', production: false, authMode: 'password' },
      credentials: new StaticCredentialsSource({ Password: 'p', ConsumerKey: 'k', ConsumerSecret: 's' }),
      retry: false,
    });
    clients.push(sf);
    await expect(sf.limits()).rejects.toMatchObject({ name: 'Salesforce.Transient' });
    expect(calls()).toHaveLength(1);
  });

  it('a slow response times out as Salesforce.Transient', async () => {
    const { url } = await start((_req, res) => {
      setTimeout(() => json(res, 200, {}), 2_000).unref();
    });
    const { sf } = client(url, { requestTimeoutMs: 100 }, 1);
    await expect(sf.limits()).rejects.toMatchObject({
      name: 'Salesforce.Transient',
      message: expect.stringContaining('timed out after 100 ms'),
    });
  });

  it('a connection reset is Salesforce.Transient and retried for reads', async () => {
    let n = 0;
    const { url, calls } = await start((req, res) => {
      n++;
      if (n === 1) {
        req.socket.destroy();
        return;
      }
      json(res, 200, { totalSize: 0, done: true, records: [] });
    });
    const { sf } = client(url);
    await expect(sf.query('SELECT Id FROM Contact')).resolves.toEqual({
      records: [],
      totalSize: 0,
      done: true,
    });
    expect(calls()).toHaveLength(2);
    const single = client(url, {}, 1).sf;
    n = 0;
    await expect(single.query('SELECT Id FROM Contact')).rejects.toMatchObject({
      name: 'Salesforce.Transient',
    });
  });
});
