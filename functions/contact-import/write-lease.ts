/**
 * How long the contact's version fence lease lasts when the import claims it for its CTR write.
 *
 * The lease must outlast every write the invocation sends, including one whose answer is lost or
 * one in flight when the function times out or crashes: such a request can still be applied by
 * Salesforce until Salesforce's own request timeout has passed since it was sent, and the last one
 * is sent at the latest when the invocation ends. So: the invocation's remaining time, plus that
 * timeout, plus a margin for the request's way to Salesforce and for clock drift between containers.
 * A write whose outcome is known frees the lease at once; only lost or interrupted writes make a
 * newer version wait this long.
 *
 * @example
 * ```ts
 * const leaseMs = writeLeaseMs(context.getRemainingTimeInMillis()); // 60 s left → 12 min
 * ```
 */
import { SALESFORCE_CALL_TIMEOUT_MS } from '../../shared/salesforce/write-outcome.js';

/** Past the longest Salesforce keeps a request running: transit, queueing and clock drift. */
export const LEASE_MARGIN_MS = 60_000;

/** The lease for a write sent by an invocation with `remainingMs` left. */
export function writeLeaseMs(remainingMs: number): number {
  return Math.max(0, remainingMs) + SALESFORCE_CALL_TIMEOUT_MS + LEASE_MARGIN_MS;
}
