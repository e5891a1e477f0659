/**
 * True for a JSON-like object: not `null`, not an array. The one guard every parser here uses
 * before reading properties of untrusted input.
 *
 * @example
 * ```ts
 * isObject({ a: 1 }); // true
 * isObject([1]);      // false
 * isObject(null);     // false
 * ```
 */
export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
