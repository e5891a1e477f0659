/**
 * Settings of the contact-import function, read from the environment.
 *
 * @example
 * ```ts
 * const settings = contactImportSettingsFromEnvironment(process.env);
 * settings.namespacePrefix; // 'amazonconnect__' by default
 * ```
 */
import { SalesforceConfigError } from '../../shared/salesforce/errors.js';
import type { ContactImportSettings } from './types.js';

/**
 * `SF_ADAPTER_NAMESPACE` (default `amazonconnect`); blank or `-` means no namespace (upstream §3.3).
 * Returns the prefix to put before custom object and field names.
 */
export function namespacePrefixFrom(value: string | undefined): string {
  const namespace = (value ?? 'amazonconnect').trim();
  if (namespace === '' || namespace === '-') return '';
  if (!/^[A-Za-z][A-Za-z0-9_]*$/.test(namespace)) {
    throw new SalesforceConfigError(`SF_ADAPTER_NAMESPACE '${namespace}' is not a valid namespace prefix`);
  }
  return `${namespace}__`;
}

export function contactImportSettingsFromEnvironment(env: NodeJS.ProcessEnv): ContactImportSettings {
  const region = env.AWS_REGION ?? env.AWS_DEFAULT_REGION;
  if (!region) throw new SalesforceConfigError('AWS_REGION is not set');
  const instanceId = env.AMAZON_CONNECT_INSTANCE_ID?.trim();
  return {
    namespacePrefix: namespacePrefixFrom(env.SF_ADAPTER_NAMESPACE),
    region,
    instanceId: instanceId ? instanceId : undefined,
  };
}
