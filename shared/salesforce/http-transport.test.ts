/**
 * The HTTP transport contract, checked for both implementations against a local server: parsed
 * bodies, timeouts and network failures as `Salesforce.Transient`, and streamed bodies read only
 * as fast as the socket drains.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { SalesforceTransientError } from './errors.js';
import type { HttpTransport, HttpTransportFactory } from './http-transport.js';
import { nodeHttpTransport } from './node-http-transport.js';
import { undiciTransport } from './undici-transport.js';

const TRANSPORTS: Array<[string, HttpTransportFactory]> = [
  ['undici', undiciTransport()],
  ['node:http', nodeHttpTransport()],
];

let server: Server | undefined;
let transport: HttpTransport | undefined;

afterEach(async () => {
  await transport?.close();
  server?.closeAllConnections();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
  transport = undefined;
});

async function serve(handler: (request: IncomingMessage, response: ServerResponse) => void): Promise<string> {
  server = createServer(handler);
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** A source of `total` bytes in 64 KB chunks that records how much has been pulled from it. */
function countingSource(total: number) {
  const state = { pulled: 0, destroyed: false };
  const chunk = Buffer.alloc(64 * 1024, 1);
  const stream = Readable.from(
    (async function* () {
      while (state.pulled < total) {
        state.pulled += chunk.length;
        yield chunk;
      }
    })(),
  );
  stream.on('close', () => {
    state.destroyed = state.pulled < total;
  });
  return { stream, state };
}

describe.each(TRANSPORTS)('%s transport', (_name, factory) => {
  it('returns status, headers and the body parsed as JSON, text or nothing', async () => {
    const origin = await serve((request, response) => {
      if (request.url === '/json') {
        response.writeHead(200, {
          'content-type': 'application/json',
          'sforce-limit-info': 'api-usage=1/100',
        });
        response.end('{"id":"001"}');
      } else if (request.url === '/text') {
        response.writeHead(400, { 'content-type': 'text/plain' });
        response.end('Bad Request');
      } else {
        response.writeHead(204);
        response.end();
      }
    });
    transport = factory({ timeoutMs: 2_000 });
    const json = await transport.send(origin, { method: 'GET', path: '/json', headers: {} });
    expect(json).toMatchObject({ status: 200, body: { id: '001' } });
    expect(json.headers['sforce-limit-info']).toBe('api-usage=1/100');
    await expect(
      transport.send(origin, { method: 'GET', path: '/text', headers: {} }),
    ).resolves.toMatchObject({
      status: 400,
      body: 'Bad Request',
    });
    await expect(
      transport.send(origin, { method: 'DELETE', path: '/x', headers: {} }),
    ).resolves.toMatchObject({
      status: 204,
      body: undefined,
    });
  });

  it('sends string bodies with their length and headers', async () => {
    const seen: Array<{ length?: string; type?: string; body: string }> = [];
    const origin = await serve((request, response) => {
      let body = '';
      request.setEncoding('utf8');
      request.on('data', (chunk: string) => {
        body += chunk;
      });
      request.on('end', () => {
        seen.push({ length: request.headers['content-length'], type: request.headers['content-type'], body });
        response.end();
      });
    });
    transport = factory({ timeoutMs: 2_000 });
    await transport.send(origin, {
      method: 'PATCH',
      path: '/sobjects/Case/500',
      headers: { 'content-type': 'application/json' },
      body: '{"Subject":"ü"}',
    });
    expect(seen).toEqual([{ length: '16', type: 'application/json', body: '{"Subject":"ü"}' }]);
  });

  it('a server that does not answer in time is Salesforce.Transient, naming the path without its query', async () => {
    const origin = await serve(() => {
      // never answers
    });
    transport = factory({ timeoutMs: 150 });
    const error = await transport
      .send(origin, { method: 'GET', path: '/query?q=SELECT+Phone', headers: {} })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(SalesforceTransientError);
    expect((error as Error).message).toMatch(/^GET \/query timed out after 150 ms/);
  });

  it('a refused connection is Salesforce.Transient', async () => {
    const origin = await serve(() => undefined);
    await new Promise<void>((resolve) => server?.close(() => resolve()));
    server = undefined;
    transport = factory({ timeoutMs: 2_000 });
    await expect(
      transport.send(origin, { method: 'GET', path: '/limits', headers: {} }),
    ).rejects.toMatchObject({
      name: 'Salesforce.Transient',
      message: expect.stringContaining('ECONNREFUSED'),
    });
  });

  it('a response cut off mid-body is Salesforce.Transient', async () => {
    const origin = await serve((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json', 'content-length': '1000' });
      response.write('{"records":[');
      setTimeout(() => response.socket?.destroy(), 20);
    });
    transport = factory({ timeoutMs: 2_000 });
    await expect(
      transport.send(origin, { method: 'GET', path: '/query', headers: {} }),
    ).rejects.toMatchObject({
      name: 'Salesforce.Transient',
    });
  });

  it('a streamed body is pulled only as the server reads it, then sent whole', async () => {
    const total = 64 * 1024 * 1024;
    let reading: () => void = () => undefined;
    const received = { bytes: 0 };
    const origin = await serve((request, response) => {
      request.pause();
      reading = () => {
        request.on('data', (chunk: Buffer) => {
          received.bytes += chunk.length;
        });
        request.on('end', () => {
          response.writeHead(201, { 'content-type': 'application/json' });
          response.end('{"id":"068"}');
        });
        request.resume();
      };
    });
    transport = factory({ timeoutMs: 5_000 });
    const { stream, state } = countingSource(total);
    const sent = transport.send(origin, { method: 'POST', path: '/upload', headers: {}, body: stream });
    await new Promise((resolve) => setTimeout(resolve, 300));
    // Socket buffers hold a few MB at most; the rest waits in the source.
    expect(state.pulled).toBeLessThan(total / 4);
    reading();
    await expect(sent).resolves.toMatchObject({ status: 201, body: { id: '068' } });
    expect(received.bytes).toBe(total);
  });

  it('a failing body stream fails the request with its own error', async () => {
    const origin = await serve((request, response) => {
      request.resume();
      request.on('end', () => response.end());
    });
    transport = factory({ timeoutMs: 2_000 });
    const body = new Readable({
      read() {
        this.destroy(new Error('S3 read failed'));
      },
    });
    await expect(
      transport.send(origin, { method: 'POST', path: '/upload', headers: {}, body }),
    ).rejects.toThrow('S3 read failed');
  });
});

describe('node:http transport', () => {
  it('reuses one keep-alive socket for consecutive requests', async () => {
    const sockets = new Set<unknown>();
    const origin = await serve((request, response) => {
      sockets.add(request.socket);
      response.end('ok');
    });
    transport = nodeHttpTransport()({ timeoutMs: 2_000 });
    for (let i = 0; i < 5; i++) await transport.send(origin, { method: 'GET', path: '/limits', headers: {} });
    expect(sockets.size).toBe(1);
  });

  it('an answer that comes before the body is sent (e.g. an expired session) stops reading the source', async () => {
    const origin = await serve((request, response) => {
      request.pause();
      response.writeHead(401, { 'content-type': 'application/json' });
      response.end('[{"errorCode":"INVALID_SESSION_ID","message":"Session expired"}]');
    });
    transport = nodeHttpTransport()({ timeoutMs: 2_000 });
    const { stream, state } = countingSource(256 * 1024 * 1024);
    await expect(
      transport.send(origin, { method: 'POST', path: '/upload', headers: {}, body: stream }),
    ).resolves.toMatchObject({ status: 401, body: [{ errorCode: 'INVALID_SESSION_ID' }] });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(stream.destroyed).toBe(true);
    expect(state.destroyed).toBe(true);
  });
});
