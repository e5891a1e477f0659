/**
 * `GET /search?q=FIND {…} [IN … FIELDS] [RETURNING Obj(fields [WHERE …] [ORDER BY …] [LIMIT n]), …] [LIMIT n]`
 * and `/parameterizedSearch`. Both answer `{searchRecords: [...]}`; the
 * RETURNING field lists, WHERE, ORDER BY and LIMIT run through the SOQL engine.
 */
import type { EmulatorContext } from '../context.js';
import { malformedSearch, SalesforceApiError } from '../errors.js';
import type { QueryEngine } from '../soql/query-engine.js';
import type { QueryLogEntry } from '../types.js';
import { parseScope, type SearchScope, searchMatcher } from './search-engine.js';
import { parseSearchExpression } from './search-term.js';

const MAX_ROWS = 2000;

interface ReturningSpec {
  object: string;
  fields: string;
  /** ` WHERE … ORDER BY … LIMIT …` remainder, SOQL syntax. */
  rest: string;
}

/** A search to run: the term, where to look, what to return and how many records. */
export interface SearchRequest {
  term: string;
  scope: SearchScope;
  returning: ReturningSpec[] | undefined;
  limit: number;
}

/**
 * SOSL and parameterized search over the record store, matching words the way Salesforce's search
 * does and returning records per object.
 */
export class SearchService {
  constructor(
    private readonly context: EmulatorContext,
    private readonly queries: QueryEngine,
    private readonly log: (entry: QueryLogEntry) => void,
  ) {}

  sosl(text: string, version: string): { searchRecords: Array<Record<string, unknown>> } {
    const request = parseSosl(text);
    return this.run(request, version, { kind: 'sosl', text });
  }

  parameterized(
    body: Record<string, unknown>,
    version: string,
  ): { searchRecords: Array<Record<string, unknown>> } {
    const q = body.q;
    if (typeof q !== 'string' || q.trim() === '') throw malformedSearch('q is required');
    const defaultFields = listOf(body.fields);
    const defaultLimit = body.defaultLimit === undefined ? undefined : Number(body.defaultLimit);
    const sobjects = Array.isArray(body.sobjects)
      ? (body.sobjects as Array<Record<string, unknown>>)
      : undefined;
    const returning = sobjects?.map((spec) => {
      if (typeof spec.name !== 'string')
        throw new SalesforceApiError(400, 'INVALID_INPUT', 'sobjects[].name is required');
      const fields = listOf(spec.fields) ?? defaultFields ?? ['Id'];
      const limit = spec.limit ?? defaultLimit;
      const rest = [
        typeof spec.where === 'string' && spec.where.trim() !== '' ? ` WHERE ${spec.where}` : '',
        typeof spec.orderBy === 'string' && spec.orderBy.trim() !== '' ? ` ORDER BY ${spec.orderBy}` : '',
        limit !== undefined ? ` LIMIT ${Number(limit)}` : '',
      ].join('');
      return { object: spec.name, fields: fields.join(', '), rest };
    });
    const overall =
      body.overallLimit === undefined ? MAX_ROWS : Math.min(MAX_ROWS, Number(body.overallLimit));
    if (!Number.isFinite(overall) || overall < 0)
      throw new SalesforceApiError(400, 'INVALID_INPUT', 'overallLimit must be a number');
    return this.run(
      {
        term: q,
        scope: parseScope(typeof body.in === 'string' ? body.in : undefined),
        returning: returning ?? (defaultFields ? this.#allSearchable(defaultFields.join(', ')) : undefined),
        limit: overall,
      },
      version,
      { kind: 'parameterizedSearch', text: q },
    );
  }

  run(
    request: SearchRequest,
    version: string,
    logEntry: Omit<QueryLogEntry, 'literals'>,
  ): { searchRecords: Array<Record<string, unknown>> } {
    const { expression, words } = parseSearchExpression(request.term);
    this.log({ ...logEntry, literals: words.map((word) => word.text) });
    const specs = request.returning ?? this.#allSearchable('Id');
    const searchRecords: Array<Record<string, unknown>> = [];
    for (const spec of specs) {
      const object = this.context.schema.object(spec.object);
      if (object === undefined) {
        throw new SalesforceApiError(400, 'INVALID_TYPE', `sObject type '${spec.object}' is not supported.`);
      }
      const matches = searchMatcher(object, expression, request.scope);
      const { rows } = this.queries.execute(
        `SELECT ${spec.fields} FROM ${object.name}${spec.rest}`,
        version,
        {
          filter: matches,
          silent: true,
        },
      );
      searchRecords.push(...rows);
    }
    return { searchRecords: searchRecords.slice(0, Math.min(request.limit, MAX_ROWS)) };
  }

  #allSearchable(fields: string): ReturningSpec[] {
    return this.context.schema
      .objects()
      .filter((object) => object.searchable)
      .map((object) => ({ object: object.name, fields, rest: '' }));
  }
}

function listOf(value: unknown): string[] | undefined {
  if (Array.isArray(value)) return value.map(String);
  if (typeof value === 'string' && value.trim() !== '') return value.split(',').map((part) => part.trim());
  return undefined;
}

/** Parses a SOSL statement (the subset above). */
export function parseSosl(text: string): SearchRequest {
  const start = /^\s*FIND\s*\{/i.exec(text);
  if (!start) throw malformedSearch(`unexpected token: expecting 'FIND {'`);
  let index = start[0].length;
  let term = '';
  for (; index < text.length; index++) {
    const char = text.charAt(index);
    if (char === '\\') {
      term += char + text.charAt(index + 1);
      index += 1;
    } else if (char === '}') break;
    else term += char;
  }
  if (index >= text.length) throw malformedSearch("unexpected end of search: missing '}'");
  let rest = text.slice(index + 1);
  let scope: SearchScope = 'ALL';
  let returning: ReturningSpec[] | undefined;
  let limit = MAX_ROWS;
  for (;;) {
    rest = rest.trimStart();
    if (rest === '') break;
    const inMatch = /^IN\s+(ALL|NAME|EMAIL|PHONE|SIDEBAR)\s+FIELDS\b/i.exec(rest);
    if (inMatch) {
      scope = parseScope(inMatch[1]);
      rest = rest.slice(inMatch[0].length);
      continue;
    }
    const returningMatch = /^RETURNING\s+/i.exec(rest);
    if (returningMatch) {
      const parsed = parseReturning(rest.slice(returningMatch[0].length));
      returning = parsed.specs;
      rest = parsed.rest;
      continue;
    }
    const limitMatch = /^LIMIT\s+(\d+)/i.exec(rest);
    if (limitMatch) {
      limit = Math.min(MAX_ROWS, Number(limitMatch[1]));
      rest = rest.slice(limitMatch[0].length);
      continue;
    }
    const withMatch = /^WITH\s+[A-Z_]+(\s*=\s*('[^']*'|\S+)|\s*\([^)]*\))?/i.exec(rest);
    if (withMatch) {
      rest = rest.slice(withMatch[0].length);
      continue;
    }
    const updateMatch = /^UPDATE\s+(TRACKING|VIEWSTAT)\b/i.exec(rest);
    if (updateMatch) {
      rest = rest.slice(updateMatch[0].length);
      continue;
    }
    throw malformedSearch(`unexpected token: '${rest.split(/\s+/)[0]}'`);
  }
  return { term, scope, returning, limit };
}

function parseReturning(text: string): { specs: ReturningSpec[]; rest: string } {
  const specs: ReturningSpec[] = [];
  let rest = text;
  for (;;) {
    const name = /^\s*([A-Za-z][A-Za-z0-9_]*)/.exec(rest);
    if (!name) throw malformedSearch(`unexpected token in RETURNING: '${rest.trim().split(/\s+/)[0] ?? ''}'`);
    rest = rest.slice(name[0].length);
    let fields = 'Id';
    let tail = '';
    if (rest.trimStart().startsWith('(')) {
      rest = rest.trimStart();
      const close = matchingParen(rest);
      const inside = rest.slice(1, close);
      rest = rest.slice(close + 1);
      const clause = /\b(WHERE|ORDER\s+BY|LIMIT|OFFSET)\b/i.exec(maskQuoted(inside));
      fields = (clause ? inside.slice(0, clause.index) : inside).trim();
      tail = clause ? ` ${inside.slice(clause.index).trim()}` : '';
      if (fields === '') throw malformedSearch(`RETURNING ${name[1]}() needs at least one field`);
    }
    specs.push({ object: name[1], fields, rest: tail });
    const comma = /^\s*,/.exec(rest);
    if (!comma) return { specs, rest };
    rest = rest.slice(comma[0].length);
  }
}

function matchingParen(text: string): number {
  let depth = 0;
  let quoted = false;
  for (let index = 0; index < text.length; index++) {
    const char = text.charAt(index);
    if (quoted) {
      if (char === '\\') index += 1;
      else if (char === "'") quoted = false;
    } else if (char === "'") quoted = true;
    else if (char === '(') depth += 1;
    else if (char === ')') {
      depth -= 1;
      if (depth === 0) return index;
    }
  }
  throw malformedSearch('unbalanced parentheses in RETURNING');
}

/** Replaces quoted literal contents with spaces so keyword searches ignore them. */
function maskQuoted(text: string): string {
  let out = '';
  let quoted = false;
  for (let index = 0; index < text.length; index++) {
    const char = text.charAt(index);
    if (quoted) {
      if (char === '\\') {
        out += '  ';
        index += 1;
      } else if (char === "'") {
        quoted = false;
        out += char;
      } else out += ' ';
    } else {
      if (char === "'") quoted = true;
      out += char;
    }
  }
  return out;
}
