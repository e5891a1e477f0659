/**
 * `/composite/sobjects`: create (POST), update (PATCH), delete (DELETE),
 * retrieve (GET/POST `/{Obj}`) and upsert (PATCH `/{Obj}/{ExtIdField}`), ≤ 200 records a call.
 * Answers 200 with SaveResults in request order (errors keyed `statusCode`); allOrNone rolls
 * every record back and marks the valid ones ALL_OR_NONE_OPERATION_ROLLED_BACK.
 */
import { methodNotAllowed, notFound, SalesforceApiError } from '../errors.js';
import { type EmulatorRequest, type EmulatorResponse, json } from '../http-types.js';
import { normalizeId } from '../ids.js';
import { parseJsonObject } from '../json-body.js';
import { findField } from '../schema/registry.js';
import type { ObjectSchema } from '../schema/types.js';
import type { Services } from '../services.js';
import { MultipleMatchesError } from '../store/record-service.js';
import { restRecord } from './record-output.js';

const MAX_RECORDS = 200;
/** sObject Collections exist from v42.0; their upsert from v46.0 (earlier: 404 like any unknown resource). */
const COLLECTIONS_VERSION = 42;
const COLLECTIONS_UPSERT_VERSION = 46;
const MAX_RETRIEVE_IDS = 2000;

interface SaveResult {
  id?: string;
  success: boolean;
  errors: Array<{ statusCode: string; message: string; fields: string[] }>;
  created?: boolean;
}

const ROLLED_BACK = {
  statusCode: 'ALL_OR_NONE_OPERATION_ROLLED_BACK',
  message: 'Record rolled back because not all records were valid and the request was using AllOrNone header',
  fields: [],
};

/**
 * `/composite/sobjects`: sObject collections (create, update, upsert by external id, retrieve,
 * delete) of up to 200 records, each succeeding or failing on its own unless `allOrNone`.
 */
export function collectionsRoute(services: Services, request: EmulatorRequest): EmulatorResponse {
  const [, , objectName, fieldName, ...more] = request.segments;
  if (more.length > 0 || request.versionNumber < COLLECTIONS_VERSION) throw notFound();
  if (objectName === undefined) {
    switch (request.method) {
      case 'POST':
        return saveAll(services, request, (record, object) => ({
          id: services.records.create(object, withoutId(record, true)).Id,
          success: true,
          errors: [],
        }));
      case 'PATCH':
        return saveAll(services, request, (record, object) => {
          const id = record.id ?? record.Id;
          if (typeof id !== 'string') {
            throw new SalesforceApiError(400, 'MISSING_ARGUMENT', 'Id not specified in an update call', [
              'Id',
            ]);
          }
          const { id: _lower, ...fields } = record;
          return { id: services.records.update(object, id, fields).Id, success: true, errors: [] };
        });
      case 'DELETE':
        return deleteAll(services, request);
      default:
        throw methodNotAllowed(request.method, ['POST', 'PATCH', 'DELETE']);
    }
  }
  const object = services.context.schema.object(objectName);
  if (object === undefined) throw notFound();
  if (fieldName === undefined) return retrieve(services, request, object);
  if (request.method !== 'PATCH') throw methodNotAllowed(request.method, ['PATCH']);
  if (request.versionNumber < COLLECTIONS_UPSERT_VERSION) throw notFound();
  return upsertAll(services, request, object, fieldName);
}

function withoutId(record: Record<string, unknown>, rejectId: boolean): Record<string, unknown> {
  if (rejectId && (record.id !== undefined || record.Id !== undefined)) {
    throw new SalesforceApiError(400, 'INVALID_FIELD', 'cannot specify Id in an insert call', ['Id']);
  }
  return record;
}

function readRecords(request: EmulatorRequest): {
  allOrNone: boolean;
  records: Array<Record<string, unknown>>;
} {
  const body = parseJsonObject(request.body);
  if (!Array.isArray(body.records))
    throw new SalesforceApiError(400, 'INVALID_INPUT', 'records must be an array');
  if (body.records.length > MAX_RECORDS) {
    throw new SalesforceApiError(
      400,
      'EXCEEDED_ID_LIMIT',
      `record limit reached. cannot submit more than ${MAX_RECORDS} records into this call`,
    );
  }
  return { allOrNone: body.allOrNone === true, records: body.records as Array<Record<string, unknown>> };
}

/** The record's `attributes.type`, which every record of a collection must carry (upsert included). */
function typeOf(services: Services, record: Record<string, unknown>, expected?: ObjectSchema): ObjectSchema {
  const attributes = record.attributes as { type?: unknown } | undefined;
  const type = attributes?.type;
  if (typeof type !== 'string') {
    throw new SalesforceApiError(
      400,
      'INVALID_TYPE',
      'Must specify a type in attributes for each record',
      [],
    );
  }
  const object = services.context.schema.object(type);
  if (object === undefined)
    throw new SalesforceApiError(400, 'INVALID_TYPE', `sObject type '${type}' is not supported.`, []);
  if (expected !== undefined && object.name !== expected.name) {
    throw new SalesforceApiError(
      400,
      'INVALID_TYPE',
      `Record type ${type} does not match ${expected.name}`,
      [],
    );
  }
  return object;
}

/** Runs one write per record, collecting SaveResults, with all-or-none rollback. */
function runAll(
  services: Services,
  allOrNone: boolean,
  count: number,
  write: (index: number) => SaveResult,
): EmulatorResponse {
  const checkpoint = allOrNone ? services.context.store.checkpoint() : undefined;
  const results: SaveResult[] = [];
  try {
    for (let index = 0; index < count; index++) {
      try {
        results.push(write(index));
      } catch (error) {
        if (!(error instanceof SalesforceApiError)) throw error;
        results.push({ success: false, errors: [error.toSaveError()] });
      }
    }
  } catch (error) {
    checkpoint?.rollback();
    throw error;
  }
  if (checkpoint === undefined) return json(200, results);
  if (results.every((result) => result.success)) {
    checkpoint.release();
    return json(200, results);
  }
  checkpoint.rollback();
  return json(
    200,
    results.map((result) =>
      result.success ? { id: result.id, success: false, errors: [ROLLED_BACK] } : result,
    ),
  );
}

function saveAll(
  services: Services,
  request: EmulatorRequest,
  write: (record: Record<string, unknown>, object: ObjectSchema) => SaveResult,
): EmulatorResponse {
  const { allOrNone, records } = readRecords(request);
  return runAll(services, allOrNone, records.length, (index) => {
    const record = records[index];
    return write(record, typeOf(services, record));
  });
}

function upsertAll(
  services: Services,
  request: EmulatorRequest,
  object: ObjectSchema,
  fieldName: string,
): EmulatorResponse {
  const field = findField(object, fieldName);
  if (field === undefined || field.externalId !== true) {
    throw notFound(`Provided external ID field does not exist or is not accessible: ${fieldName}`);
  }
  const { allOrNone, records } = readRecords(request);
  const externalValue = (record: Record<string, unknown>): string | undefined => {
    const key = Object.keys(record).find((name) => name.toLowerCase() === field.name.toLowerCase());
    const value = key === undefined ? undefined : record[key];
    return value === undefined || value === null ? undefined : String(value);
  };
  const normalise = (value: string) => (field.caseSensitive ? value : value.toLowerCase());
  const occurrences = new Map<string, number>();
  for (const record of records) {
    const value = externalValue(record);
    if (value !== undefined) occurrences.set(normalise(value), (occurrences.get(normalise(value)) ?? 0) + 1);
  }
  return runAll(services, allOrNone, records.length, (index) => {
    const record = records[index];
    typeOf(services, record, object);
    const value = externalValue(record);
    if (value === undefined) {
      throw new SalesforceApiError(400, 'MISSING_ARGUMENT', `${field.name} not specified`, [field.name]);
    }
    if ((occurrences.get(normalise(value)) ?? 0) > 1) {
      throw new SalesforceApiError(
        400,
        'DUPLICATE_EXTERNAL_ID',
        `Duplicate external id specified: ${value}`,
        [field.name],
      );
    }
    try {
      const outcome = services.records.upsert(object, field.name, value, record, { externalIdInBody: true });
      return { id: outcome.record.Id, success: true, errors: [], created: outcome.created };
    } catch (error) {
      if (error instanceof MultipleMatchesError) {
        throw new SalesforceApiError(400, 'DUPLICATE_EXTERNAL_ID', error.message, [field.name]);
      }
      throw error;
    }
  });
}

function deleteAll(services: Services, request: EmulatorRequest): EmulatorResponse {
  const ids = (request.query.get('ids') ?? '').split(',').filter((id) => id !== '');
  if (ids.length === 0) throw new SalesforceApiError(400, 'MISSING_ARGUMENT', 'ids is required');
  if (ids.length > MAX_RECORDS) {
    throw new SalesforceApiError(
      400,
      'EXCEEDED_ID_LIMIT',
      `record limit reached. cannot submit more than ${MAX_RECORDS} records into this call`,
    );
  }
  return runAll(services, request.query.get('allOrNone') === 'true', ids.length, (index) => {
    const id = normalizeId(ids[index]);
    const object = id === undefined ? undefined : services.context.schema.objectByKeyPrefix(id.slice(0, 3));
    if (id === undefined || object === undefined) {
      throw new SalesforceApiError(400, 'MALFORMED_ID', `malformed id ${ids[index]}`, []);
    }
    try {
      return { id: services.records.delete(object, id).Id, success: true, errors: [] };
    } catch (error) {
      if (error instanceof SalesforceApiError && error.errorCode === 'ENTITY_IS_DELETED') {
        throw new SalesforceApiError(400, 'ENTITY_IS_DELETED', 'entity is deleted', []);
      }
      throw error;
    }
  });
}

function retrieve(services: Services, request: EmulatorRequest, object: ObjectSchema): EmulatorResponse {
  let ids: string[];
  let fields: string[];
  if (request.method === 'GET') {
    ids = (request.query.get('ids') ?? '').split(',').filter((id) => id !== '');
    fields = (request.query.get('fields') ?? '').split(',').filter((name) => name !== '');
  } else if (request.method === 'POST') {
    const body = parseJsonObject(request.body);
    ids = Array.isArray(body.ids) ? body.ids.map(String) : [];
    fields = Array.isArray(body.fields) ? body.fields.map(String) : [];
  } else throw methodNotAllowed(request.method, ['GET', 'POST']);
  if (ids.length === 0 || fields.length === 0) {
    throw new SalesforceApiError(400, 'MISSING_ARGUMENT', 'ids and fields are required');
  }
  if (ids.length > MAX_RETRIEVE_IDS) {
    throw new SalesforceApiError(
      400,
      'EXCEEDED_ID_LIMIT',
      `cannot retrieve more than ${MAX_RETRIEVE_IDS} records`,
    );
  }
  return json(
    200,
    ids.map((raw) => {
      const id = normalizeId(raw);
      const record = id === undefined ? undefined : services.context.store.get(object.name, id);
      if (record === undefined || record.IsDeleted === true) return null;
      return restRecord(services.context, request.version, object, record, fields);
    }),
  );
}
