/** Test helpers: start an emulator, log in, call the REST API with fetch. */
import { startSalesforceEmulator } from '../index.js';
import type { EmulatorOptions, SalesforceEmulator } from '../types.js';

export const VERSION = 'v62.0';

export interface ApiResponse<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
  text: string;
}

export async function passwordToken(emulator: SalesforceEmulator): Promise<string> {
  const { credentials } = emulator;
  const response = await fetch(`${emulator.url}/services/oauth2/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'password',
      client_id: credentials.consumerKey,
      client_secret: credentials.consumerSecret,
      username: credentials.username,
      password: credentials.password + credentials.securityToken,
    }),
  });
  const body = (await response.json()) as { access_token: string };
  return body.access_token;
}

export interface Session {
  emulator: SalesforceEmulator;
  token: string;
  /** Calls `<url>/services/data/<version><path>` (or an absolute `/services/...` path). */
  api<T = unknown>(
    method: string,
    path: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<ApiResponse<T>>;
}

export async function startSession(options: EmulatorOptions = {}): Promise<Session> {
  const emulator = await startSalesforceEmulator(options);
  const token = await passwordToken(emulator);
  const session: Session = {
    emulator,
    token,
    async api<T>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
      const url = path.startsWith('/services/')
        ? `${emulator.url}${path}`
        : `${emulator.url}/services/data/${VERSION}${path}`;
      const isBuffer = Buffer.isBuffer(body);
      const response = await fetch(url, {
        method,
        headers: {
          authorization: `Bearer ${session.token}`,
          ...(body !== undefined && !isBuffer ? { 'content-type': 'application/json' } : {}),
          ...headers,
        },
        body: body === undefined ? undefined : isBuffer ? body : JSON.stringify(body),
      });
      const text = await response.text();
      let parsed: unknown = text;
      try {
        parsed = text === '' ? undefined : JSON.parse(text);
      } catch {
        parsed = text;
      }
      return { status: response.status, headers: response.headers, body: parsed as T, text };
    },
  };
  return session;
}

/** URL-encodes a SOQL statement into a /query path. */
export const queryPath = (soql: string): string => `/query?q=${encodeURIComponent(soql)}`;
