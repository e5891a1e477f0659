/**
 * Tolerant CTR parsing (the original failed on any absent key): only `ContactId` is required; every
 * other known key defaults to `null` (`Attributes` to `{}`), a value of the wrong type becomes
 * `null` rather than failing the contact, and unknown keys are kept.
 *
 * @example
 * ```ts
 * const ctr = decodeContactTraceRecord(record.kinesis.data); // base64 → JSON → ContactTraceRecord
 * ```
 */
import { JsonSource } from '../json/json-source.js';
import { isObject } from '../values/is-object.js';
import { ctrJsonText } from './ctr-json-text.js';
import { CtrRejectedError } from './errors.js';
import type {
  ContactTraceRecord,
  CtrAgent,
  CtrEndpoint,
  CtrQueue,
  CtrRecording,
  CtrRecordingsEntry,
  CtrRoutingProfile,
} from './types.js';

type PlainObject = Record<string, unknown>;

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Decodes a Kinesis record's base64 `data` into the CTR's JSON text. Throws `CtrRejectedError`. */
export function decodeBase64Utf8(data: string): string {
  const compact = data.replace(/\s+/g, '');
  if (compact.length === 0 || compact.length % 4 !== 0 || !BASE64.test(compact)) {
    throw new CtrRejectedError('invalid-base64', 'record data is not valid base64');
  }
  try {
    return utf8.decode(Buffer.from(compact, 'base64'));
  } catch {
    throw new CtrRejectedError('invalid-utf8', 'record data is not valid UTF-8 text');
  }
}

/** Parses JSON text (a leading byte-order mark is tolerated) into a CTR. Throws `CtrRejectedError`. */
export function parseContactTraceRecordJson(text: string): ContactTraceRecord {
  let value: unknown;
  try {
    value = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (error) {
    // The engine's message quotes part of the input (possibly PII): keep only the position.
    const position = /position (\d+)/.exec((error as Error).message)?.[1];
    const where = position === undefined ? '' : ` at position ${position}`;
    throw new CtrRejectedError('invalid-json', `record data is not JSON (syntax error${where})`);
  }
  const ctr = parseContactTraceRecord(value);
  // The text is at hand only here: keep the Salesforce JSON texts in the source's key order.
  ctr.jsonText = ctrJsonText(ctr, sourceOf(text));
  return ctr;
}

function sourceOf(text: string): JsonSource | undefined {
  try {
    return JsonSource.parse(text);
  } catch {
    // JSON.parse accepted it, so this cannot happen for strict JSON; fall back to the parsed values.
    return undefined;
  }
}

/** base64 `data` of a Kinesis record → validated CTR. Throws `CtrRejectedError`. */
export function decodeContactTraceRecord(data: string): ContactTraceRecord {
  return parseContactTraceRecordJson(decodeBase64Utf8(data));
}

/** Validates an already parsed JSON value as a CTR. Throws `CtrRejectedError`. */
export function parseContactTraceRecord(value: unknown): ContactTraceRecord {
  if (!isObject(value)) {
    throw new CtrRejectedError('not-an-object', 'record data is JSON but not an object');
  }
  const contactId = value['ContactId'];
  if (typeof contactId !== 'string' || contactId.trim() === '') {
    throw new CtrRejectedError(
      'missing-contact-id',
      'record has no ContactId (string) and cannot be processed',
    );
  }
  return {
    ...value,
    ContactId: contactId.trim(),
    AWSAccountId: str(value['AWSAccountId']),
    AWSContactTraceRecordFormatVersion: str(value['AWSContactTraceRecordFormatVersion']),
    InstanceARN: str(value['InstanceARN']),
    InitialContactId: str(value['InitialContactId']),
    PreviousContactId: str(value['PreviousContactId']),
    NextContactId: str(value['NextContactId']),
    RelatedContactId: str(value['RelatedContactId']),
    Channel: str(value['Channel']),
    InitiationMethod: str(value['InitiationMethod']),
    InitiationTimestamp: str(value['InitiationTimestamp']),
    ConnectedToSystemTimestamp: str(value['ConnectedToSystemTimestamp']),
    DisconnectTimestamp: str(value['DisconnectTimestamp']),
    LastUpdateTimestamp: str(value['LastUpdateTimestamp']),
    TransferCompletedTimestamp: str(value['TransferCompletedTimestamp']),
    ScheduledTimestamp: str(value['ScheduledTimestamp']),
    DisconnectReason: str(value['DisconnectReason']),
    Attributes: attributes(value['Attributes']),
    AgentConnectionAttempts: num(value['AgentConnectionAttempts']),
    Agent: obj(value['Agent'], agent),
    Queue: obj(value['Queue'], queue),
    CustomerEndpoint: obj(value['CustomerEndpoint'], endpoint),
    SystemEndpoint: obj(value['SystemEndpoint'], endpoint),
    TransferredToEndpoint: obj(value['TransferredToEndpoint'], endpoint),
    Recording: obj(value['Recording'], recording),
    Recordings: Array.isArray(value['Recordings'])
      ? value['Recordings'].filter(isObject).map(recordingsEntry)
      : null,
  };
}

function agent(value: PlainObject): CtrAgent {
  return {
    ...value,
    ARN: str(value['ARN']),
    Username: str(value['Username']),
    HierarchyGroups: isObject(value['HierarchyGroups']) ? value['HierarchyGroups'] : null,
    RoutingProfile: obj(value['RoutingProfile'], routingProfile),
    ConnectedToAgentTimestamp: str(value['ConnectedToAgentTimestamp']),
    AgentInteractionDuration: num(value['AgentInteractionDuration']),
    AfterContactWorkStartTimestamp: str(value['AfterContactWorkStartTimestamp']),
    AfterContactWorkEndTimestamp: str(value['AfterContactWorkEndTimestamp']),
    AfterContactWorkDuration: num(value['AfterContactWorkDuration']),
    CustomerHoldDuration: num(value['CustomerHoldDuration']),
    LongestHoldDuration: num(value['LongestHoldDuration']),
    NumberOfHolds: num(value['NumberOfHolds']),
  };
}

function routingProfile(value: PlainObject): CtrRoutingProfile {
  return { ...value, ARN: str(value['ARN']), Name: str(value['Name']) };
}

function queue(value: PlainObject): CtrQueue {
  return {
    ...value,
    ARN: str(value['ARN']),
    Name: str(value['Name']),
    EnqueueTimestamp: str(value['EnqueueTimestamp']),
    DequeueTimestamp: str(value['DequeueTimestamp']),
    Duration: num(value['Duration']),
  };
}

function endpoint(value: PlainObject): CtrEndpoint {
  return { ...value, Address: str(value['Address']), Type: str(value['Type']) };
}

function recording(value: PlainObject): CtrRecording {
  return {
    ...value,
    Location: str(value['Location']),
    Status: str(value['Status']),
    Type: str(value['Type']),
    DeletionReason: str(value['DeletionReason']),
  };
}

function recordingsEntry(value: PlainObject): CtrRecordingsEntry {
  return {
    ...value,
    Location: str(value['Location']),
    MediaStreamType: str(value['MediaStreamType']),
    ParticipantType: str(value['ParticipantType']),
    StorageType: str(value['StorageType']),
    Status: str(value['Status']),
    StartTimestamp: str(value['StartTimestamp']),
    StopTimestamp: str(value['StopTimestamp']),
    DeletionReason: str(value['DeletionReason']),
  };
}

/** Connect attributes are strings; numbers/booleans are stringified, anything else is dropped. */
function attributes(value: unknown): Record<string, string> {
  const result: Record<string, string> = {};
  if (!isObject(value)) return result;
  for (const [key, item] of Object.entries(value)) {
    if (typeof item === 'string') result[key] = item;
    else if (typeof item === 'number' || typeof item === 'boolean') result[key] = String(item);
  }
  return result;
}

function str(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return null;
}

function num(value: unknown): number | null {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value)))
    return Number(value);
  return null;
}

function obj<T>(value: unknown, parse: (value: PlainObject) => T): T | null {
  return isObject(value) ? parse(value) : null;
}
