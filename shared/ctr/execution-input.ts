/**
 * The contract between the Kinesis trigger and `statemachines/post-call.asl.json`: the input of
 * one post-call execution. Kept small (the Step Functions payload limit is 256 KB): the CTR
 * itself is carried unless it would not fit (then it is passed by key, see execution-ctr.ts),
 * transcripts and analyses never are.
 *
 * @example
 * ```json
 * { "contactId": "5c0b…", "lastUpdateTimestamp": "2026-11-28T10:00:05Z", "kind": "full",
 *   "plan": { "ctrImport": true, "recordingImport": true, "redactedRecording": false,
 *             "recordingUpload": false, "transcription": null, "contactLens": false,
 *             "recordingLocation": "bucket/connect/…/5c0b…_20261128T10:00_UTC.wav" },
 *   "ctr": { "ContactId": "5c0b…", … } }
 * ```
 */

/** What the execution does for its contact (computed by the trigger from switches and attributes). */
export interface ContactPlan {
  /** Upsert AC_ContactTraceRecord__c. */
  ctrImport: boolean;
  /**
   * Create the contact's AC_ContactChannelAnalytics__c (exactly once), with the recording path
   * unless `redactedRecording`. True for both variants.
   */
  recordingImport: boolean;
  /**
   * Redacted variant (only together with `recordingImport`): the analytics record is created
   * without a path (Contact Lens fills it later). Never true when `recordingImport` is false.
   */
  redactedRecording: boolean;
  /** Also upload the audio as a ContentVersion linked to the analytics record (RecordingUploadEnabled). */
  recordingUpload: boolean;
  /** Transcribe + Comprehend, or null when not planned. */
  transcription: null | {
    languageCode: string;
    /** Subset of `snt`, `kw`, `dl`, `ne`, `syn`. */
    comprehendAnalyses: string[];
  };
  /** Import the Contact Lens analysis file. */
  contactLens: boolean;
  /**
   * The S3 recording (`bucket/key`, no `s3://`) chosen by the trigger: `Recording.Location`, or the
   * first available S3 audio entry of `Recordings` when the legacy field is null. Non-null whenever
   * `recordingImport` or `transcription` is planned; use it rather than re-reading the CTR.
   * (Added by the trigger helper; optional only so that older literals still type-check.)
   */
  recordingLocation?: string | null;
}

/** `full` runs every planned branch; `ctrRefresh` only re-upserts the CTR of a newer version. */
export type ExecutionKind = 'full' | 'ctrRefresh';

/**
 * The input of one post-call Step Functions execution: the contact, the version it carries, which
 * branches to run and the compacted CTR they read.
 */
export interface PostCallExecutionInput {
  contactId: string;
  /** The CTR's LastUpdateTimestamp as published: orders versions of one contact ('' when absent). */
  lastUpdateTimestamp: string;
  kind: ExecutionKind;
  plan: ContactPlan;
  /**
   * The contact record as Connect published it, validated and reduced to the fields the pipeline
   * reads (`compactCtrForExecution` in shared/ctr/compact-ctr.ts: everything the CTR upsert maps,
   * `DisconnectReason`, the recordings; every known key present, absent ones as null). Other
   * fields (Agent state transitions, media streams, tags…) are dropped to keep the input small and
   * the execution history free of data nobody reads. When the input would still exceed 256 KiB
   * (very large attributes), this is a `StoredCtr` instead: the key of the compact CTR in the
   * payload bucket and the fields the state machine reads itself (see execution-ctr.ts); read
   * it through `readExecutionCtr`.
   */
  ctr: Record<string, unknown>;
}
