/**
 * Settings of the contact-import function, read from the environment.
 *
 * @example
 * ```ts
 * const settings = readContactImportSettings(process.env);
 * settings.namespacePrefix; // 'amazonconnect__' by default
 * ```
 */
import { ADAPTER_NAMESPACE_ENV, readNamespacePrefix } from '../../shared/config/adapter-namespace.js';
import { CONNECT_INSTANCE_ID_ENV, readConnectInstanceId } from '../../shared/config/connect-instance.js';
import { AWS_REGION_ENV, readRegion } from '../../shared/config/region.js';
import { CONTACT_VERSION_TABLE_ENV } from '../../shared/contact-versions/table.js';
import type { ContactImportSettings } from './types.js';

/**
 * Every environment variable this function reads (besides the Salesforce client's `SF_*`); the
 * handler's version fence reads `CONTACT_VERSION_TABLE` (required) when it is first used.
 */
export const CONTACT_IMPORT_ENV_VARS = [
  ADAPTER_NAMESPACE_ENV,
  AWS_REGION_ENV,
  CONNECT_INSTANCE_ID_ENV,
  CONTACT_VERSION_TABLE_ENV,
] as const;

/** Reads {@link ContactImportSettings}; a missing region is a `ConfigurationError` naming it. */
export function readContactImportSettings(env: Record<string, string | undefined>): ContactImportSettings {
  return {
    namespacePrefix: readNamespacePrefix(env),
    region: readRegion(env),
    instanceId: readConnectInstanceId(env),
  };
}
