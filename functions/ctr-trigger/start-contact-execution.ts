/**
 * Starts the post-call execution of one contact (the newest record of it in the batch) and turns
 * every Step Functions answer into an outcome:
 *
 * - The full execution is named by the ContactId. StartExecution is idempotent for the same name
 *   and byte-identical input while the execution runs; otherwise it answers
 *   `ExecutionAlreadyExists` (Step Functions keeps a Standard execution's name for 90 days after it
 *   closes), which means "already processed".
 * - A version older than the newest one already written to Salesforce (the contact version fence,
 *   one DynamoDB read) or than the one the full execution started with is skipped as
 *   `superseded`, naming the newer version. The fence in the import is what guarantees the order;
 *   this read only saves starting an execution that would be superseded anyway.
 * - Then, if this record is newer than the version the existing execution was started with (read
 *   from its input via DescribeExecution), a `ctrRefresh` execution named
 *   `<ContactId>-<version>` re-upserts the CTR. Its own `ExecutionAlreadyExists` means the refresh
 *   of this version exists: skip.
 * - An input over the Step Functions limit (a CTR with very large attributes) is not refused: the
 *   CTR is stored in the payload bucket and the input carries its key (`shared/ctr/execution-ctr.ts`),
 *   under a content-hash key, so a redelivery sends the very same input.
 * - Throttling, service errors and a failed payload put → retry (batch item failure).
 *   `InvalidExecutionInput` can never succeed → dead-letter.
 *
 * @example
 * ```ts
 * const result = await startContactExecution(ctr, sequenceNumber, { sfn, settings, logger });
 * ```
 */
import type { Logger } from '@aws-lambda-powertools/logger';
import { DescribeExecutionCommand, type SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import type { ContactVersionFence } from '../../shared/contact-versions/version-fence.js';
import { fenceVersion } from '../../shared/contact-versions/version-fence.js';
import { buildExecutionInput } from '../../shared/ctr/build-execution-input.js';
import { compareCtrTimestamps } from '../../shared/ctr/ctr-version.js';
import { executionInputText } from '../../shared/ctr/execution-ctr.js';
import type { ContactPlan, ExecutionKind, PostCallExecutionInput } from '../../shared/ctr/execution-input.js';
import { fullExecutionName, refreshExecutionName } from '../../shared/ctr/execution-name.js';
import {
  ctrRefreshPlan,
  describeReasons,
  isEmptyPlan,
  planContactWithReasons,
} from '../../shared/ctr/plan.js';
import type { PostCallSwitches } from '../../shared/ctr/switches.js';
import type { ContactTraceRecord } from '../../shared/ctr/types.js';
import { logFailure } from '../../shared/logging/error-summary.js';
import type { PayloadReference } from '../../shared/payloads/payload-reference.js';
import type { PayloadWriter } from '../../shared/payloads/payload-writer.js';
import { executionArnFor } from '../../shared/step-functions/start-execution-rules.js';
import { isObject } from '../../shared/values/is-object.js';
import type { CtrTriggerSettings, RetryOutcome, SkippedOutcome, StartedOutcome } from './types.js';

/** What starting a contact's execution needs. */
export interface StartContactDependencies {
  sfn: SFNClient;
  settings: CtrTriggerSettings;
  logger?: Logger;
  /** The contact version fence, read to skip superseded versions before starting anything. */
  fence?: ContactVersionFence;
  /** Where a CTR too large for the execution input is stored (without one, such a record is dead-lettered). */
  payloads?: Pick<PayloadWriter, 'put'>;
}

/** The execution input was refused for good (e.g. too large): the record is dead-lettered. */
export interface RejectedInputResult {
  status: 'inputRejected';
  sequenceNumber: string;
  contactId: string;
  detail: string;
}

/** The outcome of starting one contact's execution. */
export type ContactStartResult = StartedOutcome | SkippedOutcome | RetryOutcome | RejectedInputResult;

/** Errors of StartExecution that no retry can fix for this record. */
const INPUT_REJECTED_ERRORS = new Set(['InvalidExecutionInput']);

/**
 * Starts the post-call execution of a contact's newest record: the full execution named by the
 * ContactId, or a CTR refresh when a newer version arrives after it. An older version is skipped
 * as superseded; throttling, service errors and a failed fence read become `retry`.
 */
export async function startContactExecution(
  ctr: ContactTraceRecord,
  sequenceNumber: string,
  deps: StartContactDependencies,
): Promise<ContactStartResult> {
  const { settings, logger } = deps;
  const contactId = ctr.ContactId;
  const { plan, reasons } = planContactWithReasons(ctr, effectiveSwitches(settings));
  if (isEmptyPlan(plan)) {
    const reason = `nothing to do: ${describeReasons(reasons)}`;
    logger?.debug('Contact skipped', { contactId, sequenceNumber, reason });
    return { status: 'skipped', sequenceNumber, contactId, code: 'nothing-to-do', reason };
  }

  const fullName = fullExecutionName(contactId);
  const full = await tryStart(deps, fullName, buildExecutionInput(ctr, plan, 'full'));
  if (full.status === 'started') return started(full, sequenceNumber, contactId, 'full', fullName, logger);
  if (full.status !== 'exists') return failure(full, sequenceNumber, contactId, fullName, logger);

  // The full execution exists (closed, or running with another version's input).
  if (deps.fence) {
    let written: Awaited<ReturnType<ContactVersionFence['written']>>;
    try {
      written = await deps.fence.written(contactId);
    } catch (error) {
      return retry(error, sequenceNumber, contactId, 'reading the contact version fence failed', logger);
    }
    if (written && written.version > fenceVersion(ctr.LastUpdateTimestamp)) {
      return superseded(sequenceNumber, contactId, written.lastUpdateTimestamp, fullName, logger);
    }
  }
  let existingVersion: string | null;
  try {
    existingVersion = await startedVersionOf(deps, fullName);
  } catch (error) {
    return retry(error, sequenceNumber, contactId, `DescribeExecution ${fullName} failed`, logger);
  }
  const order = compareCtrTimestamps(ctr.LastUpdateTimestamp, existingVersion);
  if (order < 0) return superseded(sequenceNumber, contactId, existingVersion, fullName, logger);
  if (order === 0) {
    const reason = `already processed by execution ${fullName} (started with version ${existingVersion || 'unknown'})`;
    logger?.info('Contact already processed', { contactId, sequenceNumber, executionName: fullName });
    return {
      status: 'skipped',
      sequenceNumber,
      contactId,
      code: 'already-processed',
      reason,
      executionName: fullName,
    };
  }

  const refreshName = refreshExecutionName(contactId, ctr.LastUpdateTimestamp);
  if (!plan.ctrImport || refreshName === null) {
    const reason = `newer version ${ctr.LastUpdateTimestamp} of a processed contact, but its plan has no CTR import`;
    logger?.debug('Contact refresh not planned', { contactId, sequenceNumber, reason });
    return {
      status: 'skipped',
      sequenceNumber,
      contactId,
      code: 'refresh-not-planned',
      reason,
      executionName: fullName,
    };
  }
  const refresh = await tryStart(deps, refreshName, buildExecutionInput(ctr, ctrRefreshPlan(), 'ctrRefresh'));
  if (refresh.status === 'started') {
    return started(refresh, sequenceNumber, contactId, 'ctrRefresh', refreshName, logger);
  }
  if (refresh.status === 'exists') {
    const reason = `CTR refresh ${refreshName} of this version already exists`;
    logger?.info('Contact refresh already started', {
      contactId,
      sequenceNumber,
      executionName: refreshName,
    });
    return {
      status: 'skipped',
      sequenceNumber,
      contactId,
      code: 'refresh-already-started',
      reason,
      executionName: refreshName,
    };
  }
  return failure(refresh, sequenceNumber, contactId, refreshName, logger);
}

/** The switches with branches the state machine does not implement yet turned off. */
export function effectiveSwitches(settings: CtrTriggerSettings): PostCallSwitches {
  return {
    ...settings.switches,
    transcribe: settings.switches.transcribe && settings.availableBranches.transcription,
    contactLens: settings.switches.contactLens && settings.availableBranches.contactLens,
  };
}

type StartAttempt =
  | { status: 'started'; executionArn: string; input: PostCallExecutionInput; storedCtr?: PayloadReference }
  | { status: 'exists' }
  | { status: 'inputRejected'; error: unknown }
  | { status: 'failed'; error: unknown };

async function tryStart(
  { sfn, settings, payloads }: StartContactDependencies,
  name: string,
  input: PostCallExecutionInput,
): Promise<StartAttempt> {
  try {
    const { text, storedCtr } = await executionInputText(input, payloads);
    const response = await sfn.send(
      new StartExecutionCommand({ stateMachineArn: settings.stateMachineArn, name, input: text }),
    );
    return {
      status: 'started',
      executionArn: response.executionArn ?? executionArnFor(settings.stateMachineArn, name),
      input,
      ...(storedCtr === undefined ? {} : { storedCtr }),
    };
  } catch (error) {
    const errorName = nameOf(error);
    if (errorName === 'ExecutionAlreadyExists') return { status: 'exists' };
    if (INPUT_REJECTED_ERRORS.has(errorName)) return { status: 'inputRejected', error };
    return { status: 'failed', error };
  }
}

/** The `lastUpdateTimestamp` the existing execution was started with ('' when unknown). */
async function startedVersionOf({ sfn, settings }: StartContactDependencies, name: string): Promise<string> {
  const described = await sfn.send(
    new DescribeExecutionCommand({ executionArn: executionArnFor(settings.stateMachineArn, name) }),
  );
  try {
    const input: unknown = JSON.parse(described.input ?? '');
    if (isObject(input) && typeof input['lastUpdateTimestamp'] === 'string')
      return input['lastUpdateTimestamp'];
  } catch {
    // An unreadable input (e.g. started by hand) cannot prove a version: treat as unknown.
  }
  return '';
}

function superseded(
  sequenceNumber: string,
  contactId: string,
  newer: string,
  executionName: string,
  logger: Logger | undefined,
): SkippedOutcome {
  const reason = `superseded by ${newer || 'a version without LastUpdateTimestamp'}`;
  logger?.info('Contact version superseded', { contactId, sequenceNumber, reason });
  return { status: 'skipped', sequenceNumber, contactId, code: 'superseded', reason, executionName };
}

function started(
  attempt: Extract<StartAttempt, { status: 'started' }>,
  sequenceNumber: string,
  contactId: string,
  kind: ExecutionKind,
  executionName: string,
  logger: Logger | undefined,
): StartedOutcome {
  logger?.info('Execution started', {
    contactId,
    sequenceNumber,
    executionName,
    kind,
    plan: planSummary(attempt.input.plan),
    ...(attempt.storedCtr === undefined ? {} : { ctrStoredIn: attempt.storedCtr.key }),
  });
  return {
    status: 'started',
    sequenceNumber,
    contactId,
    kind,
    executionName,
    executionArn: attempt.executionArn,
    input: attempt.input,
    ...(attempt.storedCtr === undefined ? {} : { storedCtr: attempt.storedCtr }),
  };
}

function failure(
  attempt: Extract<StartAttempt, { status: 'inputRejected' | 'failed' }>,
  sequenceNumber: string,
  contactId: string,
  executionName: string,
  logger: Logger | undefined,
): RetryOutcome | RejectedInputResult {
  if (attempt.status === 'inputRejected') {
    const detail = `StartExecution ${executionName} rejected the input: ${describeError(attempt.error)}`;
    logFailure(logger, 'error', 'Execution input rejected', attempt.error, {
      contactId,
      sequenceNumber,
      executionName,
    });
    return { status: 'inputRejected', sequenceNumber, contactId, detail };
  }
  return retry(attempt.error, sequenceNumber, contactId, `StartExecution ${executionName} failed`, logger);
}

function retry(
  error: unknown,
  sequenceNumber: string,
  contactId: string,
  what: string,
  logger: Logger | undefined,
): RetryOutcome {
  const errorName = nameOf(error);
  const reason = `${what}: ${describeError(error)}`;
  logFailure(logger, 'warn', 'Record will be retried', error, { contactId, sequenceNumber, what });
  return { status: 'retry', sequenceNumber, contactId, reason, errorName };
}

function planSummary(plan: ContactPlan): string {
  const branches = [
    plan.ctrImport && 'ctr',
    plan.recordingImport && (plan.redactedRecording ? 'redactedRecording' : 'recording'),
    plan.recordingUpload && 'upload',
    plan.transcription !== null && 'transcription',
    plan.contactLens && 'contactLens',
  ].filter(Boolean);
  return branches.join(',');
}

/** The error's name (`UnknownError` for a thrown non-error), safe to log at any level. */
export function nameOf(error: unknown): string {
  return error instanceof Error ? error.name : 'UnknownError';
}

/** `name: message` of an error, for outcome details. */
export function describeError(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
