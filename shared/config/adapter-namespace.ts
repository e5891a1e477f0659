/**
 * The CTI adapter's namespace, in its one form: the prefix with its `__`.
 *
 * @example
 * ```ts
 * const prefix = readNamespacePrefix(process.env); // 'amazonconnect__' by default
 * `${prefix}Sentiment__c`;                         // 'amazonconnect__Sentiment__c'
 * ```
 */
import { namespacePrefix } from '../salesforce/namespace.js';

/** The CTI adapter's namespace (stack parameter SalesforceAdapterNamespace). */
export const ADAPTER_NAMESPACE_ENV = 'SF_ADAPTER_NAMESPACE';

/**
 * The prefix of the CTI adapter's custom object and field names, with its `__`: `amazonconnect__`
 * when unset, `''` when blank or `-` (an org with the objects unpackaged).
 */
export function readNamespacePrefix(env: Record<string, string | undefined>): string {
  return namespacePrefix(env[ADAPTER_NAMESPACE_ENV]);
}
