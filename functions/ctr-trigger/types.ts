/**
 * Types of the Kinesis trigger: its settings, injected dependencies and per-record outcomes.
 *
 * @example
 * ```ts
 * const outcomes: RecordOutcome[] = await handleKinesisBatch(event, { sfn, sqs, settings });
 * for (const o of outcomes) if (o.status === 'started') console.log(o.executionName, o.kind);
 * ```
 */
import type { Logger } from '@aws-lambda-powertools/logger';
import type { SFNClient } from '@aws-sdk/client-sfn';
import type { SQSClient } from '@aws-sdk/client-sqs';
import type { ContactVersionFence } from '../../shared/contact-versions/version-fence.js';
import type { CtrRejectReason } from '../../shared/ctr/errors.js';
import type { ExecutionKind, PostCallExecutionInput } from '../../shared/ctr/execution-input.js';
import type { PostCallSwitches } from '../../shared/ctr/switches.js';
import type { PayloadReference } from '../../shared/payloads/payload-reference.js';
import type { PayloadWriter } from '../../shared/payloads/payload-writer.js';

/** The trigger's settings, read by `readCtrTriggerSettings`. */
export interface CtrTriggerSettings {
  /** POSTCALL_STATE_MACHINE_ARN. */
  stateMachineArn: string;
  /** CTR_DLQ_URL: where records that can never succeed are parked. */
  deadLetterQueueUrl: string;
  /** The package switches (before `availableBranches` is applied). */
  switches: PostCallSwitches;
  /**
   * Branches the deployed state machine implements. A switched-on branch that is not available is
   * never planned, whatever the switches say.
   */
  availableBranches: { transcription: boolean; contactLens: boolean };
  /** Bound on concurrent StartExecution/DescribeExecution/SendMessage calls (CTR_TRIGGER_MAX_CONCURRENCY, default 25). */
  maxConcurrency: number;
  /**
   * The contact version table (CONTACT_VERSION_TABLE). Unset (the default, and every offline run
   * without DynamoDB): no fence, every version is started and the import alone enforces the order.
   */
  contactVersionTable?: string;
  /**
   * The payload bucket (CONTACT_PAYLOAD_BUCKET, set by the stack). Unset: a CTR too large for the
   * execution input is dead-lettered, and a dead letter too large for SQS is retried (the event
   * source mapping's on-failure record then locates it in the stream).
   */
  payloadBucket?: string;
}

/** The metric sink (Powertools `Metrics` fits). */
export interface TriggerMetrics {
  addMetric(name: string, unit: 'Count', value: number): void;
}

/**
 * What the trigger's logic works with; the handler builds them, tests and local runs inject their
 * own.
 */
export interface CtrTriggerDependencies {
  sfn: SFNClient;
  sqs: SQSClient;
  /** The contact version fence (CONTACT_VERSION_TABLE): superseded versions are skipped up front. */
  fence?: ContactVersionFence;
  /**
   * The payload bucket (CONTACT_PAYLOAD_BUCKET): CTRs too large for an execution input and
   * dead-letter data too large for an SQS message are stored there and passed by key.
   */
  payloads?: Pick<PayloadWriter, 'put'>;
  settings: CtrTriggerSettings;
  logger?: Logger;
  metrics?: TriggerMetrics;
  /** Clock for the dead-letter message's `deadLetteredAt` (tests pin it). */
  now?: () => Date;
}

interface OutcomeBase {
  /** The Kinesis sequence number (the batch item identifier). */
  sequenceNumber: string;
}

/** An execution was started (or StartExecution returned the running one for the same name and input). */
export interface StartedOutcome extends OutcomeBase {
  status: 'started';
  contactId: string;
  kind: ExecutionKind;
  executionName: string;
  executionArn: string;
  /** The input as built, with the contact's compact CTR (also when the CTR was stored, see `storedCtr`). */
  input: PostCallExecutionInput;
  /** Where the CTR was stored when the input would have exceeded the Step Functions limit. */
  storedCtr?: PayloadReference;
}

/** Why a record was skipped without starting anything. */
export type SkipReasonCode =
  /** The plan selected no branch. */
  | 'nothing-to-do'
  /** A newer (or the same, later delivered) version of the contact is in this batch. */
  | 'superseded-in-batch'
  /** The full execution exists and was started with this very version. */
  | 'already-processed'
  /** A newer version of the contact was already written or started: `reason` names it. */
  | 'superseded'
  /** The refresh execution of this version exists already. */
  | 'refresh-already-started'
  /** A newer version of a processed contact whose plan has no CTR import. */
  | 'refresh-not-planned';

/** Nothing to start; `reason` says why (logged at DEBUG/INFO). */
export interface SkippedOutcome extends OutcomeBase {
  status: 'skipped';
  contactId: string;
  code: SkipReasonCode;
  reason: string;
  /** The execution that already covers this record, when there is one. */
  executionName?: string;
}

/** Why a record was parked on the dead-letter queue. */
export type DeadLetterReason = CtrRejectReason | 'execution-input-rejected';

/** Parked on the dead-letter queue: can never succeed, does not block the shard. */
export interface DeadLetteredOutcome extends OutcomeBase {
  status: 'deadLettered';
  reason: DeadLetterReason;
  detail: string;
  /** The record's `data` exactly as delivered (base64). */
  data: string;
  /** Where the data was stored because the message would have exceeded SQS's limit. */
  dataStoredIn?: PayloadReference;
  contactId?: string;
}

/** Reported as a batch item failure: Lambda re-delivers the record. */
export interface RetryOutcome extends OutcomeBase {
  status: 'retry';
  reason: string;
  contactId?: string;
  /** The AWS error name, e.g. `ThrottlingException`. */
  errorName?: string;
}

/** What became of one record of the batch: started, skipped, dead-lettered or to retry. */
export type RecordOutcome = StartedOutcome | SkippedOutcome | DeadLetteredOutcome | RetryOutcome;
