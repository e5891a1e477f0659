/**
 * Runs `work` over `items` with at most `limit` calls in flight, preserving result order. The
 * first rejection rejects the whole call: callers that must not stop (the trigger) turn failures
 * into outcomes inside `work`.
 *
 * @example
 * ```ts
 * const results = await mapWithConcurrency(arns, 10, (arn) => redrive(arn));
 * ```
 */
export async function mapWithConcurrency<T, R>(
  items: readonly T[],
  limit: number,
  work: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  if (!Number.isInteger(limit) || limit < 1)
    throw new RangeError(`concurrency must be a positive integer, got ${limit}`);
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index] as T, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
