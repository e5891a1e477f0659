/**
 * The text replacement of `query`, `queryOne`, `searchSOSL` and `searchOneSOSL`: every extra
 * parameter's name found in the query is replaced by its value (e.g. `number` in
 * `… WHERE Phone LIKE '%number%'`). The original pasted values in raw (SOQL/SOSL injection); here
 * each value is escaped for where its placeholder stands:
 *
 * - inside a quoted SOQL string → string-literal escaping;
 * - inside the string after `LIKE` → LIKE escaping (`%`/`_` in the value match themselves);
 * - inside SOSL braces `FIND {…}` → SOSL term escaping, several words as one phrase;
 * - outside any quotes → only a number, `true`/`false` or an ISO date/datetime is accepted
 *   (anything else would change the query's structure), otherwise an error names the parameter;
 *   there a placeholder must be a whole word (key `Id` does not match inside `AccountId`).
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
      out += substitute(operation, placeholder, context, inPhrase);
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

function substitute(
  operation: string,
  [key, value]: [string, string],
  context: Context,
  inPhrase: boolean,
): string {
  switch (context) {
    case 'literal':
      return literalContent(value);
    case 'like':
      return likeContent(value);
    case 'sosl':
      return soslContent(value, inPhrase);
    default:
      if (!STRUCTURAL_VALUE.test(value.trim())) {
        throw new InvalidParameterError(
          operation,
          key,
          'is replaced outside quotes in the query, where only a number, true/false or an ISO date is allowed; ' +
            "put the placeholder inside quotes (e.g. Name = 'key') to match it as text",
        );
      }
      return value.trim();
  }
}
