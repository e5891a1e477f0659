/**
 * Bounded retries with jittered exponential backoff ("full jitter"). The client applies them only
 * to operations that cannot duplicate data when repeated, and only to `Salesforce.Transient`
 * failures — never to `Salesforce.RateLimited` (the daily allocation will not come back in
 * milliseconds, and retrying burns more of it).
 *
 * @example
 * ```ts
 * const policy = new RetryPolicy({ maxAttempts: 3 });
 * policy.delayMs(1); // somewhere in [0, 100)
 * ```
 */
import { SalesforceTransientError } from './errors.js';

/** Retry settings of the Salesforce client (attempts, backoff bounds in ms). */
export interface RetryOptions {
  /** Total attempts including the first (default 3). 1 disables retries. */
  maxAttempts?: number;
  /** First backoff ceiling in ms (default 100); doubles per attempt. */
  baseDelayMs?: number;
  /** Backoff ceiling in ms (default 1 000). */
  maxDelayMs?: number;
  /** Injected for tests; defaults to `Math.random`. */
  random?: () => number;
  /** Injected for tests; defaults to a timer. */
  sleep?: (ms: number) => Promise<void>;
}

const defaultSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Bounded retries with full-jitter exponential backoff (default 3 attempts, 100 ms doubling to at
 * most 1 s), applied by the client only to operations that are safe to repeat.
 */
export class RetryPolicy {
  readonly maxAttempts: number;
  private readonly baseDelayMs: number;
  private readonly maxDelayMs: number;
  private readonly random: () => number;
  readonly sleep: (ms: number) => Promise<void>;

  constructor(options: RetryOptions | false = {}) {
    const resolved = options === false ? { maxAttempts: 1 } : options;
    this.maxAttempts = Math.max(1, Math.floor(resolved.maxAttempts ?? 3));
    this.baseDelayMs = Math.max(0, resolved.baseDelayMs ?? 100);
    this.maxDelayMs = Math.max(this.baseDelayMs, resolved.maxDelayMs ?? 1_000);
    this.random = resolved.random ?? Math.random;
    this.sleep = resolved.sleep ?? defaultSleep;
  }

  /** Whether `error` after `attempt` (1-based) attempts should be retried. */
  shouldRetry(error: unknown, attempt: number): boolean {
    return attempt < this.maxAttempts && error instanceof SalesforceTransientError;
  }

  /** Backoff before attempt `attempt + 1`: uniform in [0, min(max, base·2^(attempt-1))). */
  delayMs(attempt: number): number {
    const ceiling = Math.min(this.maxDelayMs, this.baseDelayMs * 2 ** (attempt - 1));
    return Math.floor(this.random() * ceiling);
  }
}
