/**
 * Runs several refreshes inside one invocation, started `intervalMs` apart from the invocation's
 * start (0 s, 15 s, 30 s, 45 s for the defaults), so a one-minute schedule refreshes every 15 s
 * without the original's Step Functions loop job. A refresh that overruns delays
 * only the next one; a refresh is not started when less than `minimumRemainingMs` of the
 * Lambda's time is left. After an error that repeating cannot fix within the minute (rate
 * limit, authentication, access, configuration) the remaining refreshes are skipped, so a broken
 * credential does not multiply login attempts.
 *
 * @example
 * ```ts
 * const outcomes = await runRefreshLoop({ refreshes: 4, intervalMs: 15_000, refresh: () => refresher.refresh(),
 *   remainingTimeMs: () => context.getRemainingTimeInMillis() });
 * ```
 */
import { setTimeout as delay } from 'node:timers/promises';
import { RefreshFailedError } from './errors.js';

/** A refresh of 250 queues takes about 2 s; 10 s leaves room for slow APIs and retries. */
export const MINIMUM_REMAINING_MS = 10_000;

/** Errors after which the other refreshes of this invocation are skipped. */
const STOPPING_ERRORS = new Set([
  'Salesforce.RateLimited',
  'Salesforce.Auth',
  'Salesforce.AccessDenied',
  'Salesforce.Config',
  'RealtimeMetrics.Config',
  'RealtimeMetrics.ObjectSchema',
  'AccessDeniedException',
  'ResourceNotFoundException',
]);

/** How many refreshes to run, how far apart (ms) and within what remaining time. */
export interface RefreshLoopOptions<T> {
  refreshes: number;
  intervalMs: number;
  refresh: (index: number) => Promise<T>;
  /** Milliseconds the invocation has left (Lambda context); unlimited when omitted. */
  remainingTimeMs?: () => number;
  minimumRemainingMs?: number;
  /** Injected for deterministic tests. */
  now?: () => number;
  sleep?: (ms: number) => Promise<unknown>;
  onError?: (error: Error, index: number) => void;
}

/** The outcomes of the refreshes run, and how many were not started. */
export interface RefreshLoopResult<T> {
  outcomes: T[];
  /** Refreshes not started (time budget or a stopping error). */
  skipped: number;
}

/**
 * Runs `refreshes` refreshes `intervalMs` apart from the start (0, 15, 30, 45 s by default); stops
 * early when too little of the invocation is left or after an error a repeat cannot fix.
 */
export async function runRefreshLoop<T>(options: RefreshLoopOptions<T>): Promise<RefreshLoopResult<T>> {
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? ((ms: number) => delay(ms));
  const minimumRemainingMs = options.minimumRemainingMs ?? MINIMUM_REMAINING_MS;
  const start = now();
  const outcomes: T[] = [];
  const errors: Error[] = [];
  let attempted = 0;
  for (let index = 0; index < options.refreshes; index += 1) {
    const wait = start + index * options.intervalMs - now();
    if (wait > 0) await sleep(wait);
    if (index > 0 && options.remainingTimeMs && options.remainingTimeMs() < minimumRemainingMs) break;
    attempted += 1;
    try {
      outcomes.push(await options.refresh(index));
    } catch (err) {
      const error = err instanceof Error ? err : new Error(String(err));
      errors.push(error);
      options.onError?.(error, index);
      if (STOPPING_ERRORS.has(error.name)) break;
    }
  }
  if (errors.length === 1 && attempted === 1) throw errors[0];
  if (errors.length > 0) throw new RefreshFailedError(errors, attempted);
  return { outcomes, skipped: options.refreshes - attempted };
}
