/**
 * The one serialiser for JSON text written to Salesforce (`Attributes__c`, `AgentHierarchyGroup__c`,
 * the Contact Lens interruption and matched-details fields, the JSON attachments). The original
 * package wrote these with Python's `json.dumps` defaults, and formulas, reports and Apex match on
 * that text, so it is reproduced byte for byte:
 *
 * - keys in the order they were received (a {@link JsonSource} keeps the source's order, including
 *   integer-like keys that a JS object would move to the front);
 * - `", "` between items and `": "` between a key and its value;
 * - every character outside printable ASCII written as a lower-case `\uXXXX` escape (characters
 *   beyond the BMP as their surrogate pair), `"` `\` and `\b\f\n\r\t` with their short escapes;
 * - integers as integers, floats as Python's `repr` (`5.0`, `0.47`, `1e-05`, `1e+16`); a float of the
 *   source (`5.0`) stays a float when it comes from a {@link JsonSource}, and code marks its own
 *   floats with {@link PythonFloat}. A plain JS number is an integer when it has no fraction.
 *
 * @example
 * ```ts
 * pythonJson({ zeta: '1', alpha: 'café', score: new PythonFloat(5) });
 * // '{"zeta": "1", "alpha": "caf\\u00e9", "score": 5.0}'
 * pythonJson(JsonSource.parse('{"2": 5.0, "1": [1e2]}'));
 * // '{"2": 5.0, "1": [100.0]}'
 * ```
 */
import { JsonSource } from './json-source.js';

/** A number that Python holds as a float: serialised with a fraction or exponent (`1` → `1.0`). */
export class PythonFloat {
  constructor(readonly value: number) {}
}

/**
 * What {@link pythonJson} can write (it takes `unknown`, so interfaces of plain data need no cast).
 * Object members that are `undefined` are left out.
 */
export type PythonJsonValue =
  | null
  | boolean
  | string
  | number
  | bigint
  | PythonFloat
  | JsonSource
  | readonly PythonJsonValue[]
  | { readonly [key: string]: PythonJsonValue | undefined };

/** `json.dumps(value)` with Python's defaults. Throws `TypeError` for values JSON cannot hold. */
export function pythonJson(value: unknown): string {
  if (value === null) return 'null';
  if (value === true) return 'true';
  if (value === false) return 'false';
  if (typeof value === 'string') return pythonJsonString(value);
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'number') {
    return Number.isInteger(value) ? pythonInteger(value) : pythonFloatText(value);
  }
  if (value instanceof PythonFloat) return pythonFloatText(value.value);
  if (value instanceof JsonSource) return sourceJson(value);
  if (Array.isArray(value)) return `[${value.map((item) => pythonJson(item)).join(', ')}]`;
  if (typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    const members: string[] = [];
    for (const [key, item] of Object.entries(value)) {
      if (item !== undefined) members.push(`${pythonJsonString(key)}: ${pythonJson(item)}`);
    }
    return `{${members.join(', ')}}`;
  }
  throw new TypeError(`Object of type ${describe(value)} is not JSON serializable`);
}

/** A string literal as `json.dumps` writes it with `ensure_ascii=True`. */
export function pythonJsonString(text: string): string {
  let out = '"';
  for (let i = 0; i < text.length; i += 1) {
    const unit = text.charCodeAt(i);
    const short = SHORT_ESCAPES[unit];
    if (short !== undefined) out += short;
    else if (unit >= 0x20 && unit <= 0x7e) out += text[i];
    // Per UTF-16 code unit: a character beyond the BMP becomes its surrogate pair, as in Python.
    else out += `\\u${unit.toString(16).padStart(4, '0')}`;
  }
  return `${out}"`;
}

/**
 * Python's `repr(float)`: the shortest digits that read back as the same double (the digits JS
 * also finds), in fixed notation when the decimal exponent is in [-4, 16), else `d.ddde±XX`.
 *
 * @example
 * ```ts
 * pythonFloatText(5);       // '5.0'
 * pythonFloatText(0.00001); // '1e-05'
 * pythonFloatText(1e16);    // '1e+16'
 * ```
 */
export function pythonFloatText(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Number.POSITIVE_INFINITY) return 'Infinity';
  if (value === Number.NEGATIVE_INFINITY) return '-Infinity';
  if (value === 0) return Object.is(value, -0) ? '-0.0' : '0.0';
  const sign = value < 0 ? '-' : '';
  const [mantissa, exponentText] = Math.abs(value).toExponential().split('e');
  const digits = mantissa.replace('.', '');
  const exponent = Number(exponentText);
  // Position of the decimal point relative to the digits (0.d1d2… × 10^point).
  const point = exponent + 1;
  if (point > -4 && point <= 16) {
    if (point <= 0) return `${sign}0.${'0'.repeat(-point)}${digits}`;
    if (point >= digits.length) return `${sign}${digits}${'0'.repeat(point - digits.length)}.0`;
    return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
  }
  const fraction = digits.length > 1 ? `.${digits.slice(1)}` : '';
  const exponentSign = exponent < 0 ? '-' : '+';
  return `${sign}${digits[0]}${fraction}e${exponentSign}${String(Math.abs(exponent)).padStart(2, '0')}`;
}

const SHORT_ESCAPES: Record<number, string> = {
  34: '\\"',
  92: '\\\\',
  8: '\\b',
  12: '\\f',
  10: '\\n',
  13: '\\r',
  9: '\\t',
};

/** A parsed value written as Python writes what `json.loads` made of the same text. */
function sourceJson(source: JsonSource): string {
  switch (source.kind) {
    case 'object':
      return `{${source
        .entries()
        .map(([key, item]) => `${pythonJsonString(key)}: ${sourceJson(item)}`)
        .join(', ')}}`;
    case 'array':
      return `[${source
        .items()
        .map((item) => sourceJson(item))
        .join(', ')}]`;
    case 'string':
      return pythonJsonString(source.stringValue ?? '');
    case 'boolean':
      return source.booleanValue ? 'true' : 'false';
    case 'number': {
      const text = source.numberText ?? '0';
      // Python reads a number with a fraction or exponent as a float, any other as an exact int.
      if (/[.eE]/.test(text)) return pythonFloatText(Number(text));
      return text === '-0' ? '0' : text;
    }
    default:
      return 'null';
  }
}

function pythonInteger(value: number): string {
  // BigInt keeps every digit of large integers, which String() would write with an exponent.
  return BigInt(value).toString();
}

function describe(value: unknown): string {
  if (typeof value !== 'object' || value === null) return typeof value;
  return value.constructor?.name ?? 'object';
}
