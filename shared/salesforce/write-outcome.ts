/**
 * What a failed Salesforce write leaves behind: whether it can still be applied after the client
 * gave up on it, and for how long.
 *
 * A request whose answer never came back (the client timed out, the connection broke after
 * sending) keeps running on Salesforce: it may commit long after the caller saw the failure.
 * Anything that must stay ordered around such a write (the contact version fence) has to assume
 * it can land until Salesforce itself would have cut it off.
 *
 * @example
 * ```ts
 * try { await client.composite(subrequests, { allOrNone: true, repeatUnknownOutcome: false }); }
 * catch (error) {
 *   if (writeMayStillLand(error)) keepLeaseFor(SALESFORCE_CALL_TIMEOUT_MS);
 *   else releaseLease();
 * }
 * ```
 */
import { ConfigurationError } from '../config/configuration-error.js';
import { SalesforceError, SalesforceOutcomeUnknownError } from './errors.js';

/**
 * The longest a single REST or SOAP request runs on Salesforce's side (10 minutes): past it the
 * platform aborts the request and rolls back what it did. So a write the client lost track of
 * either committed within this long after Salesforce received it, or never will. Keep anything
 * that orders writes (a lease) at least this long past the moment the request was sent.
 */
export const SALESFORCE_CALL_TIMEOUT_MS = 10 * 60 * 1000;

const GATEWAY_GAVE_UP = new Set([502, 504]);

/**
 * Whether Salesforce may still apply (or may already have applied) the write that failed with
 * `error`. False when the outcome is known: Salesforce answered with an error (nothing of an
 * all-or-none request was kept), or the request was never sent (the connection was refused, the
 * token or the credentials could not be obtained, the client refused the input). True for a
 * {@link SalesforceOutcomeUnknownError}, a gateway's 502/504 without a Salesforce error body, and for any error the client does not know, which could
 * have come from anywhere in the exchange.
 */
export function writeMayStillLand(error: unknown): boolean {
  if (error instanceof SalesforceOutcomeUnknownError) return true;
  // A gateway in front of Salesforce that gave up waiting answers without Salesforce's error body.
  if (error instanceof SalesforceError && GATEWAY_GAVE_UP.has(error.status ?? 0))
    return error.details.length === 0;
  return !(error instanceof SalesforceError || error instanceof ConfigurationError);
}
