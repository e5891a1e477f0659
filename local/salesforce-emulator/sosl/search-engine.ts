/**
 * Full-text matching for SOSL and parameterizedSearch. Text fields are tokenised on anything but
 * letters and digits; a word matches consecutive tokens (`*` / `?` wildcards allowed). Phone
 * fields also match on digits, so `1122334455` finds `+44 1122 334455` as SOSL's phone index does.
 */
import { malformedSearch } from '../errors.js';
import type { FieldSchema, ObjectSchema } from '../schema/types.js';
import { TEXT_TYPES } from '../schema/types.js';
import type { StoredRecord } from '../store/record-store.js';
import { type SearchExpression, type SearchWord, tokenize } from './search-term.js';

/** The fields a SOSL search looks in (`IN … FIELDS`). */
export type SearchScope = 'ALL' | 'NAME' | 'EMAIL' | 'PHONE' | 'SIDEBAR';

const NAME_FIELDS = new Set([
  'name',
  'firstname',
  'lastname',
  'company',
  'subject',
  'casenumber',
  'username',
  'title',
]);

/**
 * The search scope of an `IN … FIELDS` clause (ALL when absent); anything else is
 * `MALFORMED_SEARCH`.
 */
export function parseScope(text: string | undefined): SearchScope {
  const scope = (text ?? 'ALL').toUpperCase().replace(/\s+FIELDS$/, '');
  if (!['ALL', 'NAME', 'EMAIL', 'PHONE', 'SIDEBAR'].includes(scope)) {
    throw malformedSearch(`unexpected token: '${text}'`);
  }
  return scope as SearchScope;
}

function searchedFields(object: ObjectSchema, scope: SearchScope): FieldSchema[] {
  return object.fields.filter((field) => {
    switch (scope) {
      case 'NAME':
        return NAME_FIELDS.has(field.name.toLowerCase()) && TEXT_TYPES.has(field.type);
      case 'EMAIL':
        return field.type === 'email';
      case 'PHONE':
        return field.type === 'phone';
      default:
        return TEXT_TYPES.has(field.type);
    }
  });
}

function wildcardRegex(token: string): RegExp {
  const source = token
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${source}$`, 'u');
}

function wordMatchesTokens(word: SearchWord, tokens: string[]): boolean {
  const patterns = word.tokens.map((token) => (/[*?]/.test(token) ? wildcardRegex(token) : token));
  for (let start = 0; start + patterns.length <= tokens.length; start++) {
    const all = patterns.every((pattern, offset) => {
      const token = tokens[start + offset];
      return typeof pattern === 'string' ? token === pattern : pattern.test(token);
    });
    if (all) return true;
  }
  return false;
}

function wordMatchesField(word: SearchWord, field: FieldSchema, value: string): boolean {
  if (field.type === 'phone') {
    const digits = word.text.replace(/\D/g, '');
    // Only phone-like terms (digits and + - ( ) . spaces) use the digit index.
    const phoneLike = /^[\d\s+().-]+$/.test(word.text);
    if (phoneLike && digits.length >= 2 && value.replace(/\D/g, '').includes(digits)) return true;
  }
  return wordMatchesTokens(word, tokenize(value));
}

/** A predicate telling whether a record of `object` matches the expression within the scope. */
export function searchMatcher(
  object: ObjectSchema,
  expression: SearchExpression,
  scope: SearchScope,
): (record: StoredRecord) => boolean {
  const fields = searchedFields(object, scope);
  const matches = (record: StoredRecord, node: SearchExpression): boolean => {
    switch (node.kind) {
      case 'word':
        return fields.some((field) => {
          const value = record[field.name];
          return value !== null && value !== undefined && wordMatchesField(node.word, field, String(value));
        });
      case 'and':
        return matches(record, node.left) && matches(record, node.right);
      case 'or':
        return matches(record, node.left) || matches(record, node.right);
      case 'andNot':
        return matches(record, node.left) && !matches(record, node.right);
    }
  };
  return (record) => matches(record, expression);
}
