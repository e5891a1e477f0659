/** Routes a request below `/services/data/vNN.N` and turns thrown API errors into responses. */
import { methodNotAllowed, notFound, SalesforceApiError } from '../errors.js';
import { type EmulatorRequest, type EmulatorResponse, json } from '../http-types.js';
import type { Services } from '../services.js';
import { chatterRoute } from './chatter.js';
import { compositeRoute, type SubrequestFactory } from './composite.js';
import { limitsRoute } from './limits.js';
import { queryRoute } from './query.js';
import { parameterizedSearchRoute, searchRoute } from './search.js';
import { sobjectsRoute } from './sobjects.js';

/** Resources listed by `GET /services/data/vNN.N`. */
function resources(version: string): Record<string, string> {
  const base = `/services/data/v${version}`;
  return Object.fromEntries(
    ['sobjects', 'query', 'queryAll', 'search', 'parameterizedSearch', 'composite', 'limits', 'chatter'].map(
      (name) => [name, `${base}/${name}`],
    ),
  );
}

/**
 * Dispatches a REST request under `/services/data/vNN.N` to its route and turns Salesforce errors
 * into their JSON answers.
 */
export async function route(
  services: Services,
  request: EmulatorRequest,
  subrequest: SubrequestFactory,
): Promise<EmulatorResponse> {
  try {
    const [first] = request.segments;
    switch (first) {
      case undefined:
        if (request.method !== 'GET') throw methodNotAllowed(request.method, ['GET']);
        return json(200, resources(request.version));
      case 'sobjects':
        return await sobjectsRoute(services, request);
      case 'query':
      case 'queryAll':
        return queryRoute(services, request);
      case 'search':
        return searchRoute(services, request);
      case 'parameterizedSearch':
        return parameterizedSearchRoute(services, request);
      case 'composite':
        return await compositeRoute(services, request, subrequest);
      case 'limits':
        return limitsRoute(services, request);
      case 'chatter':
        return chatterRoute(services, request);
      default:
        throw notFound();
    }
  } catch (error) {
    if (error instanceof SalesforceApiError) return json(error.status, error.toBody());
    throw error;
  }
}

/**
 * The `byEndpoint` key of a request: method plus path with record ids, external-id values and
 * query locators replaced by placeholders (object and field names kept), e.g.
 * `PATCH /sobjects/AC_ContactTraceRecord__c/ContactId__c/{value}`, `GET /query`, `POST /composite`.
 */
export function endpointKey(method: string, segments: string[]): string {
  const parts = [...segments];
  if (parts[0] === 'sobjects' && parts.length >= 3 && parts[2] !== 'describe') {
    if (parts.length === 3) parts[2] = parts[2].toLowerCase() === 'id' ? parts[2] : '{id}';
    else if (/^[a-zA-Z0-9]{15}([a-zA-Z0-5]{3})?$/.test(parts[2])) parts[2] = '{id}';
    else parts[3] = '{value}';
  }
  if ((parts[0] === 'query' || parts[0] === 'queryAll') && parts.length > 1) parts[1] = '{locator}';
  if (parts[0] === 'chatter' && parts[1] === 'feed-elements' && parts.length > 2) parts[2] = '{id}';
  return `${method} /${parts.join('/')}`;
}
