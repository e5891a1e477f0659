/**
 * HTTP for the Salesforce client: one keep-alive undici `Pool` per origin (the API host and, in
 * some modes, a separate login host), per-request timeouts, and network failures mapped to
 * `Salesforce.Transient`. It knows nothing about auth or Salesforce error bodies.
 *
 * @example
 * ```ts
 * const http = new HttpTransport({ timeoutMs: 5_000 });
 * const res = await http.send('https://acme.my.salesforce.com', { method: 'GET', path: '/services/data/v62.0/limits', headers });
 * ```
 */
import type { IncomingHttpHeaders } from 'node:http';
import type { Readable } from 'node:stream';
import { type Dispatcher, Pool } from 'undici';
import { SalesforceTransientError } from './errors.js';

export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

export interface HttpRequest {
  method: HttpMethod;
  /** Path and query, starting with `/`. */
  path: string;
  headers: Record<string, string>;
  body?: string | Buffer | Readable;
  /** Overrides the transport's timeout (e.g. uploads). */
  timeoutMs?: number;
}

export interface HttpResponse {
  status: number;
  headers: IncomingHttpHeaders;
  /** Parsed JSON, the raw text when not JSON, or `undefined` when empty. */
  body: unknown;
}

export interface HttpTransportOptions {
  /** Timeout for receiving response headers, and for each gap while receiving the body (ms). */
  timeoutMs: number;
  /** Sockets per origin (default 32). */
  connections?: number;
  /** Use this dispatcher for every origin instead of own pools (tests: undici `MockAgent`). */
  dispatcher?: Dispatcher;
}

const NETWORK_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'EPIPE',
  'ETIMEDOUT',
  'EAI_AGAIN',
  'ENOTFOUND',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
]);

export class HttpTransport {
  private readonly pools = new Map<string, Dispatcher>();
  private readonly options: HttpTransportOptions;

  constructor(options: HttpTransportOptions) {
    this.options = options;
  }

  async send(origin: string, request: HttpRequest): Promise<HttpResponse> {
    const timeout = request.timeoutMs ?? this.options.timeoutMs;
    // Own pools already carry the default timeouts; a shared dispatcher (tests) or an override
    // (uploads) gets them per request.
    const perRequest = request.timeoutMs !== undefined || this.options.dispatcher !== undefined;
    let response: Dispatcher.ResponseData;
    try {
      response = await this.dispatcherFor(origin).request({
        origin,
        method: request.method,
        path: request.path,
        headers: request.headers,
        body: request.body,
        headersTimeout: perRequest ? timeout : undefined,
        bodyTimeout: perRequest ? timeout : undefined,
      });
    } catch (error) {
      throw networkError(error, request, timeout);
    }
    let text: string;
    try {
      text = await response.body.text();
    } catch (error) {
      throw networkError(error, request, timeout);
    }
    return {
      status: response.statusCode,
      headers: response.headers,
      body: parseBody(text, response.headers),
    };
  }

  /** Closes every pool (tests, benchmarks; Lambda containers just freeze). */
  async close(): Promise<void> {
    const pools = [...this.pools.values()];
    this.pools.clear();
    if (this.options.dispatcher === undefined) await Promise.all(pools.map((pool) => pool.close()));
  }

  private dispatcherFor(origin: string): Dispatcher {
    if (this.options.dispatcher !== undefined) return this.options.dispatcher;
    let pool = this.pools.get(origin);
    if (pool === undefined) {
      pool = new Pool(origin, {
        connections: this.options.connections ?? 32,
        headersTimeout: this.options.timeoutMs,
        bodyTimeout: this.options.timeoutMs,
        // Below Salesforce's idle timeout so we never write to a socket the server is closing.
        keepAliveTimeout: 30_000,
        keepAliveMaxTimeout: 60_000,
      });
      this.pools.set(origin, pool);
    }
    return pool;
  }
}

function parseBody(text: string, headers: IncomingHttpHeaders): unknown {
  if (text === '') return undefined;
  const type = headers['content-type'];
  const looksJson = (typeof type === 'string' && type.includes('json')) || text[0] === '[' || text[0] === '{';
  if (!looksJson) return text;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function networkError(error: unknown, request: HttpRequest, timeout: number): Error {
  const code = (error as { code?: unknown } | null)?.code;
  const where = `${request.method} ${pathOnly(request.path)}`;
  if (
    code === 'UND_ERR_HEADERS_TIMEOUT' ||
    code === 'UND_ERR_BODY_TIMEOUT' ||
    code === 'UND_ERR_CONNECT_TIMEOUT'
  ) {
    return new SalesforceTransientError(`${where} timed out after ${timeout} ms (${code})`, { cause: error });
  }
  if (typeof code === 'string' && NETWORK_CODES.has(code)) {
    return new SalesforceTransientError(`${where} failed: connection error ${code}`, { cause: error });
  }
  if (error instanceof Error && error.name === 'AbortError') {
    return new SalesforceTransientError(`${where} was aborted`, { cause: error });
  }
  return error instanceof Error ? error : new Error(String(error));
}

/** The path without its query string (queries can carry personal data). */
export function pathOnly(path: string): string {
  const index = path.indexOf('?');
  return index === -1 ? path : path.slice(0, index);
}
