/**
 * Report cell → field value. Like the original, `%` signs are removed ("85.5%" → "85.5") and
 * empty cells become null. Then, unlike the original (which sent every value as a string), the
 * value is typed by the field's describe type, so numeric and boolean fields get JSON numbers
 * and booleans; a value that does not parse is sent unchanged and Salesforce judges it.
 *
 * @example
 * ```ts
 * reportCellValue('85.5%');          // → '85.5'
 * typedFieldValue('85.5', 'percent'); // → 85.5
 * ```
 */

export function reportCellValue(raw: string): string | null {
  const value = raw.replace(/%/g, '');
  return value === '' ? null : value;
}

const NUMERIC_TYPES = new Set(['double', 'int', 'long', 'percent', 'currency']);
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/**
 * A report cell's value typed by the field's describe type: numbers and booleans as JSON numbers
 * and booleans; a value that does not parse is sent unchanged for Salesforce to judge.
 *
 * @example
 * ```ts
 * typedFieldValue('85.5', 'percent'); // 85.5
 * ```
 */
export function typedFieldValue(
  value: string | null,
  fieldType: string | undefined,
): string | number | boolean | null {
  if (value === null || fieldType === undefined) return value;
  const trimmed = value.trim();
  if (NUMERIC_TYPES.has(fieldType)) {
    return NUMBER.test(trimmed) ? Number(trimmed) : value;
  }
  if (fieldType === 'boolean') {
    const lower = trimmed.toLowerCase();
    if (lower === 'true' || lower === 'false') return lower === 'true';
  }
  return value;
}
