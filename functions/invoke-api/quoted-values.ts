/**
 * Flow values that carry their own SOQL quotes. The original spliced values into queries raw, so
 * flows written for it put the quotes in the value (`NAME` = `'Doe'`) or pass a list
 * (`names` = `'Doe','Smith'` for `IN (names)`). Such a value is parsed here into its literals and
 * written back with every character escaped, so it can only ever be a literal: anything after the
 * closing quote (`'Doe' OR Name != 'x'`, `'a'); DELETE`), an unbalanced quote or an escape SOQL
 * does not know makes the value unusable, and the reason says why without echoing it.
 *
 * @example
 * ```ts
 * parseQuotedValues("'Doe'");              // { literals: ["'Doe'"], parenthesised: false }
 * parseQuotedValues("('O\\'Brien','Li')"); // { literals: ["'O\\'Brien'", "'Li'"], parenthesised: true }
 * parseQuotedValues("'Doe' OR 1=1");       // { reason: 'has text after its closing quote' }
 * ```
 */
import { literalContent } from './escaping.js';

/**
 * A flow value that brought its own SOQL quotes, parsed into literals re-emitted fully escaped, or
 * the reason it cannot be used (without echoing it).
 */
export type QuotedValues =
  | {
      /** Each literal re-emitted with its quotes, every character escaped. */
      literals: string[];
      /** The value brought its own `( … )`. */
      parenthesised: boolean;
    }
  | { reason: string };

/** SOQL escape sequences, kept as they are (`\%` and `\_` keep their LIKE meaning). */
const ESCAPES = new Set(["'", '"', '\\', 'n', 'r', 't', 'b', 'f', '%', '_']);

/** The literals of a value that is one quoted SOQL string or a comma-separated list of them. */
export function parseQuotedValues(value: string): QuotedValues {
  let text = value.trim();
  const parenthesised = text.startsWith('(') && text.endsWith(')');
  if (parenthesised) text = text.slice(1, -1).trim();
  const literals: string[] = [];
  let i = 0;
  for (;;) {
    if (text[i] !== "'") {
      return {
        reason:
          literals.length === 0 ? 'is not a quoted value' : 'has a list item that is not a quoted value',
      };
    }
    const parsed = readLiteral(text, i + 1);
    if ('reason' in parsed) return parsed;
    literals.push(`'${parsed.content}'`);
    i = skipSpaces(text, parsed.end);
    if (i === text.length) return { literals, parenthesised };
    if (text[i] !== ',') return { reason: 'has text after its closing quote' };
    i = skipSpaces(text, i + 1);
  }
}

/** Reads a literal's body from `start` (just after the opening quote) to its closing quote. */
function readLiteral(text: string, start: number): { content: string; end: number } | { reason: string } {
  let content = '';
  for (let i = start; i < text.length; i += 1) {
    const char = text[i];
    if (char === "'") return { content, end: i + 1 };
    if (char === '\\') {
      const next = text[i + 1];
      if (next === undefined || !ESCAPES.has(next))
        return { reason: 'has an escape sequence SOQL does not know' };
      content += `\\${next}`;
      i += 1;
    } else {
      content += literalContent(char);
    }
  }
  return { reason: 'has a quote that is never closed' };
}

function skipSpaces(text: string, from: number): number {
  let i = from;
  while (i < text.length && /\s/.test(text[i])) i += 1;
  return i;
}
