/**
 * Runs an async function over items with at most `limit` calls in flight, keeping result order.
 * The function must not throw (callers turn failures into outcomes).
 *
 * @example
 * ```ts
 * const results = await mapWithConcurrency(contacts, 10, (contact) => startExecution(contact));
 * ```
 */
export async function mapWithConcurrency<T, R>(
  items: readonly T[],
  limit: number,
  run: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await run(items[index] as T, index);
    }
  };
  const workers = Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker);
  await Promise.all(workers);
  return results;
}
