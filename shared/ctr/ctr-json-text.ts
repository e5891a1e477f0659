/**
 * The JSON text that the CTR import writes to `Attributes__c` and `AgentHierarchyGroup__c`, made
 * from the CTR's own text where the trigger has it. Reports, formulas and Apex match on the text the
 * original package wrote (Python `json.dumps`: keys in the order Connect sent them, `", "`/`": "`
 * separators, non-ASCII as `\uXXXX`), and that order is lost once the CTR has been through
 * `JSON.parse` (integer-like keys move first) and the canonical execution input (keys sorted). So the
 * trigger serialises these two values from the Kinesis record's text and the text travels in the
 * execution input as `ctr.jsonText`.
 *
 * An agent without hierarchy groups (null, absent or `{}`) gives null: the original wrote the
 * four-character string `"null"` for a null group.
 *
 * @example
 * ```ts
 * ctrJsonText(ctr, JsonSource.parse('{"ContactId": "c", "Attributes": {"zeta": "1", "alpha": "café"}}'));
 * // { attributes: '{"zeta": "1", "alpha": "caf\\u00e9"}', agentHierarchyGroups: null }
 * ```
 */
import type { JsonSource } from '../json/json-source.js';
import { type PythonJsonValue, pythonJson } from '../json/python-json.js';
import { isObject } from '../values/is-object.js';
import type { ContactTraceRecord } from './types.js';

/**
 * The CTR's two JSON-valued fields as the text the CTR import writes to Salesforce, serialised
 * from the record's own text so key order and number text match what the original package wrote.
 */
export interface CtrJsonText {
  /** `Attributes__c`: the contact attributes (`{}` when there are none). */
  attributes: string;
  /** `AgentHierarchyGroup__c`: the agent's hierarchy groups, or null when there are none. */
  agentHierarchyGroups: string | null;
}

/**
 * The two texts, from `source` (the CTR's parsed text) where it holds the value, else from the
 * parsed CTR (whose key order may already be lost).
 */
export function ctrJsonText(
  ctr: Pick<ContactTraceRecord, 'Attributes' | 'Agent'>,
  source?: JsonSource,
): CtrJsonText {
  const attributesSource = source?.get('Attributes');
  const groupsSource = source?.get('Agent', 'HierarchyGroups');
  const groups = ctr.Agent?.HierarchyGroups;
  return {
    attributes:
      attributesSource?.kind === 'object' ? pythonJson(attributesSource) : pythonJson(ctr.Attributes ?? {}),
    agentHierarchyGroups:
      groupsSource?.kind === 'object'
        ? groupsSource.isEmpty
          ? null
          : pythonJson(groupsSource)
        : isNonEmptyObject(groups)
          ? pythonJson(groups as PythonJsonValue)
          : null,
  };
}

/** `value` when it has the shape of a {@link CtrJsonText} (it comes from an execution input), else undefined. */
export function readCtrJsonText(value: unknown): CtrJsonText | undefined {
  if (!isObject(value)) return undefined;
  const { attributes, agentHierarchyGroups } = value;
  if (typeof attributes !== 'string') return undefined;
  if (agentHierarchyGroups !== null && typeof agentHierarchyGroups !== 'string') return undefined;
  return { attributes, agentHierarchyGroups };
}

function isNonEmptyObject(value: unknown): boolean {
  return isObject(value) && Object.keys(value).length > 0;
}
