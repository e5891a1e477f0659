/**
 * The contract between the Kinesis trigger and `statemachines/post-call.asl.json`: the input of
 * one post-call execution. Kept small (the Step Functions payload limit is 256 KB): the CTR
 * itself is carried because Connect caps it far below that, transcripts and analyses never are.
 *
 * @example
 * ```json
 * { "contactId": "5c0b…", "lastUpdateTimestamp": "2026-11-28T10:00:05Z", "kind": "full",
 *   "plan": { "ctrImport": true, "recordingImport": true, "redactedRecording": false,
 *             "recordingUpload": false, "transcription": null, "contactLens": false },
 *   "ctr": { "ContactId": "5c0b…", … } }
 * ```
 */

/** What the execution does for its contact (computed by the trigger from switches and attributes). */
export interface ContactPlan {
  /** Upsert AC_ContactTraceRecord__c. */
  ctrImport: boolean;
  /** Create the contact's AC_ContactChannelAnalytics__c with the recording path. */
  recordingImport: boolean;
  /** Redacted variant: the analytics record is created without a path (Contact Lens fills it later). */
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
}

/** `full` runs every planned branch; `ctrRefresh` only re-upserts the CTR of a newer version. */
export type ExecutionKind = 'full' | 'ctrRefresh';

export interface PostCallExecutionInput {
  contactId: string;
  /** The CTR's LastUpdateTimestamp: orders versions of one contact. */
  lastUpdateTimestamp: string;
  kind: ExecutionKind;
  plan: ContactPlan;
  /** The contact record as Connect published it (validated, unknown fields kept). */
  ctr: Record<string, unknown>;
}
