/**
 * How many collections of 200 records the reporting functions send per Salesforce API call.
 *
 * @example
 * ```ts
 * readCollectionsPerRequest(process.env); // 5 when unset
 * ```
 */
import { readIntegerEnv } from './environment.js';

/** Collections of 200 records per composite request (stack parameter SalesforceCollectionsPerRequest). */
export const COLLECTIONS_PER_REQUEST_ENV = 'SF_COLLECTIONS_PER_REQUEST';

/** Salesforce's limit of collections per composite request, and the default. */
export const MAX_COLLECTIONS_PER_REQUEST = 5;

/** 1 to 5 (default 5); anything else is a `ConfigurationError` naming the variable. */
export function readCollectionsPerRequest(env: Record<string, string | undefined>): number {
  return readIntegerEnv(
    COLLECTIONS_PER_REQUEST_ENV,
    MAX_COLLECTIONS_PER_REQUEST,
    { min: 1, max: MAX_COLLECTIONS_PER_REQUEST, parameter: 'SalesforceCollectionsPerRequest' },
    env,
  );
}
