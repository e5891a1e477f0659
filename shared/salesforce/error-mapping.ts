/**
 * Turns a failed Salesforce REST response into the typed error a caller or a state machine's
 * Retry/Catch can match (the original v5.28's classification, extended):
 * - an OAuth-shaped body `{error, error_description}` → `Salesforce.Auth` (checked first, any status);
 * - `REQUEST_LIMIT_EXCEEDED` → `Salesforce.RateLimited`;
 * - a 403 with an error list, or `INSUFFICIENT_ACCESS*` / trigger-wrapped "Insufficient Privileges"
 *   → `Salesforce.AccessDenied` (never a token refresh);
 * - `UNABLE_TO_LOCK_ROW`, 5xx → `Salesforce.Transient`;
 * - anything else → `Salesforce.Request` with `errorCode: message (fields)`.
 */
import {
  SalesforceAccessDeniedError,
  type SalesforceError,
  type SalesforceErrorDetail,
  SalesforceRateLimitedError,
  SalesforceRequestError,
  SalesforceTransientError,
} from './errors.js';
import { oauthError } from './token-errors.js';
import type { AuthMode } from './types.js';

const ACCESS_DENIED_CODES = new Set([
  'INSUFFICIENT_ACCESS',
  'INSUFFICIENT_ACCESS_OR_READONLY',
  'INSUFFICIENT_ACCESS_ON_CROSS_REFERENCE_ENTITY',
]);

/** Codes that are not about the user's permissions even when they come with a 403. */
const NOT_ACCESS_CODES = new Set(['REQUEST_LIMIT_EXCEEDED', 'FUNCTIONALITY_NOT_ENABLED']);

/** Reads a REST error body into details (`[{errorCode,message,fields}]`; SaveResults use `statusCode`). */
export function errorDetails(body: unknown): SalesforceErrorDetail[] {
  const entries = Array.isArray(body) ? body : body !== null && typeof body === 'object' ? [body] : [];
  const details: SalesforceErrorDetail[] = [];
  for (const entry of entries) {
    if (entry === null || typeof entry !== 'object') continue;
    const record = entry as Record<string, unknown>;
    const errorCode = stringOr(record.errorCode, stringOr(record.statusCode, ''));
    const message = stringOr(record.message, '');
    if (errorCode === '' && message === '') continue;
    const fields = Array.isArray(record.fields)
      ? record.fields.filter((f): f is string => typeof f === 'string')
      : [];
    details.push(fields.length > 0 ? { errorCode, message, fields } : { errorCode, message });
  }
  return details;
}

/** `errorCode: message (fields: A, B)` for each entry, joined by `; `. */
export function describeDetails(details: SalesforceErrorDetail[]): string {
  return details
    .map((d) => {
      const head = d.errorCode !== '' ? `${d.errorCode}: ${d.message}` : d.message;
      return d.fields !== undefined && d.fields.length > 0
        ? `${head} (fields: ${d.fields.join(', ')})`
        : head;
    })
    .join('; ');
}

/**
 * The error for a non-2xx, non-401 response. `operation` is `METHOD /path-without-query`
 * (never the query string: it can carry personal data).
 */
export function mapResponseError(
  status: number,
  body: unknown,
  context: { operation: string; authMode: AuthMode },
): SalesforceError {
  const oauth = oauthError(status, body, context.authMode);
  if (oauth !== undefined) return oauth;

  const details = errorDetails(body);
  const codes = new Set(details.map((d) => d.errorCode));
  const summary = details.length > 0 ? describeDetails(details) : `HTTP ${status}`;
  const message = `${context.operation} failed: ${summary}`;
  const options = { status, details };

  if (codes.has('REQUEST_LIMIT_EXCEEDED')) return new SalesforceRateLimitedError(message, options);
  if (isAccessDenied(status, body, details)) {
    const guidance =
      context.authMode === 'client_credentials'
        ? ' Review Run As user permissions: assign the AC_Administrator (amazonconnect__AC_Administrator) permission set.'
        : ' Review the API user profile and permission sets (AC_Administrator).';
    return new SalesforceAccessDeniedError(message + guidance, options);
  }
  if (codes.has('UNABLE_TO_LOCK_ROW') || status >= 500) return new SalesforceTransientError(message, options);
  if (status === 300) {
    return new SalesforceRequestError(
      `${context.operation} failed: MULTIPLE_CHOICES: the external id matches several records`,
      {
        status,
        details: [{ errorCode: 'MULTIPLE_CHOICES', message: 'The external id matches several records' }],
      },
    );
  }
  return new SalesforceRequestError(message, options);
}

function isAccessDenied(status: number, body: unknown, details: SalesforceErrorDetail[]): boolean {
  if (details.some((d) => NOT_ACCESS_CODES.has(d.errorCode))) return false;
  if (status === 403 && Array.isArray(body)) return true;
  if (status !== 400) return false;
  return details.some(
    (d) =>
      ACCESS_DENIED_CODES.has(d.errorCode) ||
      (d.errorCode === 'FIELD_CUSTOM_VALIDATION_EXCEPTION' && /insufficient privileges/i.test(d.message)),
  );
}

function stringOr(value: unknown, fallback: string): string {
  return typeof value === 'string' ? value : fallback;
}
