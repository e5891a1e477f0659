/**
 * Escaping for values put into SOQL and SOSL, by Salesforce's documented escaping rules, plus small builders so no call
 * site concatenates raw values into a query. SOQL over REST has no parameter binding: every value
 * must go through {@link soqlLiteral} (or the {@link soql} tag, which does it for you).
 *
 * @example
 * ```ts
 * const q = soql`SELECT Id, Name FROM Contact WHERE Phone = ${phone} AND LastName IN ${names} LIMIT 10`;
 * const like = `SELECT Id FROM Contact WHERE LastName LIKE ${soqlLikePattern(fragment, 'startsWith')}`;
 * const find = soslFind(phone, { in: 'PHONE', returning: 'Contact(Id, Name), Lead(Id)' });
 * ```
 */

/** A query fragment that is already safe (identifiers, pre-built clauses): inserted verbatim by {@link soql}. */
export class SoqlFragment {
  constructor(readonly text: string) {}
  toString(): string {
    return this.text;
  }
}

/**
 * A value the `soql` tag accepts: each is quoted and escaped by its type (arrays become a list for
 * `IN`); a {@link SoqlFragment} is inserted as built.
 */
export type SoqlValue =
  | string
  | number
  | boolean
  | null
  | Date
  | SoqlFragment
  | ReadonlyArray<string | number | boolean>;

/** Backslash escapes valid inside a SOQL quoted string (SF-SOQLESC). */
function escapeSoqlText(value: string): string {
  let out = '';
  for (const char of value) {
    switch (char) {
      case '\\':
        out += '\\\\';
        break;
      case "'":
        out += "\\'";
        break;
      case '"':
        out += '\\"';
        break;
      case '\n':
        out += '\\n';
        break;
      case '\r':
        out += '\\r';
        break;
      case '\t':
        out += '\\t';
        break;
      case '\b':
        out += '\\b';
        break;
      case '\f':
        out += '\\f';
        break;
      default: {
        const code = char.codePointAt(0) ?? 0;
        // Other control characters: the documented \uXXXX escape keeps the literal on one line.
        out += code < 0x20 || code === 0x7f ? `\\u${code.toString(16).padStart(4, '0')}` : char;
      }
    }
  }
  return out;
}

/**
 * A SOQL literal for `value`: strings quoted and escaped (`O'Brien` → `'O\'Brien'`), numbers as
 * written, booleans `TRUE`/`FALSE`, `null` → `NULL`, a `Date` as an unquoted UTC dateTime.
 */
export function soqlLiteral(value: string | number | boolean | null | Date): string {
  if (value === null) return 'NULL';
  if (typeof value === 'string') return `'${escapeSoqlText(value)}'`;
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError('SOQL numbers must be finite');
    return String(value);
  }
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw new TypeError('Invalid Date in SOQL');
    return value.toISOString().replace(/\.\d{3}Z$/, 'Z');
  }
  throw new TypeError(`Unsupported SOQL value type: ${typeof value}`);
}

/** Where a `LIKE` pattern matches: the whole value, its start, its end, or anywhere. */
export type LikeMatch = 'exact' | 'startsWith' | 'endsWith' | 'contains';

/**
 * A quoted LIKE pattern that matches `value` literally (`%` and `_` escaped), with wildcards
 * added only where `match` asks for them (default `contains`).
 */
export function soqlLikePattern(value: string, match: LikeMatch = 'contains'): string {
  const escaped = escapeSoqlText(value).replace(/[%_]/g, (char) => `\\${char}`);
  const prefix = match === 'endsWith' || match === 'contains' ? '%' : '';
  const suffix = match === 'startsWith' || match === 'contains' ? '%' : '';
  return `'${prefix}${escaped}${suffix}'`;
}

const IDENTIFIER = /^[A-Za-z][A-Za-z0-9_]*(\.[A-Za-z][A-Za-z0-9_]*)*$/;

/** Validates an object or field name (`Account.Name` allowed) so it can be put into a query. */
export function soqlIdentifier(name: string): SoqlFragment {
  if (!IDENTIFIER.test(name) || name.length > 255) {
    throw new TypeError(`Not a valid SOQL identifier: ${JSON.stringify(name.slice(0, 80))}`);
  }
  return new SoqlFragment(name);
}

/** Whether `value` looks like a 15- or 18-character Salesforce id. */
export function isSalesforceId(value: string): boolean {
  return /^[A-Za-z0-9]{15}([A-Za-z0-9]{3})?$/.test(value);
}

/**
 * Tagged template: every `${value}` becomes a literal (arrays become `('a', 'b')` for IN);
 * {@link SoqlFragment}s (from {@link soqlIdentifier}, {@link soqlLikePattern} via `new SoqlFragment`)
 * go in verbatim.
 */
export function soql(strings: TemplateStringsArray, ...values: SoqlValue[]): string {
  let out = strings[0];
  for (let i = 0; i < values.length; i++) {
    out += renderValue(values[i]) + strings[i + 1];
  }
  return out;
}

function renderValue(value: SoqlValue): string {
  if (value instanceof SoqlFragment) return value.text;
  if (Array.isArray(value)) {
    if (value.length === 0) throw new TypeError('SOQL IN list must not be empty');
    return `(${value.map((item) => soqlLiteral(item)).join(', ')})`;
  }
  return soqlLiteral(value as string | number | boolean | null | Date);
}

/** A SELECT built from parts; values in `where` are escaped. */
export function buildSelect(query: {
  fields: string[];
  from: string;
  /** field → value (equality, or IN for arrays), joined with AND. */
  where?: Record<string, string | number | boolean | null | ReadonlyArray<string | number | boolean>>;
  orderBy?: string;
  limit?: number;
}): string {
  if (query.fields.length === 0) throw new TypeError('buildSelect needs at least one field');
  const fields = query.fields.map((field) => soqlIdentifier(field).text).join(', ');
  let text = `SELECT ${fields} FROM ${soqlIdentifier(query.from).text}`;
  const conditions = Object.entries(query.where ?? {}).map(([field, value]) => {
    const name = soqlIdentifier(field).text;
    if (Array.isArray(value)) return `${name} IN ${renderValue(value)}`;
    return `${name} = ${soqlLiteral(value as string | number | boolean | null)}`;
  });
  if (conditions.length > 0) text += ` WHERE ${conditions.join(' AND ')}`;
  if (query.orderBy !== undefined) {
    const [field, direction] = query.orderBy.trim().split(/\s+/);
    const dir = direction?.toUpperCase();
    if (dir !== undefined && dir !== 'ASC' && dir !== 'DESC')
      throw new TypeError('orderBy direction must be ASC or DESC');
    text += ` ORDER BY ${soqlIdentifier(field).text}${dir ? ` ${dir}` : ''}`;
  }
  if (query.limit !== undefined) {
    if (!Number.isInteger(query.limit) || query.limit < 0)
      throw new TypeError('limit must be a non-negative integer');
    text += ` LIMIT ${query.limit}`;
  }
  return text;
}

/** SOSL reserved characters (SF-SOSLFIND): escaped with a backslash even inside quotes. */
const SOSL_RESERVED = /[?&|!{}[\]()^~*:\\"'+-]/g;

/**
 * A SOSL search term with every reserved character escaped (`{1+1}:2` → `\{1\+1\}\:2`).
 * Control characters become spaces (SOSL tokenises on whitespace anyway).
 */
export function soslTerm(value: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: replacing control characters is the point
  return value.replace(/[\u0000-\u001f\u007f]/g, ' ').replace(SOSL_RESERVED, (char) => `\\${char}`);
}

/**
 * `FIND {"term"} IN <scope> FIELDS RETURNING …`: the term is escaped and quoted as a phrase, so
 * words like AND/OR/NOT are searched for, not applied. `returning` is validated, not escaped:
 * build it from constants.
 */
export function soslFind(
  term: string,
  options: { in?: 'ALL' | 'NAME' | 'EMAIL' | 'PHONE' | 'SIDEBAR'; returning?: string; limit?: number } = {},
): string {
  let text = `FIND {"${soslTerm(term)}"} IN ${options.in ?? 'ALL'} FIELDS`;
  if (options.returning !== undefined) {
    if (!/^[A-Za-z0-9_.,()\s]+$/.test(options.returning)) {
      throw new TypeError('SOSL RETURNING clause may only contain names, commas, dots and parentheses');
    }
    text += ` RETURNING ${options.returning}`;
  }
  if (options.limit !== undefined) {
    if (!Number.isInteger(options.limit) || options.limit < 1 || options.limit > 2000) {
      throw new TypeError('SOSL LIMIT must be between 1 and 2000');
    }
    text += ` LIMIT ${options.limit}`;
  }
  return text;
}
