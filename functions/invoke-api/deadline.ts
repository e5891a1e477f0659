/**
 * Ends a slow Salesforce call in a clean timeout error before the Lambda itself is killed (a
 * killed Lambda gives the flow no error text and leaves the caller waiting). The work still in
 * flight is abandoned; its eventual outcome is swallowed.
 *
 * @example
 * ```ts
 * const result = await withDeadline(() => runOperation(), 7000, () => new InvokeApiTimeoutError('query', 7000));
 * ```
 */
export async function withDeadline<T>(
  work: () => Promise<T>,
  timeoutMs: number,
  onTimeout: () => Error,
): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const pending = work();
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(onTimeout()), timeoutMs);
  });
  try {
    return await Promise.race([pending, expired]);
  } finally {
    clearTimeout(timer);
    // The losing promise must not become an unhandled rejection.
    pending.catch(() => undefined);
  }
}
