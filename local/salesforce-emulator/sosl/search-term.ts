/**
 * The SOSL search expression inside `FIND {…}`: words, "phrases", `*`/`?`
 * wildcards, AND / OR / AND NOT and parentheses. The reserved characters
 * `? & | ! { } [ ] ( ) ^ ~ * : \ " ' + -` must be backslash-escaped to be searched for literally;
 * an unescaped one (other than wildcards, quotes and grouping parentheses) is MALFORMED_SEARCH.
 */
import { malformedSearch } from '../errors.js';

const RESERVED = new Set([
  '?',
  '&',
  '|',
  '!',
  '{',
  '}',
  '[',
  ']',
  '(',
  ')',
  '^',
  '~',
  '*',
  ':',
  '\\',
  '"',
  "'",
  '+',
  '-',
]);

/** One searchable unit: tokens (lower-cased, wildcards kept) plus the decoded text. */
export interface SearchWord {
  text: string;
  tokens: string[];
}

/** A search term as a tree of words joined by AND, OR and AND NOT. */
export type SearchExpression =
  | { kind: 'word'; word: SearchWord }
  | { kind: 'and' | 'or' | 'andNot'; left: SearchExpression; right: SearchExpression };

type Token = { type: 'word'; word: SearchWord } | { type: 'op'; op: 'AND' | 'OR' | 'NOT' | '(' | ')' };

/** Splits text into lower-cased tokens on anything but letters, digits (and wildcards). */
export function tokenize(text: string, keepWildcards = false): string[] {
  const pattern = keepWildcards ? /[^\p{L}\p{N}*?]+/u : /[^\p{L}\p{N}]+/u;
  return text
    .toLowerCase()
    .split(pattern)
    .filter((token) => token !== '');
}

function lex(term: string): Token[] {
  const tokens: Token[] = [];
  let index = 0;
  const wordToken = (raw: string, decoded: DecodedTerm): void => {
    const upper = raw.toUpperCase();
    if (raw === decoded.text && (upper === 'AND' || upper === 'OR' || upper === 'NOT')) {
      tokens.push({ type: 'op', op: upper });
      return;
    }
    tokens.push({ type: 'word', word: wordOf(decoded) });
  };
  while (index < term.length) {
    const char = term.charAt(index);
    if (/\s/.test(char)) {
      index += 1;
    } else if (char === '(' || char === ')') {
      tokens.push({ type: 'op', op: char });
      index += 1;
    } else if (char === '"') {
      const end = findClosingQuote(term, index + 1);
      tokens.push({ type: 'word', word: wordOf(decodeTerm(term.slice(index + 1, end))) });
      index = end + 1;
    } else {
      let end = index;
      while (end < term.length && !/[\s()"]/.test(term.charAt(end))) end += term.charAt(end) === '\\' ? 2 : 1;
      const raw = term.slice(index, end);
      wordToken(raw, decodeTerm(raw));
      index = end;
    }
  }
  return tokens;
}

function findClosingQuote(term: string, from: number): number {
  for (let index = from; index < term.length; index++) {
    if (term.charAt(index) === '\\') index += 1;
    else if (term.charAt(index) === '"') return index;
  }
  throw malformedSearch('unbalanced quotes in search term');
}

/**
 * A term with its escapes decoded: `text` is what the user searched for (every escaped character
 * literal); `pattern` is the same text for tokenising, where only the *unescaped* `*` and `?` are
 * wildcards. An escaped `\*` / `\?` is literal punctuation, which SOSL's tokeniser treats as a
 * separator like any other, so it becomes a space there.
 */
interface DecodedTerm {
  text: string;
  pattern: string;
}

function wordOf(decoded: DecodedTerm): SearchWord {
  return { text: decoded.text, tokens: tokenize(decoded.pattern, true) };
}

/** Decodes backslash escapes; rejects unescaped reserved characters (wildcards allowed). */
function decodeTerm(raw: string): DecodedTerm {
  let text = '';
  let pattern = '';
  for (let index = 0; index < raw.length; index++) {
    const char = raw.charAt(index);
    if (char === '\\') {
      const next = raw.charAt(index + 1);
      if (!RESERVED.has(next)) {
        throw malformedSearch(
          `Invalid escape sequence '\\${next}' in search term: only reserved characters can be escaped`,
        );
      }
      text += next;
      pattern += next === '*' || next === '?' ? ' ' : next;
      index += 1;
    } else if (char === '*' || char === '?') {
      text += char;
      pattern += char;
    } else if (RESERVED.has(char)) {
      throw malformedSearch(
        `search term contains the reserved character '${char}'; escape it with a backslash`,
      );
    } else {
      text += char;
      pattern += char;
    }
  }
  return { text, pattern };
}

/**
 * Parses a search expression; implicit AND between adjacent words. Words made only of
 * punctuation (after unescaping) match nothing and are ignored, as in SOSL's tokeniser;
 * `words` still lists every decoded word and phrase, in order.
 */
export function parseSearchExpression(term: string): { expression: SearchExpression; words: SearchWord[] } {
  const lexed = lex(term);
  const words = lexed.filter((token) => token.type === 'word').map((token) => token.word);
  const tokens = lexed.filter((token) => token.type === 'op' || token.word.tokens.length > 0);
  let position = 0;
  const peek = (): Token | undefined => tokens[position];
  const isOp = (token: Token | undefined, op: string): boolean => token?.type === 'op' && token.op === op;
  const parseOr = (): SearchExpression => {
    let left = parseAnd();
    while (isOp(peek(), 'OR')) {
      position += 1;
      left = { kind: 'or', left, right: parseAnd() };
    }
    return left;
  };
  const parseAnd = (): SearchExpression => {
    let left = parsePrimary();
    for (;;) {
      const token = peek();
      if (isOp(token, 'AND') && isOp(tokens[position + 1], 'NOT')) {
        position += 2;
        left = { kind: 'andNot', left, right: parsePrimary() };
      } else if (isOp(token, 'AND')) {
        position += 1;
        left = { kind: 'and', left, right: parsePrimary() };
      } else if (token !== undefined && (token.type === 'word' || isOp(token, '('))) {
        left = { kind: 'and', left, right: parsePrimary() };
      } else return left;
    }
  };
  const parsePrimary = (): SearchExpression => {
    const token = tokens[position++];
    if (token === undefined) throw malformedSearch('search term must be longer than one character');
    if (token.type === 'op' && token.op === '(') {
      const inner = parseOr();
      if (!isOp(tokens[position++], ')')) throw malformedSearch('unbalanced parentheses in search term');
      return inner;
    }
    if (token.type !== 'word') throw malformedSearch(`unexpected '${token.op}' in search term`);
    if (token.word.tokens.join('').replace(/[*?]/g, '').length < 2) {
      throw malformedSearch('search term must be longer than one character');
    }
    return { kind: 'word', word: token.word };
  };
  const expression = parseOr();
  if (position !== tokens.length) throw malformedSearch('unexpected token in search term');
  return { expression, words };
}
