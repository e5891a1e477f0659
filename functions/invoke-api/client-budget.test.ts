import { describe, expect, it } from 'vitest';
import { clientBudget } from './client-budget.js';

describe('clientBudget', () => {
  it.each([7000, 3000, 1000, 20_000])(
    'fits every attempt and its backoff inside a %i ms deadline',
    (deadline) => {
      const { requestTimeoutMs, retry } = clientBudget(deadline);
      const worstCase = requestTimeoutMs * retry.maxAttempts + retry.maxDelayMs * (retry.maxAttempts - 1);
      expect(worstCase).toBeLessThanOrEqual(deadline);
      expect(retry.maxAttempts).toBeGreaterThan(1);
    },
  );

  it('gives the default 7 s deadline two attempts of a little over 3 s', () => {
    expect(clientBudget(7000)).toEqual({
      requestTimeoutMs: 3350,
      retry: { maxAttempts: 2, baseDelayMs: 50, maxDelayMs: 300 },
    });
  });
});
