import type { ContactPlan, ExecutionKind } from '../../shared/ctr/execution-input.js';

/** The Payload the state machine's "Import contact trace record and recording" task sends. */
export interface ContactImportEvent {
  contactId: string;
  kind: ExecutionKind;
  plan: ContactPlan;
  ctr: Record<string, unknown>;
  /**
   * The execution ARN (`$$.Execution.Id`): the claimant of the contact's version fence, so a
   * Retry or redrive of this execution may re-claim its own lease. Absent from older definitions.
   */
  executionId?: string;
}

/**
 * What the task returns into the execution state (`$.contactImport`). Ids only, every key always
 * present (the state machine's ResultSelector reads each one).
 */
export interface ContactImportResult {
  /** Id of the AC_ContactTraceRecord__c, or null when the CTR import is not planned. */
  ctrRecordId: string | null;
  /** Id of the contact's AC_ContactChannelAnalytics__c, or null when no analytics record is planned. */
  analyticsRecordId: string | null;
  /** The planned recording's `bucket/key` in S3 (from the plan), else null. */
  recordingLocation: string | null;
  /**
   * What happened to the CTR: `imported`, `not planned`, or `superseded by <LastUpdateTimestamp>`
   * when a newer version of the contact was already written (the write is skipped, never failed).
   */
  ctrImport: string;
  /**
   * CTR fields whose text was longer than the org's field: written as null, the full text kept in
   * an attachment on the CTR record. `[]` for a contact that fits.
   */
  oversizeFields: OversizeFieldResult[];
  /** What the state machine runs next, and why the rest is skipped (see planned-branches.ts). */
  branches: PlannedBranches;
}

/** A CTR field too long for Salesforce, and the attachment holding its full text. */
export interface OversizeFieldResult {
  /** The field's API name (with namespace), e.g. `amazonconnect__Attributes__c`. */
  field: string;
  /** Characters of the text. */
  length: number;
  /** The field's length in the org. */
  limit: number;
  /** The attachment's name on the CTR record, e.g. `Attributes__c.json`. */
  attachment: string;
  /** The attachment's Id. */
  attachmentId: string | null;
}

/** A branch the state machine does not enter, with the reason (kept in the execution output). */
export interface SkippedBranch {
  status: 'notPlanned';
  reason: string;
}

/** The post-call branches after the import: planned (with their starting state) or skipped. */
export interface PlannedBranches {
  recordingUpload: { status: 'planned' } | SkippedBranch;
  /** `jobName`: `<ContactId>_<uuid>` (Transcribe names are account-wide); `polls`: the status check about to run (1 = the first). */
  transcription: { status: 'planned'; jobName: string; polls: number; waitedSeconds: number } | SkippedBranch;
  /** `looks`: how often the Contact Lens output was looked for so far. */
  contactLens: { status: 'planned'; looks: number; waitedSeconds: number } | SkippedBranch;
}

/** Settings of the contact-import function (from environment variables). */
export interface ContactImportSettings {
  /**
   * CTI Adapter namespace prefix including the `__`, from `SF_ADAPTER_NAMESPACE`. Default
   * `amazonconnect__`; `''` when the variable is blank or `-`.
   */
  namespacePrefix: string;
  /** The AWS Region written to `Region__c`, from `AWS_REGION` (required; the Lambda runtime sets it). */
  region: string;
  /**
   * The Amazon Connect instance id written to the analytics record's `InstanceId__c`, from
   * `AMAZON_CONNECT_INSTANCE_ID`. Default: unset, the field is not written.
   */
  instanceId?: string;
}
