/**
 * An {@link HttpTransport} on `node:http`/`node:https` with keep-alive agents. Node's HTTP parser
 * is native: a function that makes a handful of calls and streams one large body (recording-upload)
 * uses this instead of {@link UndiciTransport} and never loads undici or compiles its WebAssembly
 * parser, which costs about 35 MB of memory at the first request.
 *
 * Same contract as the undici transport: the timeout covers connecting, waiting for headers and
 * every gap while sending or receiving; a streamed body is read only as the socket drains.
 *
 * @example
 * ```ts
 * const salesforce = getSalesforceClientUsing(nodeHttpTransport());
 * ```
 */
import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import {
  DEFAULT_CONNECTIONS,
  type HttpRequest,
  type HttpResponse,
  type HttpTransport,
  type HttpTransportFactory,
  type HttpTransportOptions,
  KEEP_ALIVE_IDLE_MS,
  networkError,
  parseBody,
  TIMEOUT_CODE,
} from './http-transport.js';

/** The factory the client takes; `overrides` win over the client's options. */
export function nodeHttpTransport(overrides: Partial<HttpTransportOptions> = {}): HttpTransportFactory {
  return (options) => new NodeHttpTransport({ ...options, ...overrides });
}

/**
 * An {@link HttpTransport} on `node:http`/`node:https` keep-alive agents: for functions that make few
 * calls and stream one large body, it avoids loading undici (about 35 MB less memory).
 */
export class NodeHttpTransport implements HttpTransport {
  private readonly options: HttpTransportOptions;
  private readonly httpAgent: HttpAgent;
  private readonly httpsAgent: HttpsAgent;

  constructor(options: HttpTransportOptions) {
    this.options = options;
    const agentOptions = {
      keepAlive: true,
      maxSockets: options.connections ?? DEFAULT_CONNECTIONS,
      // Idle sockets close after this (or earlier when the server announces a shorter keep-alive).
      timeout: KEEP_ALIVE_IDLE_MS,
      scheduling: 'lifo' as const,
    };
    this.httpAgent = new HttpAgent(agentOptions);
    this.httpsAgent = new HttpsAgent(agentOptions);
  }

  send(origin: string, request: HttpRequest): Promise<HttpResponse> {
    const timeout = request.timeoutMs ?? this.options.timeoutMs;
    const url = new URL(origin);
    const secure = url.protocol === 'https:';
    return new Promise<HttpResponse>((resolve, reject) => {
      let settled = false;
      const body = request.body;
      const streamed = body !== undefined && typeof body !== 'string' && !Buffer.isBuffer(body);
      const fail = (error: unknown) => {
        if (settled) return;
        settled = true;
        req.destroy();
        if (streamed && !(body as Readable).destroyed) (body as Readable).destroy();
        reject(networkError(error, request, timeout));
      };

      const req = (secure ? httpsRequest : httpRequest)({
        protocol: url.protocol,
        hostname: url.hostname,
        port: url.port === '' ? undefined : url.port,
        method: request.method,
        path: request.path,
        headers: request.headers,
        agent: secure ? this.httpsAgent : this.httpAgent,
        // Socket inactivity, from before the connection is made until the response ends.
        timeout,
      });
      req.on('timeout', () => fail(timeoutError(timeout)));
      req.on('error', fail);
      req.on('response', (response: IncomingMessage) => {
        response.setEncoding('utf8');
        let text = '';
        response.on('data', (chunk: string) => {
          text += chunk;
        });
        response.on('error', fail);
        response.on('close', () => {
          if (!response.complete) fail(Object.assign(new Error('response aborted'), { code: 'ECONNRESET' }));
        });
        response.on('end', () => {
          if (settled) return;
          settled = true;
          // Salesforce answered before taking the whole body (e.g. an expired session): stop sending.
          if (!req.writableFinished) {
            req.destroy();
            if (streamed) (body as Readable).destroy();
          }
          resolve({
            status: response.statusCode ?? 0,
            headers: response.headers,
            body: parseBody(text, response.headers),
          });
        });
      });

      if (body === undefined) req.end();
      else if (!streamed) req.end(body);
      else pipeline(body as Readable, req).catch(fail);
    });
  }

  async close(): Promise<void> {
    this.httpAgent.destroy();
    this.httpsAgent.destroy();
  }
}

function timeoutError(timeout: number): Error {
  return Object.assign(new Error(`no data for ${timeout} ms`), { code: TIMEOUT_CODE });
}
