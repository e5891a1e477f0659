/** `/query`, `/queryAll` and `/query/{locator}-{offset}`. */
import { malformedQuery, methodNotAllowed, notFound } from '../errors.js';
import { type EmulatorRequest, type EmulatorResponse, json } from '../http-types.js';
import type { Services } from '../services.js';
import { batchSizeFrom } from '../soql/cursors.js';

/** `/query` and `/queryAll`: runs SOQL, paging large results through `nextRecordsUrl`. */
export function queryRoute(services: Services, request: EmulatorRequest): EmulatorResponse {
  if (request.method !== 'GET') throw methodNotAllowed(request.method, ['GET']);
  const [resource, locator, ...more] = request.segments;
  if (more.length > 0) throw notFound();
  if (locator !== undefined) return json(200, services.cursors.next(locator));
  const soql = request.query.get('q');
  if (soql === null || soql.trim() === '') throw malformedQuery('A query string has to be specified');
  const outcome = services.queries.execute(soql, request.version, {
    includeDeleted: resource === 'queryAll',
  });
  if (outcome.rows.length === 0) return json(200, { totalSize: outcome.totalSize, done: true, records: [] });
  const page = services.cursors.open(
    outcome.rows,
    batchSizeFrom(request.headers['sforce-query-options']),
    request.version,
  );
  return json(200, page);
}
