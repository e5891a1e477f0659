/**
 * The CTR as carried in the execution input: the fields the pipeline reads (the CTR upsert
 * field mapping, `DisconnectReason`, `RelatedContactId`, the
 * recordings), every one of them present (absent = null), in a fixed key order. Everything else
 * (Agent state transitions and device info, media streams, tags, segment attributes…) is dropped:
 * the input stays far below the 256 KiB limit and the execution history holds no data nobody reads.
 *
 * @example
 * ```ts
 * const input = { …, ctr: compactCtrForExecution(parseContactTraceRecord(json)) };
 * ```
 */
import type {
  ContactTraceRecord,
  CtrAgent,
  CtrEndpoint,
  CtrQueue,
  CtrRecording,
  CtrRecordingsEntry,
} from './types.js';

/** The compact CTR: same field names and types as `ContactTraceRecord`, no unknown keys. */
export type CompactCtr = {
  [K in (typeof TOP_LEVEL_FIELDS)[number]]: ContactTraceRecord[K];
} & Pick<ContactTraceRecord, 'jsonText'>;

const TOP_LEVEL_FIELDS = [
  'AWSContactTraceRecordFormatVersion',
  'AWSAccountId',
  'InstanceARN',
  'ContactId',
  'InitialContactId',
  'PreviousContactId',
  'NextContactId',
  'RelatedContactId',
  'Channel',
  'InitiationMethod',
  'InitiationTimestamp',
  'ConnectedToSystemTimestamp',
  'DisconnectTimestamp',
  'LastUpdateTimestamp',
  'TransferCompletedTimestamp',
  'DisconnectReason',
  'AgentConnectionAttempts',
  'Attributes',
  'Agent',
  'Queue',
  'CustomerEndpoint',
  'SystemEndpoint',
  'TransferredToEndpoint',
  'Recording',
  'Recordings',
] as const;

/**
 * The CTR reduced to the fields the pipeline reads, every known key present (absent ones as
 * null): keeps the execution input small and its history free of data nobody reads.
 */
export function compactCtrForExecution(ctr: ContactTraceRecord): CompactCtr {
  return {
    AWSContactTraceRecordFormatVersion: ctr.AWSContactTraceRecordFormatVersion,
    AWSAccountId: ctr.AWSAccountId,
    InstanceARN: ctr.InstanceARN,
    ContactId: ctr.ContactId,
    InitialContactId: ctr.InitialContactId,
    PreviousContactId: ctr.PreviousContactId,
    NextContactId: ctr.NextContactId,
    RelatedContactId: ctr.RelatedContactId,
    Channel: ctr.Channel,
    InitiationMethod: ctr.InitiationMethod,
    InitiationTimestamp: ctr.InitiationTimestamp,
    ConnectedToSystemTimestamp: ctr.ConnectedToSystemTimestamp,
    DisconnectTimestamp: ctr.DisconnectTimestamp,
    LastUpdateTimestamp: ctr.LastUpdateTimestamp,
    TransferCompletedTimestamp: ctr.TransferCompletedTimestamp,
    DisconnectReason: ctr.DisconnectReason,
    AgentConnectionAttempts: ctr.AgentConnectionAttempts,
    Attributes: ctr.Attributes,
    Agent: ctr.Agent === null ? null : compactAgent(ctr.Agent),
    Queue: ctr.Queue === null ? null : compactQueue(ctr.Queue),
    CustomerEndpoint: compactEndpoint(ctr.CustomerEndpoint),
    SystemEndpoint: compactEndpoint(ctr.SystemEndpoint),
    TransferredToEndpoint: compactEndpoint(ctr.TransferredToEndpoint),
    Recording: ctr.Recording === null ? null : compactRecording(ctr.Recording),
    Recordings: ctr.Recordings === null ? null : ctr.Recordings.map(compactRecordingsEntry),
    // The texts written to Attributes__c / AgentHierarchyGroup__c, when the trigger had the CTR's text.
    ...(ctr.jsonText === undefined ? {} : { jsonText: ctr.jsonText }),
  };
}

function compactAgent(agent: CtrAgent): CtrAgent {
  return {
    ARN: agent.ARN,
    Username: agent.Username,
    HierarchyGroups: agent.HierarchyGroups,
    RoutingProfile:
      agent.RoutingProfile === null
        ? null
        : { ARN: agent.RoutingProfile.ARN, Name: agent.RoutingProfile.Name },
    ConnectedToAgentTimestamp: agent.ConnectedToAgentTimestamp,
    AgentInteractionDuration: agent.AgentInteractionDuration,
    AfterContactWorkStartTimestamp: agent.AfterContactWorkStartTimestamp,
    AfterContactWorkEndTimestamp: agent.AfterContactWorkEndTimestamp,
    AfterContactWorkDuration: agent.AfterContactWorkDuration,
    CustomerHoldDuration: agent.CustomerHoldDuration,
    LongestHoldDuration: agent.LongestHoldDuration,
    NumberOfHolds: agent.NumberOfHolds,
  };
}

function compactQueue(queue: CtrQueue): CtrQueue {
  return {
    ARN: queue.ARN,
    Name: queue.Name,
    EnqueueTimestamp: queue.EnqueueTimestamp,
    DequeueTimestamp: queue.DequeueTimestamp,
    Duration: queue.Duration,
  };
}

function compactEndpoint(endpoint: CtrEndpoint | null): CtrEndpoint | null {
  return endpoint === null ? null : { Address: endpoint.Address, Type: endpoint.Type };
}

function compactRecording(recording: CtrRecording): CtrRecording {
  return {
    Location: recording.Location,
    Status: recording.Status,
    Type: recording.Type,
    DeletionReason: recording.DeletionReason,
  };
}

function compactRecordingsEntry(entry: CtrRecordingsEntry): CtrRecordingsEntry {
  return {
    Location: entry.Location,
    MediaStreamType: entry.MediaStreamType,
    ParticipantType: entry.ParticipantType,
    StorageType: entry.StorageType,
    Status: entry.Status,
    StartTimestamp: entry.StartTimestamp,
    StopTimestamp: entry.StopTimestamp,
    DeletionReason: entry.DeletionReason,
  };
}
