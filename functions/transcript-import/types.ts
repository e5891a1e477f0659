/**
 * Types of the transcript import: the Amazon Transcribe output file, the segments attached to
 * the analytics record, and the task input the state machine sends (with the Transcribe job
 * typed by the SDK's own types).
 */
import type { GetTranscriptionJobResponse, TranscriptionJob } from '@aws-sdk/client-transcribe';

/** One alternative of a Transcribe item. Transcribe writes numbers as strings. */
export interface TranscribeAlternative {
  confidence: string;
  content: string;
}

/** A word (`pronunciation`, with times) or a punctuation mark (no times). */
export interface TranscribeItem {
  type: 'pronunciation' | 'punctuation' | string;
  start_time?: string;
  end_time?: string;
  alternatives: TranscribeAlternative[];
  channel_label?: string;
}

/** One channel of a Transcribe output: its label and recognised items. */
export interface TranscribeChannel {
  channel_label: string;
  items: TranscribeItem[];
}

/** The `<job>.json` document Transcribe writes to the output bucket. */
export interface TranscribeOutput {
  jobName?: string;
  status?: string;
  results: {
    transcripts?: Array<{ transcript: string }>;
    channel_labels?: { number_of_channels?: number; channels: TranscribeChannel[] };
    items?: TranscribeItem[];
  };
}

/**
 * One line of `CustomerTranscripts.json` / `AgentTranscripts.json`, the shape the Salesforce
 * analytics page reads (kept from the original: seconds as numbers, `end_time` of the first word).
 */
export interface TranscriptSegment {
  start_time: number;
  end_time: number;
  content: string;
}

/** Both sides of the call (Connect records the customer on channel 0, the agent on channel 1). */
export interface ChannelTranscripts {
  customer: TranscriptSegment[];
  agent: TranscriptSegment[];
}

/** Comprehend analyses a contact can ask for (`postcallTranscribeComprehendAnalysis`). */
export type ComprehendAnalysisCode = 'snt' | 'kw' | 'dl' | 'ne' | 'syn';

/** One `{text: "<TAG>:<word>", size: n}` entry of `ComprehendSyntax.json`. */
export interface SyntaxTokenCount {
  text: string;
  size: number;
}

/** Combined Comprehend results over every chunk of the customer's text (absent = not computed). */
export interface ComprehendResults {
  /** `"<SENTIMENT>, <score>"`, e.g. `"NEGATIVE, 0.81"`. */
  sentiment?: string;
  /** Comma-separated distinct key phrases. */
  keywords?: string;
  /** Language code, e.g. `en`. */
  dominantLanguage?: string;
  /** Comma-separated distinct `text:TYPE` entities. */
  namedEntities?: string;
  syntax?: SyntaxTokenCount[];
}

/** Where an S3 object lives. */
export interface S3Location {
  bucket: string;
  key: string;
}

/** "Import transcript": the COMPLETED job's transcript → Comprehend → analytics record. */
export interface ImportTranscriptRequest {
  action: 'importTranscript';
  contactId: string;
  analyticsRecordId: string;
  /** Where Transcribe wrote the output (the state machine chose the key). */
  transcript: S3Location;
  /** Transcribe language, e.g. `en-US` (Comprehend uses `en`). */
  languageCode: string;
  /** Analyses to run; unknown codes are ignored with a warning. */
  comprehendAnalyses?: string[];
}

/**
 * A Transcribe job as the state machine holds it: the SDK's `TranscriptionJob`, its timestamps
 * as text (the state is JSON).
 */
export type TranscriptionJobState = Omit<
  TranscriptionJob,
  'CreationTime' | 'StartTime' | 'CompletionTime'
> & {
  CreationTime?: string;
  StartTime?: string;
  CompletionTime?: string;
};

/** `getTranscriptionJob`'s (and `startTranscriptionJob`'s) answer as the state machine holds it. */
export type TranscriptionJobResult = Omit<GetTranscriptionJobResponse, 'TranscriptionJob'> & {
  TranscriptionJob?: TranscriptionJobState;
};

/** The transcription branch's state (`$.transcription`), handed to "Record transcription failure". */
export interface TranscriptionBranchState {
  jobName?: string;
  polls?: number;
  maxPolls?: number;
  waitSeconds?: number;
  /** Seconds waited so far (the branch stops at its waiting budget). */
  waitedSeconds?: number;
  /** The last `getTranscriptionJob` answer. */
  job?: TranscriptionJobResult;
  /** The error caught when starting or checking the job (`Transcribe.ConflictException`...). */
  error?: { Error?: string; Cause?: string };
}

/** "Record transcription failure": the job FAILED, could not start, or polling ran out. */
export interface RecordTranscriptionFailureRequest {
  action: 'recordTranscriptionFailure';
  contactId: string;
  analyticsRecordId: string;
  jobName?: string;
  /** The branch state holding the last job status / the caught error (small). */
  transcription: TranscriptionBranchState;
}

/** The transcript import's task input: import the transcript, or record why there is none. */
export type TranscriptImportRequest = ImportTranscriptRequest | RecordTranscriptionFailureRequest;

/** What the task returns to the state machine (small: no transcript text). */
export interface ImportTranscriptResult {
  contactId: string;
  analyticsRecordId: string;
  customerSegments: number;
  agentSegments: number;
  analyses: ComprehendAnalysisCode[];
  comprehendCalls: number;
  attachments: string[];
  salesforceCalls: number;
}

/** What recording a transcription failure wrote, and the reason the state machine reports. */
export interface RecordTranscriptionFailureResult {
  contactId: string;
  analyticsRecordId: string;
  status: 'FAILED' | 'TIMED_OUT' | 'ERROR';
  /** Becomes the Cause of the "Transcription failed" state after the Parallel. */
  reason: string;
  salesforceCalls: number;
}

/** Settings of the transcript import (from environment variables). */
export interface TranscriptImportSettings {
  /**
   * CTI Adapter namespace prefix including the `__`, from `SF_ADAPTER_NAMESPACE`. Default
   * `amazonconnect__`; `''` when the variable is blank or `-`.
   */
  namespacePrefix: string;
}
