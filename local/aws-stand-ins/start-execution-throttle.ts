/**
 * StartExecution throttled at a given rate, as an account whose StartExecution bucket is empty
 * answers: `ThrottlingException` (HTTP 400), which the trigger reports as a batch item failure.
 * Deterministic (seeded), so a run can be repeated.
 *
 * @example
 * ```ts
 * LocalPipeline.start({ stepFunctions: { beforeStart: startExecutionThrottle(0.5) } });
 * ```
 */

/** A `beforeStart` hook refusing about `rate` (0..1) of the calls with `ThrottlingException`. */
export function startExecutionThrottle(rate: number, seed = 20261203): () => void {
  if (!(rate >= 0 && rate <= 1)) throw new RangeError(`throttle rate must be between 0 and 1, got ${rate}`);
  let state = seed >>> 0;
  // mulberry32: a small, fast, well-distributed generator; enough for injecting faults.
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return () => {
    if (next() >= rate) return;
    const error = new Error('Rate exceeded') as Error & {
      $metadata: { httpStatusCode: number };
      $fault: string;
    };
    error.name = 'ThrottlingException';
    error.$metadata = { httpStatusCode: 400 };
    error.$fault = 'client';
    throw error;
  };
}
