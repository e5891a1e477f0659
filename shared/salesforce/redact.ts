/**
 * Removes credentials from anything about to be logged. Two nets: every secret value the client
 * has seen (password, security token, consumer secret/key, private key, access tokens) is
 * replaced wherever it appears in a string, and keys that name credentials are masked whatever
 * their value. The client logs only through this.
 *
 * @example
 * ```ts
 * const redactor = new SecretRedactor();
 * redactor.addSecret(accessToken);
 * logger.debug('request', redactor.redact({ path, headers }));
 * ```
 */
export const REDACTED = '[REDACTED]';

/** Keys whose values are never logged. */
const SECRET_KEY =
  /pass(word)?|secret|token|assertion|authorization|private|credential|signature|cookie|client_id|consumerkey/i;
/** Bearer tokens and Salesforce session ids (`00D…!…`) even when not registered. */
const TOKEN_PATTERNS = [/Bearer\s+[^\s"',]+/gi, /\b00D[A-Za-z0-9]{12,15}![A-Za-z0-9._-]+/g];
/** Secrets shorter than this are not matched inside strings (too many false positives). */
const MIN_SECRET_LENGTH = 4;

/**
 * Removes credentials from anything about to be logged: every registered secret value wherever it
 * appears, and every value under a key that names a credential.
 *
 * @example
 * ```ts
 * const redactor = new SecretRedactor();
 * redactor.addSecret(accessToken);
 * logger.debug('request', redactor.redact({ path, headers }));
 * ```
 */
export class SecretRedactor {
  private readonly secrets = new Set<string>();

  /** Registers a value that must never be logged (ignored when empty or very short). */
  addSecret(value: string | undefined): void {
    if (value === undefined || value.length < MIN_SECRET_LENGTH) return;
    this.secrets.add(value);
    // A PEM key may surface line by line; register each base64 body line too.
    if (value.includes('-----BEGIN')) {
      for (const line of value.split(/\r?\n/)) {
        if (line.length >= 16 && !line.startsWith('-----')) this.secrets.add(line.trim());
      }
    }
  }

  /** A copy of `value` with every registered secret and credential-looking field masked. */
  redact<T>(value: T): T {
    return this.redactValue(value, 0) as T;
  }

  redactString(text: string): string {
    let result = text;
    for (const secret of this.secrets) {
      if (result.includes(secret)) result = result.split(secret).join(REDACTED);
      const encoded = encodeURIComponent(secret);
      if (encoded !== secret && result.includes(encoded)) result = result.split(encoded).join(REDACTED);
    }
    for (const pattern of TOKEN_PATTERNS) result = result.replace(pattern, REDACTED);
    return result;
  }

  private redactValue(value: unknown, depth: number): unknown {
    if (typeof value === 'string') return this.redactString(value);
    if (value === null || typeof value !== 'object' || depth > 8) return value;
    if (value instanceof Error) {
      return { name: value.name, message: this.redactString(value.message) };
    }
    if (Array.isArray(value)) return value.map((item) => this.redactValue(item, depth + 1));
    const copy: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(value)) {
      copy[key] =
        SECRET_KEY.test(key) && inner !== undefined && inner !== null
          ? REDACTED
          : this.redactValue(inner, depth + 1);
    }
    return copy;
  }
}
