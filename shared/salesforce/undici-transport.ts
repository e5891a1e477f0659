/**
 * The client's default {@link HttpTransport}: one keep-alive undici `Pool` per origin (the API
 * host and, in some modes, a separate login host) with per-request timeouts.
 *
 * undici is imported on the first request, not when this module loads.
 *
 * @example
 * ```ts
 * const client = new SalesforceClient({ settings, credentials, transport: undiciTransport() });
 * // tests: every request through a MockAgent
 * const mocked = new SalesforceClient({ settings, credentials, transport: undiciTransport({ dispatcher: agent }) });
 * ```
 */
import type { Dispatcher } from 'undici';
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
} from './http-transport.js';

/** Options of {@link UndiciTransport}. */
export interface UndiciTransportOptions extends HttpTransportOptions {
  /** Use this dispatcher for every origin instead of own pools (tests: undici `MockAgent`). */
  dispatcher?: Dispatcher;
}

/** The factory the client takes; `overrides` win over the client's options. */
export function undiciTransport(overrides: Partial<UndiciTransportOptions> = {}): HttpTransportFactory {
  return (options) => new UndiciTransport({ ...options, ...overrides });
}

let undici: Promise<typeof import('undici')> | undefined;
const loadUndici = () => {
  undici ??= import('undici');
  return undici;
};

/**
 * An {@link HttpTransport} on undici: one keep-alive pool per origin, with the timeout on waiting for
 * headers and on every gap in the body. The default transport of every function but recording-upload.
 */
export class UndiciTransport implements HttpTransport {
  private readonly pools = new Map<string, Dispatcher>();
  private readonly options: UndiciTransportOptions;

  constructor(options: UndiciTransportOptions) {
    this.options = options;
  }

  async send(origin: string, request: HttpRequest): Promise<HttpResponse> {
    const timeout = request.timeoutMs ?? this.options.timeoutMs;
    // Own pools already carry the default timeouts; a shared dispatcher (tests) or an override
    // (uploads) gets them per request.
    const perRequest = request.timeoutMs !== undefined || this.options.dispatcher !== undefined;
    let response: Dispatcher.ResponseData;
    try {
      const dispatcher = this.options.dispatcher ?? this.pools.get(origin) ?? (await this.createPool(origin));
      response = await dispatcher.request({
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

  async close(): Promise<void> {
    const pools = [...this.pools.values()];
    this.pools.clear();
    if (this.options.dispatcher === undefined) await Promise.all(pools.map((pool) => pool.close()));
  }

  private async createPool(origin: string): Promise<Dispatcher> {
    const { Pool } = await loadUndici();
    // Another request may have created it while undici loaded.
    let pool = this.pools.get(origin);
    if (pool === undefined) {
      pool = new Pool(origin, {
        connections: this.options.connections ?? DEFAULT_CONNECTIONS,
        headersTimeout: this.options.timeoutMs,
        bodyTimeout: this.options.timeoutMs,
        keepAliveTimeout: KEEP_ALIVE_IDLE_MS,
        keepAliveMaxTimeout: 2 * KEEP_ALIVE_IDLE_MS,
      });
      this.pools.set(origin, pool);
    }
    return pool;
  }
}
