/**
 * The Amazon Connect contact trace record (CTR) as this project reads it, format version
 * `2017-03-10` (the format Amazon Connect publishes to Kinesis). Parsed tolerantly by `parseContactTraceRecord`: every known
 * key is present after parsing (absent = `null`, `Attributes` = `{}`), values of the wrong type
 * become `null`, and unknown keys (Connect adds fields over time) are kept as they came.
 *
 * @example
 * ```ts
 * const ctr: ContactTraceRecord = parseContactTraceRecord(JSON.parse(text));
 * if (ctr.Agent !== null) logger.debug('agent', { username: ctr.Agent.Username });
 * ```
 */
import type { CtrJsonText } from './ctr-json-text.js';

/** Connect's `{Address, Type}` endpoint (E.164 phone number, chat participant...). */
export interface CtrEndpoint {
  Address: string | null;
  Type: string | null;
  [key: string]: unknown;
}

/** The routing profile of the agent who handled the contact, as the CTR carries it. */
export interface CtrRoutingProfile {
  ARN: string | null;
  Name: string | null;
  [key: string]: unknown;
}

/** `Agent` is `null` when the contact never reached an agent. Durations are integer seconds. */
export interface CtrAgent {
  ARN: string | null;
  Username: string | null;
  /** Kept as Connect sent it (the CTR upsert stores it as a JSON string). */
  HierarchyGroups: Record<string, unknown> | null;
  RoutingProfile: CtrRoutingProfile | null;
  ConnectedToAgentTimestamp: string | null;
  AgentInteractionDuration: number | null;
  AfterContactWorkStartTimestamp: string | null;
  AfterContactWorkEndTimestamp: string | null;
  AfterContactWorkDuration: number | null;
  CustomerHoldDuration: number | null;
  LongestHoldDuration: number | null;
  NumberOfHolds: number | null;
  [key: string]: unknown;
}

/** `Queue` is `null` when the contact was never queued. */
export interface CtrQueue {
  ARN: string | null;
  Name: string | null;
  EnqueueTimestamp: string | null;
  DequeueTimestamp: string | null;
  Duration: number | null;
  [key: string]: unknown;
}

/** Legacy single recording. `Location` is `bucket/key` without `s3://`. */
export interface CtrRecording {
  Location: string | null;
  Status: string | null;
  Type: string | null;
  DeletionReason: string | null;
  [key: string]: unknown;
}

/** One entry of the newer `Recordings` array (many subfields may be null). */
export interface CtrRecordingsEntry {
  Location: string | null;
  MediaStreamType: string | null;
  ParticipantType: string | null;
  StorageType: string | null;
  Status: string | null;
  StartTimestamp: string | null;
  StopTimestamp: string | null;
  DeletionReason: string | null;
  [key: string]: unknown;
}

/**
 * An Amazon Connect contact trace record after validation: only `ContactId` is required, every
 * other known field is present (null when Connect sent none) and unknown fields are kept.
 */
export interface ContactTraceRecord {
  /** The only required field (a record without it is dead-lettered). */
  ContactId: string;
  AWSAccountId: string | null;
  AWSContactTraceRecordFormatVersion: string | null;
  InstanceARN: string | null;
  InitialContactId: string | null;
  PreviousContactId: string | null;
  NextContactId: string | null;
  RelatedContactId: string | null;
  /** `VOICE`, `CHAT`, `TASK`, `EMAIL`... (open string). */
  Channel: string | null;
  /** `INBOUND`, `OUTBOUND`, `TRANSFER`, `CALLBACK`, `API`... (open string). */
  InitiationMethod: string | null;
  InitiationTimestamp: string | null;
  ConnectedToSystemTimestamp: string | null;
  DisconnectTimestamp: string | null;
  /** Orders the versions Connect publishes for one contact. */
  LastUpdateTimestamp: string | null;
  TransferCompletedTimestamp: string | null;
  ScheduledTimestamp: string | null;
  /** Open string; may be null. */
  DisconnectReason: string | null;
  /** User-defined contact attributes, string values only (`{}` when absent). */
  Attributes: Record<string, string>;
  AgentConnectionAttempts: number | null;
  Agent: CtrAgent | null;
  Queue: CtrQueue | null;
  CustomerEndpoint: CtrEndpoint | null;
  SystemEndpoint: CtrEndpoint | null;
  TransferredToEndpoint: CtrEndpoint | null;
  Recording: CtrRecording | null;
  Recordings: CtrRecordingsEntry[] | null;
  /**
   * Not a Connect field: the Salesforce JSON texts made from the record's own text by the trigger
   * (`ctr-json-text.ts`). Absent when the CTR was parsed from a value rather than from text.
   */
  jsonText?: CtrJsonText;
  /** Unknown (newer) fields are kept untouched. */
  [key: string]: unknown;
}
