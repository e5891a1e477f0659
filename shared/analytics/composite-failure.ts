/**
 * The typed Salesforce error for a failed `/composite` subrequest (the composite call answers 200
 * even when its subrequests fail, so callers must look). With allOrNone the other subrequests only
 * echo `PROCESSING_HALTED`; the root cause is the one that does not.
 *
 * @example
 * ```ts
 * const failure = compositeFailure(responses, 'update analytics record');
 * if (failure) throw failure;
 * ```
 */
import {
  SalesforceAccessDeniedError,
  type SalesforceError,
  SalesforceRateLimitedError,
  SalesforceRequestError,
  SalesforceTransientError,
} from '../salesforce/errors.js';
import { describeDetails, errorDetails } from '../salesforce/error-mapping.js';
import type { CompositeSubresponse } from '../salesforce/types.js';

const ECHO_CODES = new Set(['PROCESSING_HALTED', 'ALL_OR_NONE_OPERATION_ROLLED_BACK']);
const TRANSIENT_CODES = new Set(['UNABLE_TO_LOCK_ROW', 'SERVER_UNAVAILABLE', 'UNKNOWN_EXCEPTION']);

function isEcho(response: CompositeSubresponse): boolean {
  const details = errorDetails(response.body);
  return details.length > 0 && details.every((detail) => ECHO_CODES.has(detail.errorCode));
}

/** The error for one failed subresponse, its message naming the Salesforce error code. */
export function subresponseError(response: CompositeSubresponse, what: string): SalesforceError {
  const status = response.httpStatusCode;
  const details = errorDetails(response.body);
  const message = `${what} failed: ${details.length > 0 ? describeDetails(details) : `HTTP ${status}`}`;
  const codes = new Set(details.map((detail) => detail.errorCode));
  const options = { status, details };
  if (codes.has('REQUEST_LIMIT_EXCEEDED')) return new SalesforceRateLimitedError(message, options);
  if (status >= 500 || [...codes].some((code) => TRANSIENT_CODES.has(code))) {
    return new SalesforceTransientError(message, options);
  }
  if ([...codes].some((code) => code.startsWith('INSUFFICIENT_ACCESS'))) {
    return new SalesforceAccessDeniedError(message, options);
  }
  return new SalesforceRequestError(message, options);
}

/** The root-cause error of a composite response, or undefined when every subrequest succeeded. */
export function compositeFailure(
  responses: readonly CompositeSubresponse[],
  describe: (referenceId: string) => string,
): SalesforceError | undefined {
  const failures = responses.filter((response) => response.httpStatusCode >= 300);
  const root = failures.find((response) => !isEcho(response)) ?? failures[0];
  return root ? subresponseError(root, describe(root.referenceId)) : undefined;
}
