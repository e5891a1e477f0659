/**
 * The text replacement of `query`, `queryOne`, `searchSOSL` and `searchOneSOSL`: every extra
 * parameter's name found in the query is replaced by its value (e.g. `number` in
 * `… WHERE Phone LIKE '%number%'`). The original pasted values in raw (SOQL/SOSL injection); here
 * each value is escaped for where its placeholder stands:
 *
 * - inside a quoted SOQL string → string-literal escaping;
 * - inside the string after `LIKE` → LIKE escaping (`%`/`_` in the value match themselves);
 * - inside SOSL braces `FIND {…}` → SOSL term escaping, several words as one phrase;
 * - outside any quotes → a number, `true`/`false` or an ISO date/datetime as it is; a value that
 *   brings its own quotes the way flows written for the original do (`'Doe'`, or `'Doe','Smith'`
 *   where the template has `IN (names)`, or `('Doe','Smith')`) is parsed into its literals and
 *   written back escaped (see `quoted-values.ts`); in a SOSL query a value `{term}` is a search
 *   term, escaped like one inside braces; anything else would change the query's structure and is
 *   refused with an error naming the parameter. There a placeholder must be a whole word (key `Id`
 *   does not match inside `AccountId`).
 *
 * The template is scanned once, so a value is never re-scanned for other placeholders.
 *
 * @example
 * ```ts
 * fillQueryTemplate('query', "SELECT Id FROM Contact WHERE LastName = 'name'", [['name', "O'Brien"]]);
 * // SELECT Id FROM Contact WHERE LastName = 'O\'Brien'
 * ```
 */
import { InvalidParameterError } from './errors.js';
import { likeContent, literalContent, soslContent } from './escaping.js';
import { parseQuotedValues } from './quoted-values.js';

type Context = 'structure' | 'literal' | 'like' | 'sosl';

const STRUCTURAL_VALUE =
  /^(?:[+-]?\d+(?:\.\d+)?|true|false|\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}:\d{2}(?:\.\d{1,3})?(?:Z|[+-]\d{2}:?\d{2}))?)$/i;

/** Characters that delimit the scanner's contexts; a placeholder may not contain them. */
const DELIMITERS = /['{}\\]/;

/** Fills `template` with `substitutions` (parameter name → value), escaping each value for its context. */
export function fillQueryTemplate(
  operation: string,
  template: string,
  substitutions: ReadonlyArray<[string, string]>,
): string {
  const placeholders = substitutions
    .filter(([key]) => key !== '' && template.includes(key))
    .sort(([a], [b]) => b.length - a.length);
  for (const [key] of placeholders) {
    if (DELIMITERS.test(key)) {
      throw new InvalidParameterError(
        operation,
        key,
        "cannot be a placeholder: its name contains ', {, } or \\",
      );
    }
  }
  if (placeholders.length === 0) return template;

  let out = '';
  let context: Context = 'structure';
  // Inside SOSL braces: whether the template has opened a "phrase" around this point.
  let inPhrase = false;
  let i = 0;
  while (i < template.length) {
    const char = template[i];
    if (context !== 'structure' && char === '\\') {
      // An escape sequence already in the template is copied as is.
      out += template.slice(i, i + 2);
      i += 2;
      continue;
    }
    const placeholder = placeholders.find(
      ([key]) =>
        template.startsWith(key, i) && (context !== 'structure' || isWholeWord(template, i, key.length)),
    );
    if (placeholder !== undefined) {
      const slot = {
        listItem: isListItem(template, i, placeholder[0].length),
        sosl: /^\s*find\b/i.test(template),
      };
      out += substitute(operation, placeholder, context, inPhrase, slot);
      i += placeholder[0].length;
      continue;
    }
    if (context === 'structure' && char === "'") {
      context = /\blike\s*$/i.test(template.slice(0, i)) ? 'like' : 'literal';
    } else if (context === 'structure' && char === '{') {
      context = 'sosl';
      inPhrase = false;
    } else if (context === 'sosl' && char === '"') {
      inPhrase = !inPhrase;
    } else if ((context === 'literal' || context === 'like') && char === "'") {
      context = 'structure';
    } else if (context === 'sosl' && char === '}') {
      context = 'structure';
    }
    out += char;
    i += 1;
  }
  return out;
}

/** Outside quotes a placeholder must be a whole word, so a key never matches inside a field name. */
function isWholeWord(template: string, start: number, length: number): boolean {
  const word = /[A-Za-z0-9_]/;
  return !word.test(template[start - 1] ?? '') && !word.test(template[start + length] ?? '');
}

/** The placeholder stands where the template lists values: `(key)`, `(a, key)`, `(key, b)`. */
function isListItem(template: string, start: number, length: number): boolean {
  const before = template.slice(0, start).trimEnd().at(-1);
  const after = template.slice(start + length).trimStart()[0];
  return (before === '(' || before === ',') && (after === ')' || after === ',');
}

function substitute(
  operation: string,
  [key, value]: [string, string],
  context: Context,
  inPhrase: boolean,
  slot: { listItem: boolean; sosl: boolean },
): string {
  switch (context) {
    case 'literal':
      return literalContent(value);
    case 'like':
      return likeContent(value);
    case 'sosl':
      return soslContent(value, inPhrase);
    default:
      return structuralValue(operation, key, value, slot);
  }
}

/** A value replaced outside quotes: one that cannot change the query's structure, or an error. */
function structuralValue(
  operation: string,
  key: string,
  value: string,
  slot: { listItem: boolean; sosl: boolean },
): string {
  const trimmed = value.trim();
  if (STRUCTURAL_VALUE.test(trimmed)) return trimmed;
  const term = /^\{([^{}]*)\}$/.exec(trimmed);
  if (slot.sosl && term !== null) return `{${soslContent(term[1])}}`;
  const quoted = parseQuotedValues(trimmed);
  if (!('reason' in quoted)) {
    if (quoted.parenthesised) return `(${quoted.literals.join(', ')})`;
    if (quoted.literals.length === 1 || slot.listItem) return quoted.literals.join(', ');
    throw new InvalidParameterError(
      operation,
      key,
      'is a list of quoted values, which the query may only take inside ( … ) (e.g. IN (key))',
    );
  }
  if (trimmed.startsWith("'") || trimmed.startsWith('(')) {
    throw new InvalidParameterError(
      operation,
      key,
      `is replaced outside quotes in the query and ${quoted.reason}`,
    );
  }
  throw new InvalidParameterError(
    operation,
    key,
    'is replaced outside quotes in the query, where only a number, true/false, an ISO date or ' +
      "quoted text ('Doe', or 'Doe','Smith' inside ( … )) is allowed; put the placeholder inside quotes " +
      "(e.g. Name = 'key') to match it as text",
  );
}
