/**
 * sfInvokeAPI's own settings, read from the environment once per container.
 *
 * | Variable | Default | Meaning |
 * |---|---|---|
 * | `SF_INVOKE_API_TIMEOUT_MS` | 7000 | deadline for one invocation (a contact flow waits at most 8 s) |
 * | `SF_REQUEST_TIMEOUT_MS` | sized to the deadline | per-request timeout of the Salesforce client |
 * | `SF_ADAPTER_NAMESPACE` | `amazonconnect` | CTI adapter prefix; blank or `-` = none |
 * | `SF_PHONE_DEFAULT_REGION` | `US` | region of national numbers given to `phoneLookup` |
 * | `SF_INVOKE_API_MAX_RECORDS` | 1000 | records fetched at most through `nextRecordsUrl` |
 *
 * @example
 * ```ts
 * const settings = readInvokeApiSettings(process.env); // { timeoutMs: 7000, requestTimeoutMs: 3350, namespacePrefix: 'amazonconnect__', ... }
 * ```
 */
import { ADAPTER_NAMESPACE_ENV, readNamespacePrefix } from '../../shared/config/adapter-namespace.js';
import { ConfigurationError } from '../../shared/config/configuration-error.js';
import { optionalEnv, readIntegerEnv } from '../../shared/config/environment.js';
import {
  REQUEST_TIMEOUT_BOUNDS,
  SALESFORCE_REQUEST_TIMEOUT_ENV,
} from '../../shared/salesforce/settings-from-environment.js';
import { clientBudget } from './client-budget.js';
import { isKnownPhoneRegion } from './phone-number.js';
import type { InvokeApiSettings } from './types.js';

type Env = Record<string, string | undefined>;

/** Deadline of one invocation's Salesforce work (stack parameter SfInvokeApiTimeout). */
export const INVOKE_API_TIMEOUT_ENV = 'SF_INVOKE_API_TIMEOUT_MS';
/** Region of national numbers given to `phoneLookup` (stack parameter SfPhoneDefaultRegion). */
export const PHONE_DEFAULT_REGION_ENV = 'SF_PHONE_DEFAULT_REGION';
/** Records fetched at most through `nextRecordsUrl` (fixed by the stack). */
export const INVOKE_API_MAX_RECORDS_ENV = 'SF_INVOKE_API_MAX_RECORDS';

/** Every environment variable this function reads (besides the Salesforce client's other `SF_*`). */
export const INVOKE_API_ENV_VARS = [
  INVOKE_API_TIMEOUT_ENV,
  SALESFORCE_REQUEST_TIMEOUT_ENV,
  ADAPTER_NAMESPACE_ENV,
  PHONE_DEFAULT_REGION_ENV,
  INVOKE_API_MAX_RECORDS_ENV,
] as const;

/** Default of `SF_INVOKE_API_TIMEOUT_MS`: a contact flow waits at most 8 s for the Lambda. */
export const DEFAULT_INVOKE_API_TIMEOUT_MS = 7000;
/** Default of `SF_PHONE_DEFAULT_REGION`. */
export const DEFAULT_PHONE_REGION = 'US';
/** Default of `SF_INVOKE_API_MAX_RECORDS`; answers are capped at 32 KB by Connect anyway. */
export const DEFAULT_INVOKE_API_MAX_RECORDS = 1000;

/** Amazon Connect rejects Lambda responses larger than about 32 KB. */
export const CONNECT_MAX_RESPONSE_BYTES = 32 * 1024;

/**
 * Reads {@link InvokeApiSettings}; an invalid value is a `ConfigurationError` naming its variable.
 * `requestTimeoutMs` defaults to the per-request timeout that fits two attempts and their backoff
 * in the deadline ({@link clientBudget}).
 */
export function readInvokeApiSettings(env: Env): InvokeApiSettings {
  const region = (optionalEnv(PHONE_DEFAULT_REGION_ENV, env) ?? DEFAULT_PHONE_REGION).toUpperCase();
  if (!isKnownPhoneRegion(region)) {
    throw new ConfigurationError(
      `Environment variable ${PHONE_DEFAULT_REGION_ENV} must be an ISO 3166-1 alpha-2 region code such as US or GB`,
      PHONE_DEFAULT_REGION_ENV,
    );
  }
  const timeoutMs = readIntegerEnv(
    INVOKE_API_TIMEOUT_ENV,
    DEFAULT_INVOKE_API_TIMEOUT_MS,
    { min: 100, max: 900_000 },
    env,
  );
  return {
    timeoutMs,
    requestTimeoutMs: readIntegerEnv(
      SALESFORCE_REQUEST_TIMEOUT_ENV,
      clientBudget(timeoutMs).requestTimeoutMs,
      REQUEST_TIMEOUT_BOUNDS,
      env,
    ),
    namespacePrefix: readNamespacePrefix(env),
    phoneDefaultRegion: region,
    maxRecords: readIntegerEnv(
      INVOKE_API_MAX_RECORDS_ENV,
      DEFAULT_INVOKE_API_MAX_RECORDS,
      { min: 1, max: 50_000 },
      env,
    ),
    maxResponseBytes: CONNECT_MAX_RESPONSE_BYTES,
  };
}
