/**
 * `POST /composite/tree/{Obj}`: create-only, all-or-nothing record trees with
 * child relationships (`Account` → `Contacts` → `Cases`), ≤ 200 records, ≤ 5 levels.
 * 201 `{hasErrors:false, results:[{referenceId,id}]}`; 400 `{hasErrors:true, results:[{referenceId, errors}]}`.
 */
import { methodNotAllowed, notFound, SalesforceApiError } from '../errors.js';
import { type EmulatorRequest, type EmulatorResponse, json } from '../http-types.js';
import { parseJsonObject } from '../json-body.js';
import type { ObjectSchema } from '../schema/types.js';
import type { Services } from '../services.js';

const MAX_RECORDS = 200;
const MAX_DEPTH = 5;

type TreeRecord = Record<string, unknown> & { attributes?: { type?: unknown; referenceId?: unknown } };

/** `/composite/tree`: inserts records with their nested children in one all-or-nothing request. */
export function treeRoute(services: Services, request: EmulatorRequest): EmulatorResponse {
  const [, , objectName, ...more] = request.segments;
  if (objectName === undefined || more.length > 0) throw notFound();
  if (request.method !== 'POST') throw methodNotAllowed(request.method, ['POST']);
  const root = services.context.schema.object(objectName);
  if (root === undefined) throw notFound();
  const body = parseJsonObject(request.body);
  if (!Array.isArray(body.records))
    throw new SalesforceApiError(400, 'INVALID_INPUT', 'records must be an array');
  if (countRecords(body.records as TreeRecord[]) > MAX_RECORDS) {
    throw new SalesforceApiError(
      400,
      'EXCEEDED_ID_LIMIT',
      `A tree request can create at most ${MAX_RECORDS} records`,
    );
  }
  const checkpoint = services.context.store.checkpoint();
  const results: Array<{ referenceId: string; id: string }> = [];
  try {
    for (const record of body.records as TreeRecord[]) create(services, root, record, undefined, 1, results);
  } catch (error) {
    checkpoint.rollback();
    if (!(error instanceof TreeError)) throw error;
    return json(400, {
      hasErrors: true,
      results: [{ referenceId: error.referenceId, errors: [error.cause.toSaveError()] }],
    });
  }
  checkpoint.release();
  return json(201, { hasErrors: false, results });
}

class TreeError extends Error {
  constructor(
    readonly referenceId: string,
    override readonly cause: SalesforceApiError,
  ) {
    super(cause.message);
  }
}

function countRecords(records: TreeRecord[]): number {
  let total = 0;
  for (const record of records) {
    total += 1;
    for (const value of Object.values(record)) {
      const nested = (value as { records?: unknown } | null)?.records;
      if (value !== null && typeof value === 'object' && Array.isArray(nested))
        total += countRecords(nested as TreeRecord[]);
    }
  }
  return total;
}

function create(
  services: Services,
  object: ObjectSchema,
  record: TreeRecord,
  parent: { field: string; id: string } | undefined,
  depth: number,
  results: Array<{ referenceId: string; id: string }>,
): void {
  const referenceId = String(record.attributes?.referenceId ?? '');
  const fail = (error: SalesforceApiError) => new TreeError(referenceId, error);
  if (depth > MAX_DEPTH)
    throw fail(new SalesforceApiError(400, 'INVALID_INPUT', `Trees can be at most ${MAX_DEPTH} levels deep`));
  if (referenceId === '')
    throw fail(new SalesforceApiError(400, 'INVALID_INPUT', 'attributes.referenceId is required'));
  const type = record.attributes?.type;
  if (typeof type === 'string' && services.context.schema.object(type)?.name !== object.name) {
    throw fail(
      new SalesforceApiError(400, 'INVALID_TYPE', `Record type ${type} does not match ${object.name}`),
    );
  }
  const children = services.context.schema.childRelationships(object);
  const fields: Record<string, unknown> = {};
  const nested: Array<{ relationship: (typeof children)[number]; records: TreeRecord[] }> = [];
  for (const [key, value] of Object.entries(record)) {
    if (key === 'attributes') continue;
    const relationship = children.find((child) => child.relationshipName.toLowerCase() === key.toLowerCase());
    if (relationship !== undefined) {
      const rows = (value as { records?: unknown } | null)?.records;
      if (!Array.isArray(rows))
        throw fail(new SalesforceApiError(400, 'INVALID_INPUT', `${key} must hold {records: [...]}`));
      nested.push({ relationship, records: rows as TreeRecord[] });
    } else fields[key] = value;
  }
  if (parent !== undefined) fields[parent.field] = parent.id;
  let id: string;
  try {
    id = services.records.create(object, fields).Id;
  } catch (error) {
    if (error instanceof SalesforceApiError) throw fail(error);
    throw error;
  }
  results.push({ referenceId, id });
  for (const { relationship, records } of nested) {
    const child = services.context.schema.object(relationship.childSObject)!;
    for (const row of records)
      create(services, child, row, { field: relationship.field, id }, depth + 1, results);
  }
}
