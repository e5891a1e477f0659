/**
 * Salesforce record ids: 15 case-sensitive characters (3-character key prefix + 12) plus a
 * 3-character suffix that encodes the case of the first 15, giving the 18-character
 * case-insensitive form the REST API returns.
 */

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const SUFFIX_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345';
const ID_PATTERN = /^[a-zA-Z0-9]{15}([a-zA-Z0-5]{3})?$/;

/** The 3-character case-safe suffix of a 15-character id. */
export function idSuffix(id15: string): string {
  let suffix = '';
  for (let chunk = 0; chunk < 3; chunk++) {
    let bits = 0;
    for (let position = 0; position < 5; position++) {
      const char = id15.charAt(chunk * 5 + position);
      if (char >= 'A' && char <= 'Z') bits |= 1 << position;
    }
    suffix += SUFFIX_ALPHABET.charAt(bits);
  }
  return suffix;
}

/**
 * Canonical 18-character form of a 15- or 18-character id, or `undefined` when the text is not
 * an id. An 18-character id whose case was lost (e.g. lower-cased) is restored from its suffix;
 * one whose suffix contradicts its body is rejected.
 */
export function normalizeId(text: string): string | undefined {
  if (!ID_PATTERN.test(text)) return undefined;
  if (text.length === 15) return text + idSuffix(text);
  const suffix = text.slice(15).toUpperCase();
  let body = '';
  for (let index = 0; index < 15; index++) {
    const char = text.charAt(index);
    const bits = SUFFIX_ALPHABET.indexOf(suffix.charAt(Math.floor(index / 5)));
    const upper = (bits >> (index % 5)) & 1;
    if (/[a-zA-Z]/.test(char)) body += upper ? char.toUpperCase() : char.toLowerCase();
    else if (upper) return undefined;
    else body += char;
  }
  return body + suffix;
}

/** Key prefix (first three characters) of an id. */
export function keyPrefixOf(id: string): string {
  return id.slice(0, 3);
}

/** Issues sequential ids per key prefix: `<prefix>5g0<9 base-62 digits><suffix>`. */
export class IdGenerator {
  readonly #counters = new Map<string, number>();

  /** The counter of every key prefix (for {@link restore} in a later process). */
  counters(): Record<string, number> {
    return Object.fromEntries(this.#counters);
  }

  /** Continues from saved counters, so new ids never collide with restored records. */
  restore(counters: Record<string, number>): void {
    for (const [prefix, value] of Object.entries(counters)) {
      this.#counters.set(prefix, Math.max(value, this.#counters.get(prefix) ?? 0));
    }
  }

  next(keyPrefix: string): string {
    const counter = (this.#counters.get(keyPrefix) ?? 1000) + 1;
    this.#counters.set(keyPrefix, counter);
    const id15 = `${keyPrefix}5g0${toBase62(counter, 9)}`;
    return id15 + idSuffix(id15);
  }
}

function toBase62(value: number, width: number): string {
  let text = '';
  let rest = value;
  do {
    text = BASE62.charAt(rest % 62) + text;
    rest = Math.floor(rest / 62);
  } while (rest > 0);
  return text.padStart(width, '0');
}
