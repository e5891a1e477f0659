/**
 * Report column header → Salesforce field API name, the original's rules:
 * the byte-order mark and parentheses are removed; the name column (`Queue` in queue reports,
 * `Agent` in agent reports) becomes `AC_Object_Name__c`; four names too long for a Salesforce
 * field are shortened; otherwise runs of `-` and whitespace become `_`, and `<ns>` and `__c`
 * are added. The describe filter later drops names the object does not have.
 *
 * @example
 * ```ts
 * fieldNameForHeader('Contacts handled (connected to agent timestamp)', 'queue', 'amazonconnect__');
 * // → 'amazonconnect__Contacts_handled_conn_to_agent_timestamp__c'
 * fieldNameForHeader('Average queue answer time', 'queue', '');   // → 'Average_queue_answer_time__c'
 * ```
 */
import type { ReportKind } from './types.js';

/** Header (lower case, parentheses removed) → shortened field name, without namespace. */
const SHORTENED_NAMES: Record<string, string> = {
  'average agent interaction and customer hold time': 'Avg_agent_interaction_and_cust_hold_time__c',
  'agent non-response without customer abandons': 'Agent_non_response_without_cust_abandons__c',
  // Queue reports say "connected to", agent reports "on connected to": both map to one field.
  'contacts handled connected to agent timestamp': 'Contacts_handled_conn_to_agent_timestamp__c',
  'contacts handled on connected to agent timestamp': 'Contacts_handled_conn_to_agent_timestamp__c',
  'non-productive time': 'Nonproductive_time__c',
};

/** The column holding the queue or agent name, per report kind. */
export const NAME_COLUMN: Record<ReportKind, string> = { queue: 'queue', agent: 'agent' };

/** The field the name column maps to (without namespace). */
export const OBJECT_NAME_FIELD = 'AC_Object_Name__c';
/** The field the interval column maps to (without namespace). */
export const START_INTERVAL_FIELD = 'StartInterval__c';

/** The header as the original compared it: no BOM, no parentheses, trimmed, single spaces. */
export function cleanHeader(header: string): string {
  return header
    .replace(/\uFEFF/g, '')
    .replace(/[()]/g, '')
    .trim()
    .replace(/\s+/g, ' ');
}

/**
 * The Salesforce field API name of a report column header (the original package's rules: name
 * column, shortened names, `_` for dashes and spaces, namespace and `__c`).
 */
export function fieldNameForHeader(header: string, kind: ReportKind, namespacePrefix: string): string {
  const clean = cleanHeader(header);
  const lower = clean.toLowerCase();
  if (lower === NAME_COLUMN[kind]) return namespacePrefix + OBJECT_NAME_FIELD;
  const shortened = SHORTENED_NAMES[lower];
  if (shortened) return namespacePrefix + shortened;
  return `${namespacePrefix}${clean.replace(/[-\s]+/g, '_')}__c`;
}
