/**
 * Upserts many records of one sObject by external id in as few Salesforce API calls as the
 * platform allows: records go in composite/sobjects collections of 200, and up to 5 collections
 * ride in one `/composite` request, which counts as one API call against the org's daily allocation.
 * 1,000 records cost 1 call instead of 5 (and instead of 1,000 single upserts in the original).
 * A single collection is sent as a plain collections request. Results come back as one
 * SaveResult per record, in input order; a collection that fails as a whole (e.g. an unknown
 * external id field) yields a failed SaveResult for each of its records.
 *
 * @example
 * ```ts
 * const results = await packedUpsert(salesforce, 'AC_QueueMetrics__c', 'Queue_Id__c', records);
 * const failed = results.filter((r) => !r.success);
 * ```
 */
import type {
  CompositeSubresponse,
  SalesforceApi,
  SalesforceRecord,
  SaveResult,
} from '../salesforce/types.js';

/** Records per sObject Collections request (platform limit). */
export const COLLECTION_SIZE = 200;
/** sObject Collections subrequests per `/composite` request (platform limit). */
export const COLLECTIONS_PER_COMPOSITE = 5;

function chunk<T>(items: T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
}

function isSaveResult(value: unknown): value is SaveResult {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { success?: unknown }).success === 'boolean'
  );
}

/** SaveResults of one collection subrequest, or a failure per record when the whole subrequest failed. */
function saveResultsOf(response: CompositeSubresponse | undefined, count: number): SaveResult[] {
  const body = response?.body;
  if (
    response &&
    response.httpStatusCode < 300 &&
    Array.isArray(body) &&
    body.length === count &&
    body.every(isSaveResult)
  ) {
    return body;
  }
  const errors = Array.isArray(body)
    ? body.map((e: { errorCode?: string; statusCode?: string; message?: string; fields?: string[] }) => ({
        statusCode: e.errorCode ?? e.statusCode ?? 'UNKNOWN_EXCEPTION',
        message: e.message ?? 'collection request failed',
        fields: e.fields,
      }))
    : [
        {
          statusCode: 'UNKNOWN_EXCEPTION',
          message: `collection request failed (HTTP ${response?.httpStatusCode ?? 'none'})`,
        },
      ];
  return Array.from({ length: count }, () => ({ success: false, errors }));
}

/** Options of {@link packedUpsert}. */
export interface PackedUpsertOptions {
  /**
   * Collections per API call, 1..5 (default 5). Lower it for orgs whose triggers or flows on the
   * object make 1,000 records in one request too heavy; 1 sends plain collections requests.
   */
  collectionsPerRequest?: number;
}

/**
 * Upserts any number of records by external id in as few API calls as possible: collections of
 * 200 records, up to five collections per composite request (1,000 records a call), each record
 * succeeding or failing on its own. Results come back in the order of `records`.
 *
 * @example
 * ```ts
 * const results = await packedUpsert(salesforce, objectName, externalIdField, rows);
 * const failed = results.filter((result) => !result.success);
 * ```
 */
export async function packedUpsert(
  salesforce: SalesforceApi,
  sobject: string,
  externalIdField: string,
  records: SalesforceRecord[],
  options: PackedUpsertOptions = {},
): Promise<SaveResult[]> {
  const perRequest = Math.min(
    Math.max(Math.trunc(options.collectionsPerRequest ?? COLLECTIONS_PER_COMPOSITE), 1),
    5,
  );
  const typed = records.map((r) => (r.attributes?.type ? r : { ...r, attributes: { type: sobject } }));
  const results: SaveResult[] = [];
  const groups = chunk(chunk(typed, COLLECTION_SIZE), perRequest);
  for (const group of groups) {
    if (group.length === 1) {
      results.push(
        ...(await salesforce.upsertMany(sobject, externalIdField, group[0]!, { allOrNone: false })),
      );
      continue;
    }
    const url = `/composite/sobjects/${encodeURIComponent(sobject)}/${encodeURIComponent(externalIdField)}`;
    const responses = await salesforce.composite(
      group.map((collection, i) => ({
        method: 'PATCH' as const,
        url,
        referenceId: `collection${i}`,
        body: { allOrNone: false, records: collection },
      })),
      { allOrNone: false },
    );
    group.forEach((collection, i) => {
      const response = responses.find((r) => r.referenceId === `collection${i}`) ?? responses[i];
      results.push(...saveResultsOf(response, collection.length));
    });
  }
  return results;
}
