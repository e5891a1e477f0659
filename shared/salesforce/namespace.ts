/**
 * The CTI adapter's namespace prefix for custom object and field names, from
 * `SF_ADAPTER_NAMESPACE` (default `amazonconnect`; blank or `-` means none, as in the original).
 *
 * @example
 * ```ts
 * const ns = namespacePrefix(process.env.SF_ADAPTER_NAMESPACE); // 'amazonconnect__'
 * `${ns}Sentiment__c`; // 'amazonconnect__Sentiment__c'
 * ```
 */
import { SalesforceConfigError } from './errors.js';

/**
 * The API-name prefix of the adapter's namespace (`amazonconnect__`); `''` for a blank value or
 * `-` (an org with the objects unpackaged). Defaults to `amazonconnect`.
 *
 * @example
 * ```ts
 * namespacePrefix(undefined); // 'amazonconnect__'
 * namespacePrefix('-');       // ''
 * ```
 */
export function namespacePrefix(value: string | undefined): string {
  const namespace = (value ?? 'amazonconnect').trim();
  if (namespace === '' || namespace === '-') return '';
  if (!/^[A-Za-z][A-Za-z0-9_]*$/.test(namespace)) {
    throw new SalesforceConfigError(
      `SF_ADAPTER_NAMESPACE '${namespace.slice(0, 40)}' is not a valid namespace prefix`,
      'SF_ADAPTER_NAMESPACE',
    );
  }
  return `${namespace}__`;
}

/** Prefixes every key of `fields` (API names without namespace) with `prefix`. */
export function withNamespace(prefix: string, fields: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(fields).map(([name, value]) => [`${prefix}${name}`, value]));
}
