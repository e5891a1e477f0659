/**
 * `/sobjects/**`: describe, create, retrieve, update, delete, upsert / retrieve / delete by
 * external id, blob download.
 */
import { methodNotAllowed, notFound } from '../errors.js';
import { type EmulatorRequest, type EmulatorResponse, json, noContent } from '../http-types.js';
import { normalizeId } from '../ids.js';
import { parseJsonObject } from '../json-body.js';
import { describeGlobal, describeObject, describeObjectSummary } from '../schema/describe.js';
import { findField } from '../schema/registry.js';
import type { ObjectSchema } from '../schema/types.js';
import type { Services } from '../services.js';
import { recordUrl } from '../soql/record-shape.js';
import { blobBytes } from '../store/blob-store.js';
import { MultipleMatchesError } from '../store/record-service.js';
import { createContentVersion } from './content-version-upload.js';
import { fieldsParam, restRecord } from './record-output.js';

/** The first API version whose upsert answers 200 + `created` instead of 204. */
const UPSERT_CREATED_FLAG_VERSION = 46;

/** `POST …?_HttpMethod=PATCH` is the documented method override. */
export function effectiveMethod(request: EmulatorRequest): string {
  const override = request.query.get('_HttpMethod');
  return request.method === 'POST' && override ? override.toUpperCase() : request.method;
}

/**
 * `/sobjects`: describe, and create, read, update, upsert by external id and delete of single
 * records, with Salesforce's status codes and errors.
 */
export async function sobjectsRoute(services: Services, request: EmulatorRequest): Promise<EmulatorResponse> {
  const { context, records } = services;
  const [, objectName, third, fourth, ...more] = request.segments;
  const method = effectiveMethod(request);
  const { version } = request;
  if (objectName === undefined) {
    if (method !== 'GET') throw methodNotAllowed(method, ['GET']);
    return json(200, describeGlobal(version, context.schema));
  }
  const object = context.schema.object(objectName);
  if (object === undefined) throw notFound();
  if (third === undefined) {
    if (method === 'GET')
      return json(200, { objectDescribe: describeObjectSummary(version, object), recentItems: [] });
    if (method === 'POST') return created(createRecord(services, request, object));
    throw methodNotAllowed(method, ['GET', 'POST']);
  }
  if (third === 'describe' && fourth === undefined) {
    if (method !== 'GET') throw methodNotAllowed(method, ['GET']);
    return json(200, describeObject(version, context.schema, object));
  }
  if (more.length > 0) throw notFound();
  if (fourth === undefined) {
    if (third.toLowerCase() === 'id' && method === 'POST')
      return created(createRecord(services, request, object));
    const id = normalizeId(third);
    if (id === undefined)
      throw notFound(`Provided external ID field does not exist or is not accessible: ${third}`);
    switch (method) {
      case 'GET':
        return json(
          200,
          restRecord(context, version, object, records.live(object, id), fieldsParam(request.query)),
        );
      case 'PATCH':
        records.update(object, id, parseJsonObject(request.body));
        return noContent();
      case 'DELETE':
        records.delete(object, id);
        return noContent();
      default:
        throw methodNotAllowed(method, ['GET', 'PATCH', 'DELETE']);
    }
  }
  const recordId = normalizeId(third);
  if (recordId?.startsWith(object.keyPrefix)) {
    const field = findField(object, fourth);
    if (field?.type === 'base64' && method === 'GET') {
      const record = records.live(object, recordId);
      const bytes = blobBytes(record[field.name]);
      if (bytes === undefined) throw notFound();
      return {
        status: 200,
        raw: bytes,
        headers: { 'content-type': 'application/octetstream' },
      };
    }
  }
  return externalIdRoute(services, request, object, method, third, fourth);
}

function createRecord(services: Services, request: EmulatorRequest, object: ObjectSchema): string {
  if (object.name === 'ContentVersion') return createContentVersion(services, request, object).Id;
  return services.records.create(object, parseJsonObject(request.body)).Id;
}

const created = (id: string): EmulatorResponse => json(201, { id, success: true, errors: [] });

function externalIdRoute(
  services: Services,
  request: EmulatorRequest,
  object: ObjectSchema,
  method: string,
  fieldName: string,
  value: string,
): EmulatorResponse {
  const { records, context } = services;
  const { version } = request;
  try {
    if (method === 'PATCH') {
      const outcome = records.upsert(object, fieldName, value, parseJsonObject(request.body), {
        updateOnly: request.query.get('updateOnly') === 'true',
      });
      if (request.versionNumber >= UPSERT_CREATED_FLAG_VERSION) {
        return json(outcome.created ? 201 : 200, {
          id: outcome.record.Id,
          success: true,
          errors: [],
          created: outcome.created,
        });
      }
      return outcome.created ? json(201, { id: outcome.record.Id, success: true, errors: [] }) : noContent();
    }
    if (method !== 'GET' && method !== 'DELETE') throw methodNotAllowed(method, ['GET', 'PATCH', 'DELETE']);
    const field = findField(object, fieldName);
    if (field === undefined || (field.externalId !== true && field.name !== 'Id')) {
      throw notFound(`Provided external ID field does not exist or is not accessible: ${fieldName}`);
    }
    const matches = records.withValue(object, field, value);
    if (matches.length > 1)
      throw new MultipleMatchesError(
        object.name,
        field.name,
        matches.map((record) => record.Id),
      );
    if (matches.length === 0) throw notFound();
    if (method === 'DELETE') {
      records.delete(object, matches[0].Id);
      return noContent();
    }
    return json(200, restRecord(context, version, object, matches[0], fieldsParam(request.query)));
  } catch (error) {
    if (error instanceof MultipleMatchesError) {
      return json(
        300,
        error.ids.map((id) => recordUrl(version, object.name, id)),
      );
    }
    throw error;
  }
}
