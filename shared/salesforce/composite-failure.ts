/**
 * The typed error for a failed `/composite` subrequest. The composite call answers 200 even when
 * its subrequests fail, so callers must look; each failure is classified like any REST answer
 * (`mapResponseError`: `UNABLE_TO_LOCK_ROW` and 5xx → `Salesforce.Transient`,
 * `REQUEST_LIMIT_EXCEEDED` → `Salesforce.RateLimited`, ...), which is what the state machine's
 * Retry/Catch match on. With allOrNone the other subrequests only echo `PROCESSING_HALTED`; the
 * root cause is the one that does not.
 *
 * @example
 * ```ts
 * const failure = compositeFailure(responses, (referenceId) => `upsert ${referenceId}`);
 * if (failure) throw failure;
 * ```
 */
import { errorDetails, mapResponseError } from './error-mapping.js';
import type { SalesforceError } from './errors.js';
import type { CompositeSubresponse } from './types.js';

/** Codes Salesforce reports on the subrequests that did not fail themselves (allOrNone rollback). */
const CONSEQUENTIAL = new Set(['PROCESSING_HALTED', 'ALL_OR_NONE_OPERATION_ROLLED_BACK']);

/** True when this subresponse failed only because another one in the same request did. */
export function isConsequentialFailure(subresponse: CompositeSubresponse): boolean {
  if (subresponse.httpStatusCode < 400) return false;
  const entries = errorDetails(subresponse.body);
  return entries.length > 0 && entries.every((entry) => CONSEQUENTIAL.has(entry.errorCode));
}

/** The typed error for one failed subresponse; its message carries the Salesforce error code and message. */
export function subresponseError(subresponse: CompositeSubresponse, operation: string): SalesforceError {
  const body =
    errorDetails(subresponse.body).length > 0
      ? subresponse.body
      : [{ errorCode: `HTTP_${subresponse.httpStatusCode}`, message: 'no error body' }];
  return mapResponseError(subresponse.httpStatusCode, body, { operation, authMode: 'password' });
}

/** The first real failure of a composite response (skipping rollback echoes), or undefined. */
export function firstFailure(
  subresponses: readonly CompositeSubresponse[],
): CompositeSubresponse | undefined {
  const failures = subresponses.filter((subresponse) => subresponse.httpStatusCode >= 300);
  return failures.find((subresponse) => !isConsequentialFailure(subresponse)) ?? failures[0];
}

/** The root-cause error of a composite response, or undefined when every subrequest succeeded. */
export function compositeFailure(
  subresponses: readonly CompositeSubresponse[],
  describe: (referenceId: string) => string,
): SalesforceError | undefined {
  const root = firstFailure(subresponses);
  return root ? subresponseError(root, describe(root.referenceId)) : undefined;
}
