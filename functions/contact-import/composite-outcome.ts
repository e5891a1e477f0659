/**
 * Turns one `/composite` subresponse into an upsert result, or into the typed Salesforce error the
 * state machine's Retry/Catch match on (`Salesforce.Transient`, `Salesforce.RateLimited`, ...).
 * The composite call itself answers 200 even when a subrequest failed, so this check is ours.
 *
 * @example
 * ```ts
 * const { id, created } = upsertOutcome(subresponse, 'AC_ContactTraceRecord__c');
 * ```
 */
import { errorDetails, mapResponseError } from '../../shared/salesforce/error-mapping.js';
import type { SalesforceError } from '../../shared/salesforce/errors.js';
import type { CompositeSubresponse } from '../../shared/salesforce/types.js';

/** Codes Salesforce reports on the subrequests that did not fail themselves (allOrNone rollback). */
const CONSEQUENTIAL = new Set(['PROCESSING_HALTED', 'ALL_OR_NONE_OPERATION_ROLLED_BACK']);

export interface UpsertOutcome {
  /** Record id; undefined only for pre-v46 204 answers, which carry no body. */
  id?: string;
  created: boolean;
}

/** True when this subresponse failed only because another one in the same request did. */
export function isConsequentialFailure(subresponse: CompositeSubresponse): boolean {
  if (subresponse.httpStatusCode < 400) return false;
  const entries = errorDetails(subresponse.body);
  return entries.length > 0 && entries.every((entry) => CONSEQUENTIAL.has(entry.errorCode));
}

/**
 * The typed error for a failed subresponse, classified like any REST answer (`UNABLE_TO_LOCK_ROW`
 * and 5xx → `Salesforce.Transient`, `REQUEST_LIMIT_EXCEEDED` → `Salesforce.RateLimited`, ...);
 * its message carries the Salesforce error code and message.
 */
export function subresponseError(subresponse: CompositeSubresponse, operation: string): SalesforceError {
  const body =
    errorDetails(subresponse.body).length > 0
      ? subresponse.body
      : [{ errorCode: `HTTP_${subresponse.httpStatusCode}`, message: 'no error body' }];
  return mapResponseError(subresponse.httpStatusCode, body, { operation, authMode: 'password' });
}

/** Reads an upsert subresponse (201 created, 200 updated, 204 updated on API ≤ v45). */
export function upsertOutcome(subresponse: CompositeSubresponse, what: string): UpsertOutcome {
  if (subresponse.httpStatusCode >= 300) throw subresponseError(subresponse, what);
  const body = subresponse.body as { id?: unknown; created?: unknown } | null | undefined;
  const id = typeof body?.id === 'string' ? body.id : undefined;
  return { id, created: subresponse.httpStatusCode === 201 || body?.created === true };
}

/** The first real failure of a composite response (skipping rollback echoes), or undefined. */
export function firstFailure(subresponses: CompositeSubresponse[]): CompositeSubresponse | undefined {
  const failures = subresponses.filter((subresponse) => subresponse.httpStatusCode >= 300);
  return failures.find((subresponse) => !isConsequentialFailure(subresponse)) ?? failures[0];
}
