/**
 * What the Salesforce client needs from HTTP: send one request to an origin, get status, headers
 * and the parsed body back; map network failures to `Salesforce.Transient`. Two implementations:
 *
 * - {@link UndiciTransport} (default): undici keep-alive pools, the fastest for many small calls.
 * - {@link NodeHttpTransport}: `node:http`/`node:https` with a keep-alive agent. Its parser is
 *   native, so a function that makes few calls (recording-upload) never loads undici nor compiles
 *   undici's WebAssembly parser (a one-off spike of about 35 MB of memory on the first request).
 *
 * Neither knows about auth or Salesforce error bodies.
 *
 * @example
 * ```ts
 * const http: HttpTransport = nodeHttpTransport()({ timeoutMs: 5_000 });
 * const res = await http.send('https://acme.my.salesforce.com', { method: 'GET', path: '/services/data/v62.0/limits', headers });
 * ```
 */
import type { IncomingHttpHeaders } from 'node:http';
import type { Readable } from 'node:stream';
import { SalesforceOutcomeUnknownError, SalesforceTransientError } from './errors.js';

/** The HTTP methods the Salesforce REST API is called with. */
export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

/** One request to the Salesforce API, relative to the org's origin. */
export interface HttpRequest {
  method: HttpMethod;
  /** Path and query, starting with `/`. */
  path: string;
  headers: Record<string, string>;
  /** A stream is sent as it drains (chunked), never read ahead of the socket. */
  body?: string | Buffer | Readable;
  /** Overrides the transport's timeout (e.g. uploads). */
  timeoutMs?: number;
}

/** The answer to an {@link HttpRequest}, body already decoded. */
export interface HttpResponse {
  status: number;
  headers: IncomingHttpHeaders;
  /** Parsed JSON, the raw text when not JSON, or `undefined` when empty. */
  body: unknown;
}

/**
 * How the client sends HTTP requests; two implementations (undici pools, `node:http`) share this
 * contract so a function can pick the lighter one.
 */
export interface HttpTransport {
  /** Sends `request` to `origin` (`https://host[:port]`). Network failures and timeouts reject with `Salesforce.Transient`. */
  send(origin: string, request: HttpRequest): Promise<HttpResponse>;
  /** Releases idle sockets (tests, benchmarks; Lambda containers just freeze). */
  close(): Promise<void>;
}

/** Options every transport takes. */
export interface HttpTransportOptions {
  /** Timeout for receiving response headers, and for each gap while sending or receiving (ms). */
  timeoutMs: number;
  /** Sockets per origin (default 32). */
  connections?: number;
}

/**
 * Builds a transport with the client's timeout: `undiciTransport()` or `nodeHttpTransport()`.
 * The client takes a factory, not a default, so that a function's bundle holds only the HTTP
 * stack it uses.
 */
export type HttpTransportFactory = (options: HttpTransportOptions) => HttpTransport;

/** Keep-alive sockets idle longer than this are closed: below Salesforce's idle timeout, so we never write to a socket the server is closing. */
export const KEEP_ALIVE_IDLE_MS = 30_000;
/** Sockets per origin when the transport's `connections` is not set. */
export const DEFAULT_CONNECTIONS = 32;

/** Error codes of a connection that never carried the request: nothing reached Salesforce. */
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'EAI_AGAIN', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH']);
/** Error codes of a connection that broke while the request or its answer was under way. */
const BROKEN_CODES = new Set(['ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'UND_ERR_SOCKET', 'UND_ERR_CLOSED']);
/** Timeouts before a connection existed: nothing was sent. */
const CONNECT_TIMEOUT_CODES = new Set(['UND_ERR_CONNECT_TIMEOUT']);
/** Timeouts while waiting for (or receiving) the answer: the request may be running on Salesforce. */
const ANSWER_TIMEOUT_CODES = new Set(['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'SF_HTTP_TIMEOUT']);

/** The code a transport gives its own idle-timeout errors (mapped like undici's timeouts). */
export const TIMEOUT_CODE = 'SF_HTTP_TIMEOUT';

/** Parses a response body: JSON when it says or looks so, else the text; `undefined` when empty. */
export function parseBody(text: string, headers: IncomingHttpHeaders): unknown {
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

/**
 * Maps a transport failure to `Salesforce.Transient`. A failure after the request may have gone
 * out (an answer timeout, a connection broken mid-exchange, an abort) is the
 * {@link SalesforceOutcomeUnknownError} subclass: Salesforce may still apply that request. A
 * connection that was never made (refused, unresolvable host, connect timeout) is a plain
 * transient error: nothing was sent.
 */
export function networkError(error: unknown, request: HttpRequest, timeout: number): Error {
  const code = (error as { code?: unknown } | null)?.code;
  const where = `${request.method} ${pathOnly(request.path)}`;
  if (typeof code === 'string' && CONNECT_TIMEOUT_CODES.has(code)) {
    return new SalesforceTransientError(`${where} could not connect within ${timeout} ms (${code})`, {
      cause: error,
    });
  }
  if (typeof code === 'string' && ANSWER_TIMEOUT_CODES.has(code)) {
    return new SalesforceOutcomeUnknownError(`${where} timed out after ${timeout} ms (${code})`, {
      cause: error,
    });
  }
  if (typeof code === 'string' && NOT_SENT_CODES.has(code)) {
    return new SalesforceTransientError(`${where} failed: connection error ${code}`, { cause: error });
  }
  if (typeof code === 'string' && BROKEN_CODES.has(code)) {
    return new SalesforceOutcomeUnknownError(`${where} failed: connection error ${code}`, { cause: error });
  }
  if (error instanceof Error && error.name === 'AbortError') {
    return new SalesforceOutcomeUnknownError(`${where} was aborted`, { cause: error });
  }
  return error instanceof Error ? error : new Error(String(error));
}

/** The path without its query string (queries can carry personal data). */
export function pathOnly(path: string): string {
  const index = path.indexOf('?');
  return index === -1 ? path : path.slice(0, index);
}
