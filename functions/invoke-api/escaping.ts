/**
 * Escaping of flow values for the place they go, on top of `shared/salesforce/soql.ts`. These return
 * the escaped text *without* surrounding quotes, because the text-replacement operations put
 * values inside quotes the query template already has (`… LIKE '%number%'`).
 *
 * @example
 * ```ts
 * literalContent("O'Brien");  // O\'Brien
 * likeContent('50%_off');     // 50\%\_off
 * soslContent('(0)+44');      // \(0\)\+44
 * soslContent('Jane OR x');   // "Jane OR x"
 * ```
 */
import { soqlLikePattern, soqlLiteral, soslTerm } from '../../shared/salesforce/soql.js';

/** Content of a quoted SOQL string literal (`\` and `'` escaped, control characters as `\n`…). */
export function literalContent(value: string): string {
  return unquote(soqlLiteral(value));
}

/** Content of a quoted SOQL LIKE pattern: as {@link literalContent}, and `%`/`_` match themselves. */
export function likeContent(value: string): string {
  return unquote(soqlLikePattern(value, 'exact'));
}

/**
 * A SOSL search term (inside `FIND {…}` or a parameterizedSearch `q`): reserved characters
 * escaped, and a value of several words searched as one phrase, so words such as `OR`/`AND NOT`
 * in it cannot act as operators and widen the search. `insidePhrase`: the template already puts
 * the placeholder between double quotes.
 */
export function soslContent(value: string, insidePhrase = false): string {
  const escaped = soslTerm(value);
  return insidePhrase || !/\s/.test(escaped.trim()) ? escaped : `"${escaped}"`;
}

function unquote(quoted: string): string {
  return quoted.length >= 2 && quoted.startsWith("'") && quoted.endsWith("'") ? quoted.slice(1, -1) : quoted;
}
