/**
 * The original's AC_ContactTraceRecord__c field mapping, tolerant of absent and
 * null keys: an absent top-level value is written as null, an absent or null sub-object (Agent,
 * Queue, Recording, endpoints) leaves its fields out, unknown keys are ignored.
 *
 * @example
 * ```ts
 * const fields = ctrFields(ctr, { prefix: 'amazonconnect__', region: 'eu-west-2', regionField: true, disconnectReasonField: false });
 * fields['amazonconnect__Channel__c']; // 'VOICE'
 * ```
 */
import { type CtrJsonText, ctrJsonText, readCtrJsonText } from '../../shared/ctr/ctr-json-text.js';
import type { CtrAgent } from '../../shared/ctr/types.js';
import { type PythonJsonValue, pythonJson } from '../../shared/json/python-json.js';
import { isObject } from '../../shared/values/is-object.js';

/**
 * How a CTR maps onto the org's contact trace record: namespace, region and which optional fields
 * the org's object has.
 */
export interface CtrFieldOptions {
  /** Namespace prefix (`amazonconnect__` or `''`). */
  prefix: string;
  /** Value of `Region__c` (the function's Region). */
  region: string;
  /** The org's object has `Region__c` (describe). */
  regionField: boolean;
  /** The org's object has `DisconnectReason__c` (describe). */
  disconnectReasonField: boolean;
}

type Source = Record<string, unknown>;

/** Absent → null; nested objects/arrays are not valid field values and become JSON text. */
function scalar(value: unknown): unknown {
  if (value === undefined) return null;
  if (typeof value === 'object' && value !== null) return pythonJson(value as PythonJsonValue);
  return value;
}

/**
 * `Attributes__c` and `AgentHierarchyGroup__c` in the original's JSON format: the texts the trigger
 * made from the CTR's own text (`ctr.jsonText`), else made here from the values.
 */
function salesforceJsonText(ctr: Source): CtrJsonText {
  return (
    readCtrJsonText(ctr.jsonText) ??
    ctrJsonText({
      Attributes: isObject(ctr.Attributes) ? (ctr.Attributes as Record<string, string>) : {},
      Agent: isObject(ctr.Agent) ? (ctr.Agent as unknown as CtrAgent) : null,
    })
  );
}

/** Top-level CTR keys always written (field ← CTR key). */
const ALWAYS: ReadonlyArray<readonly [string, string]> = [
  ['AWSAccountId__c', 'AWSAccountId'],
  ['AgentConnectionAttempts__c', 'AgentConnectionAttempts'],
  ['Channel__c', 'Channel'],
  ['ConnectedToSystemTimestamp__c', 'ConnectedToSystemTimestamp'],
  ['InitiationTimestamp__c', 'InitiationTimestamp'],
  ['InitialContactId__c', 'InitialContactId'],
  ['Initiation_Method__c', 'InitiationMethod'],
  ['InstanceARN__c', 'InstanceARN'],
  ['LastUpdateTimestamp__c', 'LastUpdateTimestamp'],
  ['NextContactId__c', 'NextContactId'],
  ['PreviousContactId__c', 'PreviousContactId'],
  ['DisconnectTimestamp__c', 'DisconnectTimestamp'],
];

/** Agent keys written when `Agent` is present (field ← Agent key). */
const AGENT: ReadonlyArray<readonly [string, string]> = [
  ['AfterContactWorkDuration__c', 'AfterContactWorkDuration'],
  ['AfterContactWorkEndTimestamp__c', 'AfterContactWorkEndTimestamp'],
  ['AfterContactWorkStartTimestamp__c', 'AfterContactWorkStartTimestamp'],
  ['AgentConnectedToAgentTimestamp__c', 'ConnectedToAgentTimestamp'],
  ['AgentInteractionDuration__c', 'AgentInteractionDuration'],
  ['AgentCustomerHoldDuration__c', 'CustomerHoldDuration'],
  ['AgentLongestHoldDuration__c', 'LongestHoldDuration'],
  ['AgentNumberOfHolds__c', 'NumberOfHolds'],
  ['AgentUsername__c', 'Username'],
];

const QUEUE: ReadonlyArray<readonly [string, string]> = [
  ['QueueARN__c', 'ARN'],
  ['QueueDequeueTimestamp__c', 'DequeueTimestamp'],
  ['QueueDuration__c', 'Duration'],
  ['QueueEnqueueTimestamp__c', 'EnqueueTimestamp'],
  ['QueueName__c', 'Name'],
];

const RECORDING: ReadonlyArray<readonly [string, string]> = [
  ['RecordingLocation__c', 'Location'],
  ['RecordingStatus__c', 'Status'],
  ['RecordingDeletionReason__c', 'DeletionReason'],
];

/** The upsert body for AC_ContactTraceRecord__c (without the external id, which goes in the URL). */
export function ctrFields(ctr: Source, options: CtrFieldOptions): Record<string, unknown> {
  const { prefix } = options;
  const fields: Record<string, unknown> = {};
  const put = (field: string, value: unknown): void => {
    fields[`${prefix}${field}`] = value;
  };
  const copy = (source: Source, mapping: ReadonlyArray<readonly [string, string]>): void => {
    for (const [field, key] of mapping) put(field, scalar(source[key]));
  };

  copy(ctr, ALWAYS);
  const jsonText = salesforceJsonText(ctr);
  put('Attributes__c', jsonText.attributes);

  const agent = ctr.Agent;
  if (isObject(agent)) {
    copy(agent, AGENT);
    put('AgentHierarchyGroup__c', jsonText.agentHierarchyGroups);
    const routingProfile = agent.RoutingProfile;
    if (isObject(routingProfile)) {
      put('AgentRoutingProfileARN__c', scalar(routingProfile.ARN));
      put('AgentRoutingProfileName__c', scalar(routingProfile.Name));
    }
  }
  if (isObject(ctr.CustomerEndpoint)) put('CustomerEndpointAddress__c', scalar(ctr.CustomerEndpoint.Address));
  if (isObject(ctr.Queue)) copy(ctr.Queue, QUEUE);
  if (isObject(ctr.Recording)) copy(ctr.Recording, RECORDING);
  if (isObject(ctr.SystemEndpoint)) put('SystemEndpointAddress__c', scalar(ctr.SystemEndpoint.Address));
  if (isObject(ctr.TransferredToEndpoint)) {
    put('TransferredToEndpoint__c', scalar(ctr.TransferredToEndpoint.Address));
  }
  if (ctr.TransferCompletedTimestamp)
    put('TransferCompletedTimestamp__c', scalar(ctr.TransferCompletedTimestamp));
  if (options.regionField) put('Region__c', options.region);
  if (options.disconnectReasonField) put('DisconnectReason__c', scalar(ctr.DisconnectReason));
  return fields;
}
