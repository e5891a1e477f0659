/**
 * `POST /composite` (≤ 25 subrequests, `@{ref.path}` references, allOrNone rollback →
 * PROCESSING_HALTED) and `POST /composite/batch` (independent subrequests, haltOnError → 412),
 * as Salesforce documents it. The whole request counts as one API call; subrequests are routed in-process.
 */
import { methodNotAllowed, notFound, SalesforceApiError } from '../errors.js';
import { type EmulatorRequest, type EmulatorResponse, json } from '../http-types.js';
import { parseJsonObject } from '../json-body.js';
import type { Services } from '../services.js';
import { collectionsRoute } from './collections.js';
import { treeRoute } from './tree.js';

const MAX_SUBREQUESTS = 25;
const MAX_QUERY_OR_COLLECTION = 5;
const FORBIDDEN_HEADERS = new Set(['authorization', 'accept', 'content-type']);
const ROLLED_BACK = 'The transaction was rolled back since another operation in the same transaction failed.';

interface Subrequest {
  method?: unknown;
  url?: unknown;
  referenceId?: unknown;
  body?: unknown;
  httpHeaders?: unknown;
}

interface SubResult {
  body: unknown;
  httpHeaders: Record<string, string>;
  httpStatusCode: number;
  referenceId: string;
}

/** Parses `/services/data/vNN.N/<path>?<query>` into a request below the version. */
export type SubrequestFactory = (
  method: string,
  url: string,
  body: unknown,
  headers: Record<string, string>,
) => EmulatorRequest;

/**
 * `/composite` (subrequests in order, referring to earlier results, rolled back together under
 * `allOrNone`) and `/composite/batch` (independent subrequests).
 */
export async function compositeRoute(
  services: Services,
  request: EmulatorRequest,
  subrequest: SubrequestFactory,
): Promise<EmulatorResponse> {
  const [, kind] = request.segments;
  if (kind === 'sobjects') return collectionsRoute(services, request);
  if (kind === 'tree') return treeRoute(services, request);
  if (kind === 'batch' && request.segments.length === 2) return batch(services, request, subrequest);
  if (kind !== undefined) throw notFound();
  if (request.method !== 'POST') throw methodNotAllowed(request.method, ['POST']);
  const body = parseJsonObject(request.body);
  const items = body.compositeRequest;
  if (!Array.isArray(items) || items.length === 0) {
    throw new SalesforceApiError(400, 'INVALID_INPUT', 'compositeRequest must be a non-empty array');
  }
  if (items.length > MAX_SUBREQUESTS) {
    throw new SalesforceApiError(
      400,
      'INVALID_INPUT',
      `A composite request can contain at most ${MAX_SUBREQUESTS} subrequests`,
    );
  }
  const subrequests = items as Subrequest[];
  const referenceIds = new Set<string>();
  let heavy = 0;
  for (const item of subrequests) {
    const referenceId = item.referenceId;
    if (typeof referenceId !== 'string' || !/^[A-Za-z][A-Za-z0-9_]*$/.test(referenceId)) {
      throw new SalesforceApiError(400, 'INVALID_INPUT', `Invalid referenceId: ${String(referenceId)}`);
    }
    if (referenceIds.has(referenceId)) {
      throw new SalesforceApiError(
        400,
        'INVALID_INPUT',
        `Duplicate referenceId provided in the request: ${referenceId}`,
      );
    }
    referenceIds.add(referenceId);
    if (typeof item.url === 'string' && /\/(query|queryAll|composite\/sobjects)(\/|\?|$)/.test(item.url))
      heavy += 1;
  }
  if (heavy > MAX_QUERY_OR_COLLECTION) {
    throw new SalesforceApiError(
      400,
      'INVALID_INPUT',
      `A composite request can contain at most ${MAX_QUERY_OR_COLLECTION} query or sObject Collections subrequests`,
    );
  }
  const allOrNone = body.allOrNone === true;
  // Subrequests are routed in-process and never wait for I/O, so no other HTTP request can run
  // between the checkpoint and a rollback: the rollback cannot undo someone else's write.
  const checkpoint = allOrNone ? services.context.store.checkpoint() : undefined;
  const results: SubResult[] = [];
  const byReference = new Map<string, SubResult>();
  let failedAt = -1;
  try {
    for (const [index, item] of subrequests.entries()) {
      const referenceId = item.referenceId as string;
      if (failedAt >= 0) {
        results.push(halted(referenceId, ROLLED_BACK));
        continue;
      }
      const result = await runSubrequest(services, item, referenceId, byReference, subrequest);
      results.push(result);
      byReference.set(referenceId, result);
      if (checkpoint !== undefined && result.httpStatusCode >= 400) {
        failedAt = index;
        checkpoint.rollback();
      }
    }
  } catch (error) {
    if (failedAt < 0) checkpoint?.rollback();
    throw error;
  }
  if (failedAt < 0) checkpoint?.release();
  if (failedAt >= 0) {
    for (let index = 0; index < failedAt; index++)
      results[index] = halted(results[index].referenceId, ROLLED_BACK);
  }
  return json(200, { compositeResponse: results });
}

function halted(referenceId: string, message: string): SubResult {
  return {
    body: [{ errorCode: 'PROCESSING_HALTED', message }],
    httpHeaders: {},
    httpStatusCode: 400,
    referenceId,
  };
}

async function runSubrequest(
  services: Services,
  item: Subrequest,
  referenceId: string,
  byReference: Map<string, SubResult>,
  subrequest: SubrequestFactory,
): Promise<SubResult> {
  const method = typeof item.method === 'string' ? item.method.toUpperCase() : '';
  if (!['GET', 'POST', 'PATCH', 'PUT', 'DELETE'].includes(method) || typeof item.url !== 'string') {
    return errorResult(
      referenceId,
      new SalesforceApiError(400, 'INVALID_INPUT', 'Each subrequest needs a method and a url'),
    );
  }
  const headers: Record<string, string> = {};
  if (item.httpHeaders !== undefined && item.httpHeaders !== null) {
    for (const [name, value] of Object.entries(item.httpHeaders as Record<string, unknown>)) {
      if (FORBIDDEN_HEADERS.has(name.toLowerCase())) {
        return errorResult(
          referenceId,
          new SalesforceApiError(
            400,
            'INVALID_INPUT',
            `The ${name} header is not allowed in a composite subrequest`,
          ),
        );
      }
      headers[name.toLowerCase()] = String(value);
    }
  }
  let url: string;
  let body: unknown;
  try {
    url = resolveReferences(item.url, byReference, true) as string;
    body = item.body === undefined ? undefined : resolveReferences(item.body, byReference, false);
  } catch (error) {
    if (error instanceof SalesforceApiError) return { ...halted(referenceId, error.message) };
    throw error;
  }
  if (!/^\/services\/data\/v\d+\.\d\//.test(url)) {
    return errorResult(
      referenceId,
      new SalesforceApiError(400, 'INVALID_INPUT', `The url must start with /services/data/vXX.X/: ${url}`),
    );
  }
  if (/^\/services\/data\/v\d+\.\d\/composite\/?(\?|$|batch|tree)/.test(url)) {
    return errorResult(
      referenceId,
      new SalesforceApiError(400, 'INVALID_INPUT', 'Composite requests cannot be nested'),
    );
  }
  const response = await services.dispatch(subrequest(method, url, body, headers));
  const httpHeaders: Record<string, string> = {};
  const created = response.body as { id?: unknown } | undefined;
  if (response.status === 201 && typeof created?.id === 'string') {
    const path = url.split('?')[0].replace(/\/+$/, '');
    httpHeaders.Location = /\/sobjects\/[^/]+$/.test(path) ? `${path}/${created.id}` : path;
  }
  return {
    body: response.status === 204 ? null : (response.body ?? null),
    httpHeaders,
    httpStatusCode: response.status,
    referenceId,
  };
}

function errorResult(referenceId: string, error: SalesforceApiError): SubResult {
  return { body: error.toBody(), httpHeaders: {}, httpStatusCode: error.status, referenceId };
}

const REFERENCE = /@\{([A-Za-z][A-Za-z0-9_]*)((?:\.[A-Za-z0-9_]+|\[\d+\])+)\}/g;

/**
 * Replaces `@{ref.path}` in strings (deeply in bodies). A whole-string reference keeps the
 * value's JSON type. An unresolvable reference (unknown, failed or missing path) halts the
 * subrequest with PROCESSING_HALTED.
 */
function resolveReferences(value: unknown, results: Map<string, SubResult>, inUrl: boolean): unknown {
  if (typeof value === 'string') {
    const whole = /^@\{([A-Za-z][A-Za-z0-9_]*)((?:\.[A-Za-z0-9_]+|\[\d+\])+)\}$/.exec(value);
    if (whole && !inUrl) return lookup(results, whole[1], whole[2]);
    return value.replace(REFERENCE, (_match, reference: string, path: string) => {
      const resolved = lookup(results, reference, path);
      return inUrl ? encodeURIComponent(String(resolved)) : String(resolved);
    });
  }
  if (Array.isArray(value)) return value.map((item) => resolveReferences(item, results, inUrl));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, resolveReferences(item, results, inUrl)]),
    );
  }
  return value;
}

function lookup(results: Map<string, SubResult>, reference: string, path: string): unknown {
  const expression = `${reference}${path}`;
  const result = results.get(reference);
  const invalid = () =>
    new SalesforceApiError(
      400,
      'PROCESSING_HALTED',
      `Invalid reference specified. No value for ${expression} found in ${reference}. Provided referenceId ('${reference}') must reference a successful earlier subrequest.`,
    );
  if (result === undefined || result.httpStatusCode >= 400) throw invalid();
  let current: unknown = result.body;
  for (const step of path.match(/\.[A-Za-z0-9_]+|\[\d+\]/g) ?? []) {
    const key = step.startsWith('[') ? Number(step.slice(1, -1)) : step.slice(1);
    if (current === null || typeof current !== 'object') throw invalid();
    current = (current as Record<string | number, unknown>)[key];
  }
  if (current === undefined || current === null) throw invalid();
  return current;
}

async function batch(
  services: Services,
  request: EmulatorRequest,
  subrequest: SubrequestFactory,
): Promise<EmulatorResponse> {
  if (request.method !== 'POST') throw methodNotAllowed(request.method, ['POST']);
  const body = parseJsonObject(request.body);
  const items = body.batchRequests;
  if (!Array.isArray(items) || items.length === 0 || items.length > MAX_SUBREQUESTS) {
    throw new SalesforceApiError(
      400,
      'INVALID_INPUT',
      `batchRequests must hold 1 to ${MAX_SUBREQUESTS} subrequests`,
    );
  }
  const results: Array<{ statusCode: number; result: unknown }> = [];
  let hasErrors = false;
  for (const item of items as Array<Record<string, unknown>>) {
    if (hasErrors && body.haltOnError === true) {
      results.push({
        statusCode: 412,
        result: [{ errorCode: 'BATCH_PROCESSING_HALTED', message: 'Batch processing halted per request' }],
      });
      continue;
    }
    const relative = String(item.url ?? '');
    const url = relative.startsWith('/services/data/')
      ? relative
      : `/services/data/${relative.replace(/^\/+/, '')}`;
    const response = await services.dispatch(
      subrequest(String(item.method ?? 'GET').toUpperCase(), url, item.richInput, {}),
    );
    if (response.status >= 400) hasErrors = true;
    results.push({
      statusCode: response.status,
      result: response.status === 204 ? null : (response.body ?? null),
    });
  }
  return json(200, { hasErrors, results });
}
