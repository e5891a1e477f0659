/**
 * Issued access tokens. Salesforce sessions expire after a period of inactivity (the org's
 * session timeout, 2 hours by default) and can be revoked; both surface as 401
 * INVALID_SESSION_ID on the next API call.
 */
import { randomBytes } from 'node:crypto';

interface Session {
  lastUsed: number;
}

/**
 * Issued access tokens, expiring after the org's session timeout of inactivity and revocable;
 * either way the next call answers 401 `INVALID_SESSION_ID`.
 */
export class SessionStore {
  readonly #sessions = new Map<string, Session>();

  constructor(
    private readonly orgId: string,
    private readonly timeoutMs: number,
    private readonly now: () => number,
  ) {}

  issue(): string {
    // Shape of a real token: `<15-char org id>!<opaque>`.
    const token = `${this.orgId.slice(0, 15)}!${randomBytes(48).toString('base64url').replace(/[-_]/g, '.')}`;
    this.#sessions.set(token, { lastUsed: this.now() });
    return token;
  }

  /** True when the token is live; refreshes its inactivity timer. */
  touch(token: string): boolean {
    const session = this.#sessions.get(token);
    if (session === undefined) return false;
    if (this.now() - session.lastUsed > this.timeoutMs) {
      this.#sessions.delete(token);
      return false;
    }
    session.lastUsed = this.now();
    return true;
  }

  revoke(token: string): boolean {
    return this.#sessions.delete(token);
  }

  expireAll(): void {
    this.#sessions.clear();
  }
}
