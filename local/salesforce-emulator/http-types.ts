/** Transport-neutral request/response used by the routes (and by /composite subrequests). */

export interface EmulatorRequest {
  method: string;
  /** Path below `/services/data/vNN.N`, split on `/` and URL-decoded, e.g. `['sobjects','Case']`. */
  segments: string[];
  /** The API version of the request, e.g. `62.0`. */
  version: string;
  /** Major version as a number (62). */
  versionNumber: number;
  query: URLSearchParams;
  /** Lower-cased header names. */
  headers: Record<string, string | undefined>;
  body: Buffer;
}

/** An answer of a route: status, headers and a JSON or raw body. */
export interface EmulatorResponse {
  status: number;
  headers?: Record<string, string>;
  /** JSON-serialisable body, raw bytes, or undefined (no body, e.g. 204). */
  body?: unknown;
  /** Raw bytes instead of JSON (blob downloads). */
  raw?: Buffer;
}

/** A JSON answer with the given status. */
export const json = (status: number, body: unknown, headers?: Record<string, string>): EmulatorResponse => ({
  status,
  body,
  headers,
});

/** The 204 answer of a successful update or delete. */
export const noContent = (): EmulatorResponse => ({ status: 204 });

/** HTTP methods that change data (counted and faulted as writes). */
export const WRITE_METHODS = new Set(['POST', 'PATCH', 'PUT', 'DELETE']);
