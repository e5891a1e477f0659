/**
 * The last check before answering Connect: a flat map of strings and numbers, no larger than
 * Connect accepts. An oversized result is an error, never a silently truncated answer.
 *
 * @example
 * ```ts
 * checkConnectResponse('query', { sf_count: 0 }, 32 * 1024); // returns it unchanged
 * ```
 */
import { InvokeApiError, ResponseTooLargeError } from './errors.js';
import type { ConnectResponse } from './types.js';

/**
 * Checks an answer before it goes back to Connect: a flat map of strings and numbers within
 * `maxBytes`. An oversized answer is an error, never silently truncated.
 */
export function checkConnectResponse(
  operation: string,
  response: ConnectResponse,
  maxBytes: number,
): ConnectResponse {
  for (const [key, value] of Object.entries(response)) {
    if (typeof value !== 'string' && !(typeof value === 'number' && Number.isFinite(value))) {
      // A programming error: operations flatten their results.
      throw new InvokeApiError(`result key '${key}' is not a string or number`, operation);
    }
  }
  const bytes = Buffer.byteLength(JSON.stringify(response), 'utf8');
  if (bytes > maxBytes) throw new ResponseTooLargeError(operation, bytes, maxBytes);
  return response;
}
