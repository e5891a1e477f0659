/**
 * Settings of the Contact Lens import, from the environment.
 *
 * @example
 * ```ts
 * const settings = readContactLensImportSettings(process.env);
 * settings.s3EventImportEnabled; // false unless CONTACT_LENS_IMPORT_ENABLED is true
 * ```
 */
import { ADAPTER_NAMESPACE_ENV, readNamespacePrefix } from '../../shared/config/adapter-namespace.js';
import { CONNECT_INSTANCE_ID_ENV, readConnectInstanceId } from '../../shared/config/connect-instance.js';
import { readBooleanEnv } from '../../shared/config/environment.js';
import { CONTACT_LENS_IMPORT_ENABLED_ENV } from '../../shared/ctr/switch-variables.js';
import type { ContactLensImportSettings } from './types.js';

/** The stack's ContactLensImportEnabled switch; S3-triggered imports run only when it is true. */
export { CONTACT_LENS_IMPORT_ENABLED_ENV };

/** Every environment variable this function reads (besides the Salesforce client's `SF_*`). */
export const CONTACT_LENS_IMPORT_ENV_VARS = [
  ADAPTER_NAMESPACE_ENV,
  CONNECT_INSTANCE_ID_ENV,
  CONTACT_LENS_IMPORT_ENABLED_ENV,
] as const;

/** Reads {@link ContactLensImportSettings}; an invalid value is a configuration error naming its variable. */
export function readContactLensImportSettings(
  env: Record<string, string | undefined>,
): ContactLensImportSettings {
  return {
    namespacePrefix: readNamespacePrefix(env),
    instanceId: readConnectInstanceId(env),
    s3EventImportEnabled: readBooleanEnv(CONTACT_LENS_IMPORT_ENABLED_ENV, false, env),
  };
}
