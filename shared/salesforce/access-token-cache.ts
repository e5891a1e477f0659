/**
 * Holds the container's access token and makes refreshes single-flight: however many callers
 * see a 401 with the same stale token at once, one token request is made and all of them wait
 * for it.
 *
 * @example
 * ```ts
 * const tokens = new AccessTokenCache(() => requestToken());
 * const token = await tokens.get();
 * // on 401 INVALID_SESSION_ID:
 * const fresh = await tokens.refresh(token);
 * ```
 */
export class AccessTokenCache {
  private current: string | undefined;
  private pending: Promise<string> | undefined;

  constructor(private readonly fetchToken: (stale: string | undefined) => Promise<string>) {}

  /** The cached token (synchronously when there is one), else the one being fetched. */
  get(): string | Promise<string> {
    if (this.current !== undefined) return this.current;
    return this.pending ?? this.start(undefined);
  }

  /** Replace `stale` (the token that just got a 401). Concurrent calls share one fetch. */
  refresh(stale: string | undefined): Promise<string> {
    if (this.pending !== undefined) return this.pending;
    if (this.current !== undefined && this.current !== stale) return Promise.resolve(this.current);
    return this.start(stale);
  }

  /** Adopt a token obtained elsewhere (e.g. `AuthToken` shared through the secret). */
  seed(token: string): void {
    if (this.current === undefined && this.pending === undefined) this.current = token;
  }

  /** Forget the token (e.g. after an auth failure the caller wants to surface). */
  clear(): void {
    this.current = undefined;
  }

  private start(stale: string | undefined): Promise<string> {
    this.current = undefined;
    const pending = this.fetchToken(stale).then(
      (token) => {
        if (this.pending === pending) {
          this.current = token;
          this.pending = undefined;
        }
        return token;
      },
      (error: unknown) => {
        if (this.pending === pending) this.pending = undefined;
        throw error;
      },
    );
    this.pending = pending;
    return pending;
  }
}
