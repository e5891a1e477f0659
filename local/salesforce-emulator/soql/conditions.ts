/**
 * Turns soql-parser-js's WHERE representation (a right-leaning chain whose leaves carry
 * open/close parenthesis counts) into a proper boolean tree with SOQL precedence
 * (NOT > AND > OR) and parentheses honoured.
 */
import { malformedQuery } from '../errors.js';

/** The parser's WHERE node, typed structurally. */
export interface RawWhere {
  left?: RawCondition | null;
  operator?: string;
  right?: RawWhere;
}

/** A WHERE condition as the SOQL parser returns it. */
export interface RawCondition {
  field?: string;
  fn?: unknown;
  operator?: string;
  value?: string | string[];
  literalType?: string | string[];
  valueQuery?: unknown;
  dateLiteralVariable?: number | number[];
  openParen?: number;
  closeParen?: number;
}

/**
 * A value in a SOQL condition: its type, its text as written, and `N` for date literals such as
 * `LAST_N_DAYS:N`.
 */
export interface Literal {
  type: string;
  /** Raw text as written (strings keep their quotes). */
  raw: string;
  /** `N` of `LAST_N_DAYS:N`. */
  n?: number;
}

/** A WHERE clause as a tree of AND / OR / NOT over comparisons. */
export type ConditionNode =
  | { kind: 'and' | 'or'; left: ConditionNode; right: ConditionNode }
  | { kind: 'not'; operand: ConditionNode }
  | { kind: 'compare'; field: string; operator: string; literals: Literal[]; list: boolean };

type Token = '(' | ')' | 'AND' | 'OR' | 'NOT' | ConditionNode;

/**
 * Turns the parser's flat WHERE structure into a {@link ConditionNode} tree with SOQL's precedence
 * (NOT, then AND, then OR).
 */
export function buildConditionTree(where: RawWhere): ConditionNode {
  const tokens: Token[] = [];
  let node: RawWhere | undefined = where;
  while (node !== undefined) {
    const left = node.left;
    if (left) {
      for (let index = 0; index < (left.openParen ?? 0); index++) tokens.push('(');
      if (left.field !== undefined || left.fn !== undefined) tokens.push(leaf(left));
      for (let index = 0; index < (left.closeParen ?? 0); index++) tokens.push(')');
    }
    const operator = node.operator?.toUpperCase();
    if (operator === 'AND' || operator === 'OR' || operator === 'NOT') tokens.push(operator);
    else if (operator !== undefined) throw malformedQuery(`unexpected token: '${node.operator}'`);
    node = node.right;
  }
  let position = 0;
  const peek = (): Token | undefined => tokens[position];
  const parseOr = (): ConditionNode => {
    let left = parseAnd();
    while (peek() === 'OR') {
      position += 1;
      left = { kind: 'or', left, right: parseAnd() };
    }
    return left;
  };
  const parseAnd = (): ConditionNode => {
    let left = parseNot();
    while (peek() === 'AND') {
      position += 1;
      left = { kind: 'and', left, right: parseNot() };
    }
    return left;
  };
  const parseNot = (): ConditionNode => {
    if (peek() === 'NOT') {
      position += 1;
      return { kind: 'not', operand: parseNot() };
    }
    return parsePrimary();
  };
  const parsePrimary = (): ConditionNode => {
    const token = tokens[position++];
    if (token === '(') {
      const inner = parseOr();
      if (tokens[position++] !== ')') throw malformedQuery('unexpected token: missing closing parenthesis');
      return inner;
    }
    if (token === undefined || typeof token === 'string') {
      throw malformedQuery(`unexpected token: '${token ?? '<EOF>'}'`);
    }
    return token;
  };
  const tree = parseOr();
  if (position !== tokens.length) throw malformedQuery(`unexpected token: '${String(tokens[position])}'`);
  return tree;
}

function leaf(condition: RawCondition): ConditionNode {
  if (condition.fn !== undefined || condition.field === undefined) {
    throw malformedQuery('Functions in WHERE are not supported by the emulator');
  }
  if (condition.valueQuery !== undefined) {
    throw malformedQuery('Semi-join sub-selects are not supported by the emulator');
  }
  const operator = (condition.operator ?? '').toUpperCase();
  const values = Array.isArray(condition.value) ? condition.value : [condition.value ?? ''];
  const types = Array.isArray(condition.literalType)
    ? condition.literalType
    : values.map(() => (condition.literalType as string | undefined) ?? 'STRING');
  const ns = Array.isArray(condition.dateLiteralVariable)
    ? condition.dateLiteralVariable
    : values.map(() => condition.dateLiteralVariable as number | undefined);
  return {
    kind: 'compare',
    field: condition.field,
    operator,
    literals: values.map((raw, index) => ({
      raw,
      type: (types[index] ?? types[0] ?? 'STRING').toUpperCase(),
      n: ns[index],
    })),
    list: Array.isArray(condition.value),
  };
}
