/**
 * `POST /sobjects/ContentVersion` as JSON (VersionData base64, at most 37.5 MB of it) or as
 * multipart/form-data (`entity_content` JSON part + `VersionData` binary part).
 */
import { SalesforceApiError } from '../errors.js';
import type { EmulatorRequest } from '../http-types.js';
import { parseJsonObject } from '../json-body.js';
import { multipartBoundary, parseMultipart } from '../multipart.js';
import type { ObjectSchema } from '../schema/types.js';
import type { Services } from '../services.js';
import type { StoredRecord } from '../store/record-store.js';

/**
 * Creates a ContentVersion from a JSON body (base64 `VersionData`, at most 37.5 MB of it) or a
 * multipart upload (`entity_content` JSON plus the binary `VersionData` part).
 */
export function createContentVersion(
  services: Services,
  request: EmulatorRequest,
  object: ObjectSchema,
): StoredRecord {
  const boundary = multipartBoundary(request.headers['content-type']);
  if (boundary === undefined) return services.records.create(object, parseJsonObject(request.body));
  const parts = parseMultipart(request.body, boundary);
  const entity = parts.find((part) => part.name === 'entity_content' || part.name === 'entity_document');
  const data = parts.find((part) => part.name === 'VersionData');
  if (entity === undefined) {
    throw new SalesforceApiError(
      400,
      'INVALID_MULTIPART_REQUEST',
      'Multipart message must include a non-binary part (entity_content)',
    );
  }
  if (data === undefined) {
    throw new SalesforceApiError(
      400,
      'INVALID_MULTIPART_REQUEST',
      'Multipart message must include a binary part named VersionData',
    );
  }
  const fields = parseJsonObject(entity.data, 'entity_content');
  if ('VersionData' in fields) {
    throw new SalesforceApiError(
      400,
      'INVALID_MULTIPART_REQUEST',
      'VersionData must be sent as the binary part, not in entity_content',
    );
  }
  return services.records.create(object, fields, { blobs: { VersionData: data.data.toString('base64') } });
}
