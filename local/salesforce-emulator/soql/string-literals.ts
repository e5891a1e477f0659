/**
 * SOQL quoted-string escapes: `\n \N \r \R \t \T \b \B \f \F \" \' \\ \uXXXX`,
 * plus `\%` and `\_` (a literal `%` / `_` inside LIKE). Any other backslash sequence is
 * MALFORMED_QUERY, as in a real org.
 */
import { malformedQuery } from '../errors.js';

const SIMPLE_ESCAPES: Record<string, string> = {
  n: '\n',
  N: '\n',
  r: '\r',
  R: '\r',
  t: '\t',
  T: '\t',
  b: '\b',
  B: '\b',
  f: '\f',
  F: '\f',
  '"': '"',
  "'": "'",
  '\\': '\\',
};

/** One decoded character: `literal` unless it is an unescaped LIKE wildcard. */
type Piece = { literal: string } | { wildcard: '%' | '_' };

function decodePieces(quoted: string): Piece[] {
  if (quoted.length < 2 || !quoted.startsWith("'") || !quoted.endsWith("'")) {
    throw malformedQuery(`Invalid string literal ${quoted}`);
  }
  const body = quoted.slice(1, -1);
  const pieces: Piece[] = [];
  for (let index = 0; index < body.length; index++) {
    const char = body.charAt(index);
    if (char === '%' || char === '_') {
      pieces.push({ wildcard: char });
      continue;
    }
    if (char !== '\\') {
      pieces.push({ literal: char });
      continue;
    }
    const next = body.charAt(index + 1);
    const simple = Object.hasOwn(SIMPLE_ESCAPES, next) ? SIMPLE_ESCAPES[next] : undefined;
    if (simple !== undefined) {
      pieces.push({ literal: simple });
      index += 1;
    } else if (next === '%' || next === '_') {
      pieces.push({ literal: next });
      index += 1;
    } else if (next === 'u' || next === 'U') {
      const hex = body.slice(index + 2, index + 6);
      if (!/^[0-9a-fA-F]{4}$/.test(hex)) throw illegalSequence(quoted, body.slice(index, index + 6));
      pieces.push({ literal: String.fromCharCode(Number.parseInt(hex, 16)) });
      index += 5;
    } else {
      throw illegalSequence(quoted, `\\${next}`);
    }
  }
  return pieces;
}

function illegalSequence(quoted: string, sequence: string) {
  return malformedQuery(
    `Invalid string literal ${quoted}. Illegal character sequence ${sequence === '\\' ? "'\\'" : `'${sequence}'`} in string literal.`,
  );
}

/** The value of a quoted literal used with = != < > IN. `\%`/`\_` decode to `%`/`_`. */
export function decodeStringLiteral(quoted: string): string {
  return decodePieces(quoted)
    .map((piece) => ('literal' in piece ? piece.literal : piece.wildcard))
    .join('');
}

/** A case-insensitive, anchored matcher for a LIKE pattern. */
export function likeMatcher(quoted: string): { regex: RegExp; text: string } {
  const pieces = decodePieces(quoted);
  const source = pieces
    .map((piece) =>
      'literal' in piece
        ? piece.literal.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
        : piece.wildcard === '%'
          ? '.*'
          : '.',
    )
    .join('');
  const text = pieces.map((piece) => ('literal' in piece ? piece.literal : piece.wildcard)).join('');
  return { regex: new RegExp(`^${source}$`, 'is'), text };
}

/**
 * Raw newlines, carriage returns and tabs inside quoted literals are rewritten to their escape
 * sequences so the parser (which rejects them) sees the same value.
 */
export function escapeRawControlCharacters(soql: string): string {
  let out = '';
  let inString = false;
  for (let index = 0; index < soql.length; index++) {
    const char = soql.charAt(index);
    if (inString && char === '\\') {
      out += char + soql.charAt(index + 1);
      index += 1;
      continue;
    }
    if (char === "'") inString = !inString;
    if (inString && char === '\n') out += '\\n';
    else if (inString && char === '\r') out += '\\r';
    else if (inString && char === '\t') out += '\\t';
    else out += char;
  }
  return out;
}
