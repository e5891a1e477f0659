/**
 * A caller- or operator-supplied value made safe to echo in an error message: every character
 * outside printable ASCII becomes `?` (no control characters or line breaks reach a log line) and
 * the result is cut to `maxLength` characters.
 *
 * @example
 * ```ts
 * printable('sf_\u0000name\n', 80); // 'sf_?name?'
 * ```
 */
export function printable(value: string, maxLength: number): string {
  return value.replace(/[^\x20-\x7e]/g, '?').slice(0, maxLength);
}
