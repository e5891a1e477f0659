/**
 * Evaluates WHERE conditions. Literals are decoded and type-checked once ({@link compileCondition}),
 * then the compiled predicate runs per record. Text comparisons are case-insensitive, as in SOQL.
 */
import type { EmulatorContext } from '../context.js';
import { malformedQuery, SalesforceApiError } from '../errors.js';
import { normalizeId } from '../ids.js';
import type { ObjectSchema } from '../schema/types.js';
import { NUMBER_TYPES, TEXT_TYPES } from '../schema/types.js';
import { parseDateTime } from '../store/date-values.js';
import type { StoredRecord } from '../store/record-store.js';
import type { ConditionNode, Literal } from './conditions.js';
import { readPath, resolvePath } from './field-paths.js';
import { decodeStringLiteral, likeMatcher } from './string-literals.js';

/** A compiled WHERE clause: true for records that match. */
export type Predicate = (record: StoredRecord) => boolean;

/** A literal converted to a comparable value: string (lower-cased text / id), number, boolean, null, or a time range. */
type Comparable = string | number | boolean | null | { from: number; to: number };

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Compiles a WHERE tree against an object's fields (types, relationship paths, date literals) into
 * a {@link Predicate}, logging every literal so tests can check what reached the query.
 */
export function compileCondition(
  context: EmulatorContext,
  object: ObjectSchema,
  node: ConditionNode,
  literalLog: string[],
): Predicate {
  switch (node.kind) {
    case 'and': {
      const left = compileCondition(context, object, node.left, literalLog);
      const right = compileCondition(context, object, node.right, literalLog);
      return (record) => left(record) && right(record);
    }
    case 'or': {
      const left = compileCondition(context, object, node.left, literalLog);
      const right = compileCondition(context, object, node.right, literalLog);
      return (record) => left(record) || right(record);
    }
    case 'not': {
      const operand = compileCondition(context, object, node.operand, literalLog);
      return (record) => !operand(record);
    }
    case 'compare':
      return compileComparison(context, object, node, literalLog);
  }
}

function compileComparison(
  context: EmulatorContext,
  object: ObjectSchema,
  node: Extract<ConditionNode, { kind: 'compare' }>,
  literalLog: string[],
): Predicate {
  const path = resolvePath(context, object, node.field);
  const type = path.type;
  const read = (record: StoredRecord): Comparable => toComparable(type, readPath(context, record, path));
  const { operator } = node;
  for (const literal of node.literals) {
    if (literal.type === 'STRING') literalLog.push(decodeStringLiteral(literal.raw));
  }
  if (operator === 'LIKE') {
    const literal = node.literals[0];
    if (literal.type !== 'STRING') throw filterTypeError(node.field, type);
    const { regex } = likeMatcher(literal.raw);
    return (record) => {
      const value = readPath(context, record, path);
      return value !== null && value !== undefined && regex.test(String(value));
    };
  }
  if (operator === 'IN' || operator === 'NOT IN') {
    const values = node.literals.map((literal) => literalValue(context, node.field, type, literal));
    const negate = operator === 'NOT IN';
    return (record) => {
      const value = read(record);
      const found = values.some((candidate) => equals(value, candidate));
      return negate ? !found : found;
    };
  }
  if (operator === 'INCLUDES' || operator === 'EXCLUDES') {
    throw malformedQuery(`${operator} (multi-select picklists) is not supported by the emulator`);
  }
  if (node.list) throw malformedQuery(`unexpected token: '('`);
  const literal = literalValue(context, node.field, type, node.literals[0]);
  switch (operator) {
    case '=':
      return (record) => equals(read(record), literal);
    case '!=':
    case '<>':
      return (record) => !equals(read(record), literal);
    case '<':
    case '<=':
    case '>':
    case '>=':
      if (literal === null) return () => false;
      return (record) => ordered(read(record), literal, operator);
    default:
      throw malformedQuery(`unexpected token: '${operator}'`);
  }
}

function toComparable(type: string, value: unknown): Comparable {
  if (value === null || value === undefined) return null;
  if (type === 'id' || type === 'reference') return String(value);
  if (TEXT_TYPES.has(type as never)) return String(value).toLowerCase();
  if (NUMBER_TYPES.has(type as never)) return Number(value);
  if (type === 'boolean') return value === true;
  if (type === 'datetime') return parseDateTime(String(value)) ?? null;
  if (type === 'date') return Date.parse(`${String(value)}T00:00:00Z`);
  return String(value).toLowerCase();
}

function literalValue(context: EmulatorContext, field: string, type: string, literal: Literal): Comparable {
  if (literal.type === 'NULL') return null;
  if (type === 'id' || type === 'reference') {
    if (literal.type !== 'STRING') throw filterTypeError(field, type);
    const text = decodeStringLiteral(literal.raw);
    const id = normalizeId(text);
    if (id === undefined) {
      throw new SalesforceApiError(400, 'INVALID_QUERY_FILTER_OPERATOR', `invalid ID field: ${text}`);
    }
    return id;
  }
  if (TEXT_TYPES.has(type as never)) {
    if (literal.type !== 'STRING') throw filterTypeError(field, type);
    return decodeStringLiteral(literal.raw).toLowerCase();
  }
  if (NUMBER_TYPES.has(type as never)) {
    if (
      !['INTEGER', 'DECIMAL', 'INTEGER_WITH_CURRENCY_PREFIX', 'DECIMAL_WITH_CURRENCY_PREFIX'].includes(
        literal.type,
      )
    ) {
      throw filterTypeError(field, type);
    }
    return Number(literal.raw.replace(/^[A-Z]{3}/, ''));
  }
  if (type === 'boolean') {
    if (literal.type !== 'BOOLEAN') throw filterTypeError(field, type);
    return literal.raw.toUpperCase() === 'TRUE';
  }
  if (type === 'date' || type === 'datetime') {
    if (literal.type === 'DATE') return Date.parse(`${literal.raw}T00:00:00Z`);
    if (literal.type === 'DATETIME') {
      const ms = parseDateTime(literal.raw);
      if (ms === undefined) throw malformedQuery(`invalid datetime: ${literal.raw}`);
      return ms;
    }
    if (literal.type === 'DATE_LITERAL' || literal.type === 'DATE_N_LITERAL')
      return dateRange(context, literal);
    throw filterTypeError(field, type);
  }
  if (literal.type === 'STRING') return decodeStringLiteral(literal.raw).toLowerCase();
  return literal.raw.toLowerCase();
}

function dateRange(context: EmulatorContext, literal: Literal): { from: number; to: number } {
  const today = Math.floor(context.now() / DAY_MS) * DAY_MS;
  const name = literal.raw.split(':')[0].toUpperCase();
  const n = literal.n ?? Number(literal.raw.split(':')[1] ?? 0);
  switch (name) {
    case 'TODAY':
      return { from: today, to: today + DAY_MS };
    case 'YESTERDAY':
      return { from: today - DAY_MS, to: today };
    case 'TOMORROW':
      return { from: today + DAY_MS, to: today + 2 * DAY_MS };
    case 'LAST_N_DAYS':
      return { from: today - n * DAY_MS, to: today + DAY_MS };
    case 'NEXT_N_DAYS':
      return { from: today + DAY_MS, to: today + (n + 1) * DAY_MS };
    default:
      throw malformedQuery(`Date literal ${literal.raw} is not supported by the emulator`);
  }
}

function equals(value: Comparable, literal: Comparable): boolean {
  if (literal !== null && typeof literal === 'object') {
    return typeof value === 'number' && value >= literal.from && value < literal.to;
  }
  if (value === null || literal === null) return value === literal;
  return value === literal;
}

function ordered(value: Comparable, literal: Comparable, operator: string): boolean {
  if (value === null || literal === null || typeof value === 'object') return false;
  let low: number | string | boolean = literal as number | string | boolean;
  let high: number | string | boolean = literal as number | string | boolean;
  if (typeof literal === 'object') {
    low = literal.from;
    high = literal.to - 1;
  }
  switch (operator) {
    case '<':
      return value < low;
    case '<=':
      return value <= high;
    case '>':
      return value > high;
    default:
      return value >= low;
  }
}

function filterTypeError(field: string, type: string): SalesforceApiError {
  const quoted = TEXT_TYPES.has(type as never) || type === 'id' || type === 'reference';
  return new SalesforceApiError(
    400,
    'INVALID_QUERY_FILTER_OPERATOR',
    `value of filter criterion for field '${field}' must be of type ${type} and ${quoted ? 'should be enclosed in quotes' : 'should not be enclosed in quotes'}`,
  );
}
