/**
 * Runs a SOQL statement against the store: parse (soql-parser-js), validate object and field
 * names against the schema, filter, sort, LIMIT/OFFSET, and project rows in the REST shape
 * (`attributes`, nested relationship objects).
 */
import soqlParser from 'soql-parser-js';
import type { EmulatorContext } from '../context.js';
import { malformedQuery, SalesforceApiError } from '../errors.js';
import type { ObjectSchema } from '../schema/types.js';
import type { StoredRecord } from '../store/record-store.js';
import type { QueryLogEntry } from '../types.js';
import { buildConditionTree, type ConditionNode, type RawWhere } from './conditions.js';
import { compileCondition } from './evaluate.js';
import { follow, type ResolvedPath, readPath, resolvePath } from './field-paths.js';
import { indexedCandidates } from './indexed-candidates.js';
import { recordUrl } from './record-shape.js';
import { escapeRawControlCharacters } from './string-literals.js';

const { parseQuery } = soqlParser;

/** The result of a SOQL query: its total size and the projected rows. */
export interface QueryOutcome {
  totalSize: number;
  /** Projected rows (REST shape); empty for COUNT(). */
  rows: Array<Record<string, unknown>>;
}

interface RawField {
  type: string;
  field?: string;
  relationships?: string[];
  functionName?: string;
  parameters?: unknown[];
  rawValue?: string;
}

interface RawOrderBy {
  field?: string;
  fn?: unknown;
  order?: string;
  nulls?: string;
}

interface RawQuery {
  fields?: RawField[];
  sObject?: string;
  where?: RawWhere;
  orderBy?: RawOrderBy | RawOrderBy[];
  limit?: number;
  offset?: number;
  groupBy?: unknown;
  having?: unknown;
  withDataCategory?: unknown;
}

/**
 * Runs SOQL against the record store: object and field names checked against the schema, then
 * filter, sort, LIMIT/OFFSET and rows projected in the REST shape, with Salesforce's errors for
 * what it refuses.
 */
export class QueryEngine {
  constructor(
    private readonly context: EmulatorContext,
    private readonly log: (entry: QueryLogEntry) => void,
  ) {}

  /**
   * @param options.filter restricts the candidate records (SOSL RETURNING clauses);
   * @param options.silent keeps the statement out of the query log (internal statements).
   */
  execute(
    soql: string,
    version: string,
    options: { includeDeleted?: boolean; filter?: (record: StoredRecord) => boolean; silent?: boolean } = {},
  ): QueryOutcome {
    const query = this.#parse(soql);
    if (query.groupBy !== undefined || query.having !== undefined) {
      throw malformedQuery('GROUP BY / HAVING (aggregate queries) are not supported by the emulator');
    }
    const objectName = query.sObject ?? '';
    const object = this.context.schema.object(objectName);
    if (object === undefined) {
      throw new SalesforceApiError(
        400,
        'INVALID_TYPE',
        `${caret(soql, objectName)}sObject type '${objectName}' is not supported. If you are attempting to use a custom object, be sure to append the '__c' after the entity name. Please reference your WSDL or the describe call for the appropriate names.`,
      );
    }
    const fields = query.fields ?? [];
    const count =
      fields.length === 1 &&
      fields[0].type === 'FieldFunctionExpression' &&
      fields[0].functionName?.toUpperCase() === 'COUNT' &&
      (fields[0].parameters ?? []).length === 0;
    const selected = count ? [] : this.#selectedPaths(soql, object, fields);
    const literals: string[] = [];
    let predicate = (_record: StoredRecord): boolean => true;
    let tree: ConditionNode | undefined;
    if (query.where !== undefined) {
      tree = buildConditionTree(query.where);
      predicate = this.#withFieldErrors(soql, () => compileCondition(this.context, object, tree!, literals));
    }
    if (options.silent !== true) this.log({ kind: 'soql', text: soql, literals });
    if (object.name === 'ContentDocumentLink') checkContentDocumentLinkFilter(tree);
    const orderBy = (Array.isArray(query.orderBy) ? query.orderBy : query.orderBy ? [query.orderBy] : []).map(
      (clause) => {
        if (clause.field === undefined)
          throw malformedQuery('ORDER BY functions are not supported by the emulator');
        return {
          path: this.#withFieldErrors(soql, () => resolvePath(this.context, object, clause.field!)),
          descending: clause.order?.toUpperCase() === 'DESC',
          nullsLast: clause.nulls
            ? clause.nulls.toUpperCase() === 'LAST'
            : clause.order?.toUpperCase() === 'DESC',
        };
      },
    );
    if (query.offset !== undefined && query.offset > 2000) {
      throw new SalesforceApiError(400, 'NUMBER_OUTSIDE_VALID_RANGE', `Maximum SOQL offset allowed is 2000`);
    }
    const store = this.context.store;
    const source = options.includeDeleted
      ? store.all(object.name)
      : ((tree === undefined ? undefined : indexedCandidates(store, object, tree)) ??
        store.live(object.name));
    const filter = options.filter ?? (() => true);
    let matched = source.filter((record) => filter(record) && predicate(record));
    if (orderBy.length > 0) {
      matched = [...matched].sort((a, b) => {
        for (const clause of orderBy) {
          const result = compareValues(
            readPath(this.context, a, clause.path),
            readPath(this.context, b, clause.path),
            clause.descending,
            clause.nullsLast,
          );
          if (result !== 0) return result;
        }
        return 0;
      });
    }
    const offset = query.offset ?? 0;
    const end = query.limit === undefined ? undefined : offset + query.limit;
    matched = matched.slice(offset, end);
    if (count) return { totalSize: matched.length, rows: [] };
    return {
      totalSize: matched.length,
      rows: matched.map((record) => this.#project(object, record, selected, version)),
    };
  }

  #parse(soql: string): RawQuery {
    try {
      return parseQuery(escapeRawControlCharacters(soql)) as unknown as RawQuery;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const found = /found --> '([^']*)' <--/.exec(message) ?? /found: '([^']*)'/.exec(message);
      const unexpected = /unexpected character: ->(.)<-/.exec(message);
      const detail = found
        ? `unexpected token: '${found[1]}'`
        : unexpected
          ? `unexpected token: '${unexpected[1]}'`
          : message;
      throw malformedQuery(`${caret(soql, found?.[1] ?? unexpected?.[1] ?? '')}${detail}`);
    }
  }

  #selectedPaths(soql: string, object: ObjectSchema, fields: RawField[]): ResolvedPath[] {
    const seen = new Set<string>();
    const paths: ResolvedPath[] = [];
    for (const field of fields) {
      if (field.type !== 'Field' && field.type !== 'FieldRelationship') {
        throw malformedQuery(
          `${caret(soql, field.rawValue ?? '')}${field.rawValue ?? field.type}: sub-queries, TYPEOF, FIELDS() and aggregate functions other than COUNT() are not supported by the emulator`,
        );
      }
      const text =
        field.type === 'FieldRelationship'
          ? [...(field.relationships ?? []), field.field].join('.')
          : (field.field ?? '');
      const path = this.#withFieldErrors(soql, () => resolvePath(this.context, object, text));
      const key = [...path.hops.map((hop) => hop.relationshipName), path.finalName].join('.').toLowerCase();
      if (seen.has(key)) throw malformedQuery(`${caret(soql, text)}duplicate field selected: ${text}`);
      seen.add(key);
      paths.push(path);
    }
    return paths;
  }

  /** Adds the query and a caret to field errors, like the real messages. */
  #withFieldErrors<T>(soql: string, action: () => T): T {
    try {
      return action();
    } catch (error) {
      if (error instanceof SalesforceApiError && error.errorCode === 'INVALID_FIELD') {
        const token = /'([^']+)'/.exec(error.message)?.[1] ?? '';
        throw new SalesforceApiError(400, 'INVALID_FIELD', `${caret(soql, token)}${error.message}`);
      }
      throw error;
    }
  }

  #project(
    object: ObjectSchema,
    record: StoredRecord,
    paths: ResolvedPath[],
    version: string,
  ): Record<string, unknown> {
    const row: Record<string, unknown> = {
      attributes: { type: object.name, url: recordUrl(version, object.name, record.Id) },
    };
    for (const path of paths) {
      let target: Record<string, unknown> | null = row;
      let current: { object: string; record: StoredRecord } | undefined = { object: object.name, record };
      for (const hop of path.hops) {
        if (target === null) break;
        current = follow(this.context, current?.record, hop);
        const existing: unknown = target[hop.relationshipName];
        if (current === undefined) {
          if (existing === undefined) target[hop.relationshipName] = null;
          target = null;
          break;
        }
        if (existing === undefined || existing === null) {
          const nested: Record<string, unknown> = {
            attributes: { type: current.object, url: recordUrl(version, current.object, current.record.Id) },
          };
          target[hop.relationshipName] = nested;
          target = nested;
        } else {
          target = existing as Record<string, unknown>;
        }
      }
      if (target === null || current === undefined) continue;
      if (path.field === undefined && path.finalName === 'Type') target.Type = current.object;
      else if (path.field?.type === 'base64') {
        target[path.finalName] =
          current.record[path.finalName] === null
            ? null
            : `${recordUrl(version, current.object, current.record.Id)}/${path.finalName}`;
      } else target[path.finalName] = current.record[path.finalName] ?? null;
    }
    return row;
  }
}

/** Salesforce refuses unfiltered ContentDocumentLink queries (MALFORMED_QUERY without a filter on ContentDocumentId or LinkedEntityId). */
function checkContentDocumentLinkFilter(tree: ConditionNode | undefined): void {
  const topLevel: ConditionNode[] = [];
  const collect = (node: ConditionNode): void => {
    if (node.kind === 'and') {
      collect(node.left);
      collect(node.right);
    } else topLevel.push(node);
  };
  if (tree !== undefined) collect(tree);
  const filtered = topLevel.some(
    (node) =>
      node.kind === 'compare' &&
      ['contentdocumentid', 'linkedentityid', 'id'].includes(node.field.toLowerCase()) &&
      (node.operator === '=' || node.operator === 'IN'),
  );
  if (!filtered) {
    throw malformedQuery(
      "Implementation restriction: ContentDocumentLink requires a filter by a single Id on ContentDocumentId or LinkedEntityId using the equals operator or multiple Id's using the IN operator.",
    );
  }
}

function compareValues(a: unknown, b: unknown, descending: boolean, nullsLast: boolean): number {
  const aNull = a === null || a === undefined;
  const bNull = b === null || b === undefined;
  if (aNull || bNull) {
    if (aNull && bNull) return 0;
    return (aNull ? -1 : 1) * (nullsLast ? -1 : 1);
  }
  let result: number;
  if (typeof a === 'number' && typeof b === 'number') result = a - b;
  else if (typeof a === 'boolean' && typeof b === 'boolean') result = Number(a) - Number(b);
  else {
    const left = String(a).toLowerCase();
    const right = String(b).toLowerCase();
    result = left < right ? -1 : left > right ? 1 : 0;
  }
  return descending ? -result : result;
}

/** `\n<soql>\n<spaces>^\nERROR at Row:1:Column:N\n` prefix of real SOQL errors. */
function caret(soql: string, token: string): string {
  const index = token === '' ? 0 : Math.max(0, soql.indexOf(token));
  return `\n${soql}\n${' '.repeat(index)}^\nERROR at Row:1:Column:${index + 1}\n`;
}
