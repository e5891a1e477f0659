/**
 * Sizes the Salesforce client to the invocation deadline, so that a slow first attempt still
 * leaves room for its retry inside SF_INVOKE_API_TIMEOUT_MS (the client's own defaults — 10 s per
 * request, 3 attempts — suit batch functions, not a caller waiting on the line).
 *
 * @example
 * ```ts
 * clientBudget(7000); // { requestTimeoutMs: 3350, retry: { maxAttempts: 2, baseDelayMs: 50, maxDelayMs: 300 } }
 * ```
 */
export interface ClientBudget {
  /** Per-request timeout that lets every attempt and its backoff fit in the deadline. */
  requestTimeoutMs: number;
  retry: { maxAttempts: number; baseDelayMs: number; maxDelayMs: number };
}

const MAX_ATTEMPTS = 2;
const BASE_DELAY_MS = 50;
const MAX_DELAY_MS = 300;

/**
 * The Salesforce client's request timeout and retries sized to the invocation's deadline (ms), so a
 * slow first attempt still leaves room for its retry before the contact flow gives up.
 *
 * @example
 * ```ts
 * clientBudget(7000); // { requestTimeoutMs: 3350, retry: { maxAttempts: 2, baseDelayMs: 50, maxDelayMs: 300 } }
 * ```
 */
export function clientBudget(deadlineMs: number): ClientBudget {
  const backoff = MAX_DELAY_MS * (MAX_ATTEMPTS - 1);
  const requestTimeoutMs = Math.max(100, Math.floor((deadlineMs - backoff) / MAX_ATTEMPTS));
  return {
    requestTimeoutMs,
    retry: { maxAttempts: MAX_ATTEMPTS, baseDelayMs: BASE_DELAY_MS, maxDelayMs: MAX_DELAY_MS },
  };
}
