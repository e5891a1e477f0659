/** `GET /search?q=<SOSL>` and `GET|POST /parameterizedSearch`. */
import { malformedSearch, methodNotAllowed } from '../errors.js';
import { type EmulatorRequest, type EmulatorResponse, json } from '../http-types.js';
import { parseJsonObject } from '../json-body.js';
import type { Services } from '../services.js';

/** `/search?q=`: runs SOSL (before v37.0 the answer is a bare array, as Salesforce answered then). */
export function searchRoute(services: Services, request: EmulatorRequest): EmulatorResponse {
  if (request.method !== 'GET') throw methodNotAllowed(request.method, ['GET']);
  const sosl = request.query.get('q');
  if (sosl === null || sosl.trim() === '') throw malformedSearch('A search string has to be specified');
  const result = services.search.sosl(sosl, request.version);
  // Before v37.0 the answer was a bare array.
  return json(200, request.versionNumber < 37 ? result.searchRecords : result);
}

/** `/parameterizedSearch`: the GET and POST forms of parameterized search. */
export function parameterizedSearchRoute(services: Services, request: EmulatorRequest): EmulatorResponse {
  if (request.method === 'POST') {
    return json(200, services.search.parameterized(parseJsonObject(request.body), request.version));
  }
  if (request.method !== 'GET') throw methodNotAllowed(request.method, ['GET', 'POST']);
  // GET form: q, in, fields, sobject (repeatable), <Obj>.fields, <Obj>.where, <Obj>.limit, overallLimit, defaultLimit.
  const query = request.query;
  const sobjects = query.getAll('sobject').map((name) => ({
    name,
    fields: query.get(`${name}.fields`) ?? undefined,
    where: query.get(`${name}.where`) ?? undefined,
    limit: query.get(`${name}.limit`) ?? undefined,
  }));
  const body: Record<string, unknown> = {
    q: query.get('q') ?? '',
    in: query.get('in') ?? undefined,
    fields: query.get('fields') ?? undefined,
    overallLimit: query.get('overallLimit') ?? undefined,
    defaultLimit: query.get('defaultLimit') ?? undefined,
    sobjects: sobjects.length > 0 ? sobjects : undefined,
  };
  return json(200, services.search.parameterized(body, request.version));
}
