import { describe, expect, it } from 'vitest';
import { AccessTokenCache } from './access-token-cache.js';

function deferred() {
  let resolve!: (value: string) => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<string>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('AccessTokenCache', () => {
  it('fetches once for concurrent first callers and then answers synchronously', async () => {
    const pending = deferred();
    let fetches = 0;
    const cache = new AccessTokenCache(() => {
      fetches++;
      return pending.promise;
    });
    const all = Promise.all([cache.get(), cache.get(), cache.get()]);
    pending.resolve('A');
    expect(await all).toEqual(['A', 'A', 'A']);
    expect(cache.get()).toBe('A');
    expect(fetches).toBe(1);
  });

  it('refresh is single-flight per stale token and passes the stale token on', async () => {
    const stales: Array<string | undefined> = [];
    let n = 0;
    const cache = new AccessTokenCache(async (stale) => {
      stales.push(stale);
      return `T${++n}`;
    });
    expect(await cache.get()).toBe('T1');
    const refreshed = await Promise.all(Array.from({ length: 20 }, () => cache.refresh('T1')));
    expect(new Set(refreshed)).toEqual(new Set(['T2']));
    // A late caller still holding T1 gets the current token without another fetch.
    expect(await cache.refresh('T1')).toBe('T2');
    expect(stales).toEqual([undefined, 'T1']);
  });

  it('a failed fetch is not cached', async () => {
    let n = 0;
    const cache = new AccessTokenCache(async () => {
      n++;
      if (n === 1) throw new Error('down');
      return 'OK';
    });
    await expect(cache.get()).rejects.toThrow('down');
    expect(await cache.get()).toBe('OK');
  });
});
