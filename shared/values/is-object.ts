/**
 * True for a JSON-like object: not `null`, not an array. The one guard every parser here uses
 * before reading properties of untrusted input.
 *
 * `T` types the property values for callers that already know the shape of the document (a
 * parsed template or state machine is JSON throughout); it defaults to `unknown`, so untrusted
 * input keeps every property unknown until it is checked.
 *
 * @example
 * ```ts
 * isObject({ a: 1 }); // true
 * isObject([1]);      // false
 * isObject(null);     // false
 * states.filter(isObject<Json>); // Array<{ [key: string]: Json }>
 * ```
 */
export function isObject<T = unknown>(value: unknown): value is Record<string, T> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
