/**
 * The HTTP front: node:http on 127.0.0.1. Order of checks for `/services/data/vNN.N/**`:
 * version → bearer token → injected latency → daily allocation → injected fault → count the
 * call → route. Faults are answered before routing, so they never leave a partial write.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { ApiUsageMeter } from './api-usage.js';
import type { EmulatorContext } from './context.js';
import { notFound, SalesforceApiError } from './errors.js';
import { compositeLockResponse, type FaultInjector } from './faults.js';
import type { HeldWrites } from './held-writes.js';
import { bearerToken, oauthEndpoint, UNAUTHORIZED } from './http-oauth.js';
import { type EmulatorRequest, type EmulatorResponse, WRITE_METHODS } from './http-types.js';
import type { OAuthServer } from './oauth.js';
import { seededRandom } from './prng.js';
import { endpointKey, route } from './routes/router.js';
import type { Services } from './services.js';
import type { SessionStore } from './sessions.js';
import type { FaultConfig } from './types.js';

/** Oldest API version served; older ones are retired (410). */
export const MIN_API_VERSION = 31;
/** Newest API version served (Spring '26). */
export const MAX_API_VERSION = 66;
/** Largest request body buffered (multipart ContentVersion uploads included). */
const MAX_BODY_BYTES = 512 * 1024 * 1024;
/** Where the emulator serves its login.salesforce.com stand-in. */
export const LOGIN_PATH = '/login';
/** Documented REST limit for the request URI plus headers. */
const MAX_URI_AND_HEADERS_BYTES = 16_384;

/** What the emulator's HTTP server dispatches to. */
export interface HttpDependencies {
  context: EmulatorContext;
  services: Services;
  oauth: OAuthServer;
  sessions: SessionStore;
  usage: ApiUsageMeter;
  faults: FaultInjector;
  tokenFaults: () => FaultConfig['tokenEndpoint'];
  /** Writes whose answer is lost on purpose, applied later (`loseWriteAnswers`). */
  heldWrites: HeldWrites;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The emulator's HTTP server: OAuth endpoints, the REST API under `/services/data`, usage headers
 * and injected faults, with a 256 KB header limit so long URLs get Salesforce's 414.
 */
export function createHttpServer(dependencies: HttpDependencies): Server {
  let tokenRandom = seededRandom(dependencies.tokenFaults()?.seed ?? 1);
  let tokenConfig = dependencies.tokenFaults();
  // Node's own 16 KB header limit would answer 431 before `handle` can tell 414 from 431.
  const server = createServer({ maxHeaderSize: 256 * 1024 }, (request, response) => {
    if (dependencies.tokenFaults() !== tokenConfig) {
      tokenConfig = dependencies.tokenFaults();
      tokenRandom = seededRandom(tokenConfig?.seed ?? 1);
    }
    handle(dependencies, request, response, () => tokenRandom()).catch((error: unknown) => {
      if (!response.headersSent) {
        send(response, { status: 500, body: [{ errorCode: 'UNKNOWN_EXCEPTION', message: String(error) }] });
      } else response.destroy();
    });
  });
  server.keepAliveTimeout = 5000;
  return server;
}

async function readBody(request: IncomingMessage): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  let tooLarge = false;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) tooLarge = true;
    if (!tooLarge) chunks.push(chunk as Buffer);
  }
  return tooLarge ? undefined : Buffer.concat(chunks);
}

/** Writes `result` (status, headers, JSON or raw body) to `response`. */
export function send(response: ServerResponse, result: EmulatorResponse): void {
  const headers: Record<string, string> = { ...(result.headers ?? {}) };
  let payload: Buffer | undefined;
  if (result.raw !== undefined) payload = result.raw;
  else if (result.body !== undefined && result.status !== 204) {
    payload = Buffer.from(JSON.stringify(result.body));
    headers['content-type'] ??= 'application/json;charset=UTF-8';
  }
  if (payload !== undefined) headers['content-length'] = String(payload.length);
  response.writeHead(result.status, headers);
  response.end(payload);
}

const apiError = (error: SalesforceApiError, headers?: Record<string, string>): EmulatorResponse => ({
  status: error.status,
  body: error.toBody(),
  headers,
});

/** Splits the path below the version into URL-decoded segments. */
export function pathSegments(path: string): string[] {
  return path
    .split('/')
    .filter((segment) => segment !== '')
    .map((segment) => {
      try {
        return decodeURIComponent(segment);
      } catch {
        return segment;
      }
    });
}

function headerRecord(request: IncomingMessage): Record<string, string | undefined> {
  const headers: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return headers;
}

async function handle(
  dependencies: HttpDependencies,
  request: IncomingMessage,
  response: ServerResponse,
  tokenRandom: () => number,
): Promise<void> {
  const { context, services, usage, sessions, faults } = dependencies;
  const body = await readBody(request);
  if (body === undefined) {
    send(
      response,
      apiError(new SalesforceApiError(413, 'REQUEST_ENTITY_TOO_LARGE', 'The request body is too large')),
    );
    return;
  }
  // Salesforce caps URI + headers at 16,384 bytes: 414 when the URI alone is longer, else 431.
  const uriLength = Buffer.byteLength(request.url ?? '');
  const headerLength = request.rawHeaders.reduce((total, part) => total + Buffer.byteLength(part) + 2, 0);
  if (uriLength > MAX_URI_AND_HEADERS_BYTES || uriLength + headerLength > MAX_URI_AND_HEADERS_BYTES) {
    const status = uriLength > MAX_URI_AND_HEADERS_BYTES ? 414 : 431;
    const reason = status === 414 ? 'URI Too Long' : 'Request Header Fields Too Large';
    send(response, {
      status,
      raw: Buffer.from(`<h1>Bad Message ${status}</h1><pre>reason: ${reason}</pre>`),
      headers: { 'content-type': 'text/html;charset=iso-8859-1' },
    });
    return;
  }
  const url = new URL(request.url ?? '/', 'http://emulator.invalid');
  const method = (request.method ?? 'GET').toUpperCase();
  const loginHost = url.pathname.startsWith(`${LOGIN_PATH}/`);
  const path = loginHost ? url.pathname.slice(LOGIN_PATH.length) : url.pathname;

  const oauthResponse = await oauthEndpoint(
    {
      context,
      oauth: dependencies.oauth,
      sessions,
      countTokenRequest: () => usage.countTokenRequest(),
      tokenFaults: dependencies.tokenFaults(),
      tokenRandom,
    },
    {
      method,
      path,
      url,
      body,
      contentType: request.headers['content-type'],
      authorization: request.headers.authorization,
      loginHost,
      loginUrl: `${context.url}${LOGIN_PATH}`,
    },
  );
  if (oauthResponse !== undefined) {
    send(response, oauthResponse);
    return;
  }
  if (path === '/services/data' || path === '/services/data/') {
    const versions = [];
    for (let major = MIN_API_VERSION; major <= MAX_API_VERSION; major++) {
      versions.push({ label: `v${major}.0`, url: `/services/data/v${major}.0`, version: `${major}.0` });
    }
    send(response, { status: 200, body: versions });
    return;
  }
  const data = /^\/services\/data\/([^/]+)(\/.*)?$/.exec(path);
  if (!data || loginHost) {
    send(response, apiError(notFound()));
    return;
  }
  const version = /^v(\d+)\.(\d)$/.exec(data[1]);
  const major = version ? Number(version[1]) : Number.NaN;
  if (!version || major > MAX_API_VERSION || major < 1) {
    send(response, apiError(notFound()));
    return;
  }
  if (major < MIN_API_VERSION) {
    send(
      response,
      apiError(
        new SalesforceApiError(
          410,
          'GONE',
          `API version ${major}.0 is retired; use v${MIN_API_VERSION}.0 or later`,
        ),
      ),
    );
    return;
  }
  const bearer = bearerToken(request.headers.authorization);
  if (bearer === undefined || !sessions.touch(bearer) || faults.rejectAllSessions) {
    send(response, UNAUTHORIZED);
    return;
  }
  if (faults.latencyMs > 0) await sleep(faults.latencyMs);
  const limitHeader = (): Record<string, string> => ({ 'sforce-limit-info': usage.header() });
  if (usage.exhausted()) {
    send(
      response,
      apiError(
        new SalesforceApiError(403, 'REQUEST_LIMIT_EXCEEDED', 'TotalRequests Limit exceeded.'),
        limitHeader(),
      ),
    );
    return;
  }
  const segments = pathSegments(data[2] ?? '');
  const emulatorRequest: EmulatorRequest = {
    method,
    segments,
    version: `${version[1]}.${version[2]}`,
    versionNumber: major,
    query: url.searchParams,
    headers: headerRecord(request),
    body,
  };
  const effective =
    method === 'POST' && url.searchParams.get('_HttpMethod')
      ? url.searchParams.get('_HttpMethod')!.toUpperCase()
      : method;
  // Decided before routing: a faulted call applies nothing.
  const fault = faults.decide(WRITE_METHODS.has(effective));
  if (fault !== undefined && fault.errorCode !== 'UNABLE_TO_LOCK_ROW') {
    send(response, apiError(fault, limitHeader()));
    return;
  }
  usage.countApiCall(endpointKey(effective, segments));
  const lost = fault === undefined ? faults.loseAnswer(WRITE_METHODS.has(effective)) : undefined;
  if (lost !== undefined) {
    // Received, not applied, not answered: applyHeldWrites() commits it later.
    dependencies.heldWrites.hold(emulatorRequest, response);
    if (lost === 'reset') request.socket.destroy();
    return;
  }
  if (fault !== undefined) {
    const inside = faults.lockRowInsideComposite ? compositeLockResponse(emulatorRequest) : undefined;
    send(response, inside ? { ...inside, headers: limitHeader() } : apiError(fault, limitHeader()));
    return;
  }
  const result = await services.dispatch(emulatorRequest);
  send(response, { ...result, headers: { ...(result.headers ?? {}), ...limitHeader() } });
}

/** Builds a subrequest (composite) from `/services/data/vNN.N/<path>?<query>`. */
export function subrequestFrom(
  method: string,
  url: string,
  body: unknown,
  headers: Record<string, string>,
): EmulatorRequest {
  const parsed = new URL(url, 'http://emulator.invalid');
  const match = /^\/services\/data\/v(\d+)\.(\d)(\/.*)?$/.exec(parsed.pathname);
  const major = match ? Number(match[1]) : 0;
  return {
    method,
    segments: pathSegments(match?.[3] ?? '/__invalid__'),
    version: match ? `${match[1]}.${match[2]}` : '0.0',
    versionNumber: major,
    query: parsed.searchParams,
    headers: { 'content-type': 'application/json', ...headers },
    body: body === undefined ? Buffer.alloc(0) : Buffer.from(JSON.stringify(body)),
  };
}

export { route };
