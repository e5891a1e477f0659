/**
 * Types of the Contact Lens import: the post-call analysis file Amazon Connect writes (every
 * block optional, since chat files and older versions lack some), the transcript attachment, and
 * the two entry points' inputs.
 */
import type { JsonSource } from '../../shared/json/json-source.js';
import type { PythonJsonValue } from '../../shared/json/python-json.js';

/**
 * One turn of a Contact Lens transcript: who spoke, when (offsets for voice, absolute time for
 * chat), what, and its sentiment.
 */
export interface ContactLensTurn {
  Id?: string;
  ParticipantId?: string;
  ParticipantRole?: string;
  BeginOffsetMillis?: number;
  EndOffsetMillis?: number;
  /** Chat turns carry an absolute time instead of offsets. */
  AbsoluteTime?: string;
  Content?: string;
  Sentiment?: string;
  LoudnessScore?: number[] | number;
  IssuesDetected?: unknown[];
  Redaction?: unknown;
}

/** The sentiment score of one period of the conversation. */
export interface PeriodScore {
  BeginOffsetMillis?: number;
  EndOffsetMillis?: number;
  Score?: number;
}

/** A value per participant role (agent, customer). */
export type ByRole<T> = Partial<Record<'AGENT' | 'CUSTOMER', T>> & Record<string, T | undefined>;

/** A Contact Lens analysis file, as much of it as the import reads; every block is optional. */
export interface ContactLensAnalysis {
  Version?: string;
  Channel?: string;
  JobStatus?: string;
  CustomerMetadata?: { ContactId?: string; InstanceId?: string; InputS3Uri?: string };
  Participants?: Array<{ ParticipantId?: string; ParticipantRole?: string }>;
  Categories?: { MatchedCategories?: string[]; MatchedDetails?: Record<string, unknown> };
  ConversationCharacteristics?: {
    Sentiment?: {
      OverallSentiment?: ByRole<number>;
      SentimentByPeriod?: { QUARTER?: ByRole<PeriodScore[]> };
    };
    Interruptions?: {
      TotalCount?: number;
      TotalTimeMillis?: number;
      InterruptionsByInterrupter?: ByRole<unknown[]>;
    };
    NonTalkTime?: { TotalTimeMillis?: number };
    TalkSpeed?: { DetailsByParticipant?: ByRole<{ AverageWordsPerMinute?: number }> };
    TalkTime?: { TotalTimeMillis?: number; DetailsByParticipant?: ByRole<{ TotalTimeMillis?: number }> };
  };
  Transcript?: ContactLensTurn[];
}

/** One entry of `ContactLensTranscripts.json` (the original's shape, read by the analytics page). */
export interface ContactLensTranscriptEntry {
  id: string | null;
  participantId: string | null;
  /** Numbers are the analysis file's own (a {@link JsonSource} keeps `5000.0` as written). */
  beginOffsetMillis: number | JsonSource | null;
  endOffsetMillis: number | JsonSource | null;
  content: string;
  sentiment: string | null;
  loudness_score: PythonJsonValue;
  issues_detected?: PythonJsonValue;
  redaction?: PythonJsonValue;
  participantRole?: string;
  absoluteTime?: string;
}

/** Customer sentiment shape over the call's quarters, as the original wrote it. */
export type SentimentCurve = 'S' | 'Z' | 'Other';

/**
 * "Look for and import Contact Lens analysis": one look for the contact's analysis file, and its
 * import when found. The state machine waits between looks and counts them through this task.
 */
export interface ContactLensLookRequest {
  contactId: string;
  analyticsRecordId: string;
  /** ConnectRecordingS3BucketName. */
  bucket: string;
  /** The CTR's Channel (`VOICE`, `CHAT`): chat analyses live under `Analysis/Chat/`. */
  channel: string;
  /** The CTR's Agent.ConnectedToAgentTimestamp: Contact Lens dates its folders by it. */
  connectedToAgentTimestamp: string;
  /** `postcallRedactedRecordingImportEnabled`: prefer the redacted analysis, store the redacted recording path. */
  redactedRecordingImport: boolean;
  /** Looks made before this one. */
  looks: number;
  /** ContactLensMaxPolls: after this many looks without a file the branch ends as `noAnalysis`. */
  maxLooks: number;
  /** Seconds the branch has waited, this look's wait included (counted by the state machine). */
  waitedSeconds: number;
  /** The state machine's waiting budget: at this many seconds the branch ends as `noAnalysis` too. */
  maxWaitedSeconds: number;
}

/** What one look did; every key always present (the state machine's ResultSelector reads each). */
export interface ContactLensLookResult {
  /** `notYet`: look again after the wait; `noAnalysis`: the last look found nothing. */
  status: 'imported' | 'notYet' | 'noAnalysis';
  /** Looks made so far, this one included. */
  looks: number;
  /** The request's waitedSeconds, kept in the state for the next look. */
  waitedSeconds: number;
  analysisKey: string | null;
  transcriptTurns: number | null;
}

/** One analysis file to import into the contact's analytics record. */
export interface ImportContactLensRequest {
  contactId: string;
  analyticsRecordId: string;
  bucket: string;
  key: string;
  redactedRecordingImport: boolean;
}

/**
 * What one import wrote: the analysis used, the fields set, the transcript turns and the Salesforce
 * calls it cost.
 */
export interface ImportContactLensResult {
  contactId: string;
  analyticsRecordId: string;
  analysisKey: string;
  fields: string[];
  transcriptTurns: number;
  salesforceCalls: number;
}

/** What an S3 event record says about one new object. */
export interface S3ObjectReference {
  bucket: string;
  /** Decoded key (`+` as space, then percent-decoding). */
  key: string;
}

/** Settings of the Contact Lens import (from environment variables). */
export interface ContactLensImportSettings {
  /**
   * CTI Adapter namespace prefix including the `__`, from `SF_ADAPTER_NAMESPACE`. Default
   * `amazonconnect__`; `''` when the variable is blank or `-`.
   */
  namespacePrefix: string;
  /**
   * The Amazon Connect instance id, from `AMAZON_CONNECT_INSTANCE_ID`. Default: unset, the
   * instance id in the analysis file is used (and files of another instance are not refused).
   */
  instanceId: string | undefined;
  /**
   * Whether an S3-notification invocation imports anything, from `CONTACT_LENS_IMPORT_ENABLED`.
   * Default `false`: S3 events are acknowledged and ignored. State-machine invocations always import.
   */
  s3EventImportEnabled: boolean;
}
