/**
 * The original template's boolean convention, for stack switches and contact attributes alike:
 * the string `"true"` (any case, surrounding blanks ignored) is on, anything else is off.
 *
 * @example
 * ```ts
 * isTrue(process.env.GLOBAL_ANALYTICS_ENABLED); // false when unset
 * flag(process.env.POSTCALL_CTR_IMPORT_ENABLED, true); // the template default when unset
 * ```
 */

/** `"true"` in any case and surrounding blanks is on; anything else set is off; unset/blank → default. */
export function flag(value: string | undefined, defaultValue: boolean): boolean {
  if (value === undefined || value.trim() === '') return defaultValue;
  return isTrue(value);
}

/** The original's test for switches and contact attributes: the string `"true"` (case-insensitive here). */
export function isTrue(value: unknown): boolean {
  return typeof value === 'string' && value.trim().toLowerCase() === 'true';
}
