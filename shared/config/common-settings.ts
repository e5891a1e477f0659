/**
 * Settings several functions read, with one reader each: the region, the CTI adapter's
 * namespace, the reporting switches and the collections batch size. The variable names are
 * exported so the stack's environment mapping and the functions use the same spelling.
 *
 * @example
 * ```ts
 * const region = readRegion(process.env);                 // 'eu-west-2'
 * const prefix = readNamespacePrefix(process.env);        // 'amazonconnect__' by default
 * const perCall = readCollectionsPerRequest(process.env); // 5 by default
 * ```
 */
import { namespacePrefix } from '../salesforce/namespace.js';
import { ConfigurationError } from './configuration-error.js';
import { optionalEnv, readIntegerEnv } from './environment.js';
import { isTrue } from './template-flag.js';

type Env = Record<string, string | undefined>;

/** The Lambda runtime's region variable (`AWS_DEFAULT_REGION` is the fallback). */
export const AWS_REGION_ENV = 'AWS_REGION';
/** The CTI adapter's namespace (stack parameter SalesforceAdapterNamespace). */
export const ADAPTER_NAMESPACE_ENV = 'SF_ADAPTER_NAMESPACE';
/** The Amazon Connect instance id (stack parameter AmazonConnectInstanceId). */
export const CONNECT_INSTANCE_ID_ENV = 'AMAZON_CONNECT_INSTANCE_ID';
/** The v5.27 reporting objects switch (stack parameter GlobalAnalyticsEnabled). */
export const GLOBAL_ANALYTICS_ENV = 'GLOBAL_ANALYTICS_ENABLED';
/** sObject collections of 200 records per API call of the reporting imports. */
export const COLLECTIONS_PER_REQUEST_ENV = 'SF_COLLECTIONS_PER_REQUEST';

/** Most collections Salesforce's composite API takes in one request. */
export const MAX_COLLECTIONS_PER_REQUEST = 5;

/** The region the function runs in; a {@link ConfigurationError} when neither variable is set. */
export function readRegion(env: Env): string {
  const region = optionalEnv(AWS_REGION_ENV, env) ?? optionalEnv('AWS_DEFAULT_REGION', env);
  if (region === undefined) {
    throw new ConfigurationError(`Environment variable ${AWS_REGION_ENV} is not set`, AWS_REGION_ENV);
  }
  return region;
}

/**
 * The prefix of the CTI adapter's custom object and field names, with its `__`: `amazonconnect__`
 * when unset, `''` when blank or `-` (an org with the objects unpackaged).
 */
export function readNamespacePrefix(env: Env): string {
  return namespacePrefix(env[ADAPTER_NAMESPACE_ENV]);
}

/** The Amazon Connect instance id, or `undefined` when unset or blank. */
export function readConnectInstanceId(env: Env): string | undefined {
  return optionalEnv(CONNECT_INSTANCE_ID_ENV, env);
}

/** GlobalAnalyticsEnabled: `true` in any case is on; default off. */
export function readGlobalAnalytics(env: Env): boolean {
  return isTrue(env[GLOBAL_ANALYTICS_ENV]);
}

/** Collections of 200 records per API call, 1 to 5; default 5. */
export function readCollectionsPerRequest(env: Env): number {
  return readIntegerEnv(
    COLLECTIONS_PER_REQUEST_ENV,
    MAX_COLLECTIONS_PER_REQUEST,
    { min: 1, max: MAX_COLLECTIONS_PER_REQUEST },
    env,
  );
}
