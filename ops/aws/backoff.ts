/**
 * Retries an AWS call when it is throttled, with full-jitter exponential backoff. Only
 * throttling is retried here: every other error is the caller's to report.
 *
 * @example
 * ```ts
 * const out = await withThrottleRetry(() => sfn.send(new ListExecutionsCommand(input)));
 * ```
 */
export interface BackoffOptions {
  maxAttempts?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** Injected for tests. */
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
}

const THROTTLING_NAMES = new Set([
  'ThrottlingException',
  'TooManyRequestsException',
  'RequestLimitExceeded',
  'Throttling',
  'ProvisionedThroughputExceededException',
]);

/** True for the error names AWS uses when a call is throttled. */
export function isThrottling(error: unknown): boolean {
  const name = (error as { name?: string } | null)?.name;
  return name !== undefined && THROTTLING_NAMES.has(name);
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Runs an AWS call, retrying throttling with full-jitter exponential backoff (default 8 attempts,
 * 200 ms doubling to at most 10 s); other errors are thrown at once.
 *
 * @example
 * ```ts
 * const page = await withThrottleRetry(() => sfn.send(new ListExecutionsCommand(input)));
 * ```
 */
export async function withThrottleRetry<T>(call: () => Promise<T>, options: BackoffOptions = {}): Promise<T> {
  const maxAttempts = options.maxAttempts ?? 8;
  const base = options.baseDelayMs ?? 200;
  const cap = options.maxDelayMs ?? 10_000;
  const sleep = options.sleep ?? defaultSleep;
  const random = options.random ?? Math.random;
  for (let attempt = 1; ; attempt++) {
    try {
      return await call();
    } catch (error) {
      if (!isThrottling(error) || attempt >= maxAttempts) throw error;
      await sleep(Math.floor(random() * Math.min(cap, base * 2 ** (attempt - 1))));
    }
  }
}
