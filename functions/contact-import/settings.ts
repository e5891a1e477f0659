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
import { namespacePrefix } from '../../shared/salesforce/namespace.js';
import type { ContactImportSettings } from './types.js';

export function contactImportSettingsFromEnvironment(env: NodeJS.ProcessEnv): ContactImportSettings {
  const region = env.AWS_REGION ?? env.AWS_DEFAULT_REGION;
  if (!region) throw new SalesforceConfigError('AWS_REGION is not set');
  const instanceId = env.AMAZON_CONNECT_INSTANCE_ID?.trim();
  return {
    namespacePrefix: namespacePrefix(env.SF_ADAPTER_NAMESPACE),
    region,
    instanceId: instanceId ? instanceId : undefined,
  };
}
