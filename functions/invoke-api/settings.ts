/**
 * sfInvokeAPI's own settings, read from the environment once per container.
 *
 * | Variable | Default | Meaning |
 * |---|---|---|
 * | `SF_INVOKE_API_TIMEOUT_MS` | 7000 | deadline for one invocation (a contact flow waits at most 8 s) |
 * | `SF_ADAPTER_NAMESPACE` | `amazonconnect` | CTI adapter prefix; blank or `-` = none |
 * | `SF_PHONE_DEFAULT_REGION` | `US` | region of national numbers given to `phoneLookup` |
 * | `SF_INVOKE_API_MAX_RECORDS` | 1000 | records fetched at most through `nextRecordsUrl` |
 *
 * @example
 * ```ts
 * const settings = readInvokeApiSettings(process.env); // { timeoutMs: 7000, namespacePrefix: 'amazonconnect__', ... }
 * ```
 */
import { readNamespacePrefix } from '../../shared/config/adapter-namespace.js';
import { ConfigurationError } from '../../shared/config/configuration-error.js';
import { optionalEnv, readIntegerEnv } from '../../shared/config/environment.js';
import { isKnownPhoneRegion } from './phone-number.js';
import type { InvokeApiSettings } from './types.js';

type Env = Record<string, string | undefined>;

/** Every environment variable this function reads (besides the Salesforce client's `SF_*`). */
export const INVOKE_API_ENV_VARS = [
  'SF_INVOKE_API_TIMEOUT_MS',
  'SF_ADAPTER_NAMESPACE',
  'SF_PHONE_DEFAULT_REGION',
  'SF_INVOKE_API_MAX_RECORDS',
] as const;

/** Amazon Connect rejects Lambda responses larger than about 32 KB. */
export const CONNECT_MAX_RESPONSE_BYTES = 32 * 1024;

export function readInvokeApiSettings(env: Env): InvokeApiSettings {
  const region = (optionalEnv('SF_PHONE_DEFAULT_REGION', env) ?? 'US').toUpperCase();
  if (!isKnownPhoneRegion(region)) {
    throw new ConfigurationError(
      'Environment variable SF_PHONE_DEFAULT_REGION must be an ISO 3166-1 alpha-2 region code such as US or GB',
      'SF_PHONE_DEFAULT_REGION',
    );
  }
  return {
    timeoutMs: readIntegerEnv('SF_INVOKE_API_TIMEOUT_MS', 7000, { min: 100, max: 900_000 }, env),
    namespacePrefix: readNamespacePrefix(env),
    phoneDefaultRegion: region,
    maxRecords: readIntegerEnv('SF_INVOKE_API_MAX_RECORDS', 1000, { min: 1, max: 50_000 }, env),
    maxResponseBytes: CONNECT_MAX_RESPONSE_BYTES,
  };
}
