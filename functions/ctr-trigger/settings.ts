/**
 * Settings of the Kinesis trigger, from the environment. A missing state machine ARN or
 * dead-letter queue URL, or a `CTR_TRIGGER_MAX_CONCURRENCY` that is not a whole number in
 * [1, {@link MAX_CONCURRENCY_LIMIT}], fails the invocation with a `ConfigurationError` naming the
 * variable (the batch is retried, nothing is lost while the stack is being fixed).
 *
 * @example
 * ```ts
 * const settings = readCtrTriggerSettings(process.env);
 * ```
 */
import { optionalEnv, readIntegerEnv, requireEnv } from '../../shared/config/environment.js';
import { CONTACT_VERSION_TABLE_ENV } from '../../shared/contact-versions/table.js';
import { POST_CALL_SWITCH_ENV_VARS, postCallSwitchesFromEnvironment } from '../../shared/ctr/switches.js';
import { CONTACT_PAYLOAD_BUCKET_ENV } from '../../shared/payloads/payload-keys.js';
import type { CtrTriggerSettings } from './types.js';

/**
 * Concurrent Step Functions / SQS calls per batch (env `CTR_TRIGGER_MAX_CONCURRENCY`).
 *
 * A batch's wall time is about ⌈contacts / bound⌉ StartExecution round trips, so the bound sets how
 * fast a batch of 100 (the event source mapping's default size) clears: 25 → 4 round trips.
 * Throttling depends on how many starts a batch spends, not on how fast: StartExecution is a token
 * bucket of hundreds of calls per second with a burst of several hundred to over a thousand
 * for Standard workflows, so one batch's 100 starts fit in the burst at any bound, and a start that
 * is throttled anyway becomes a batch item failure that Lambda retries. 25 also stays well under
 * the SDK's 50 sockets per client, so calls never queue for a socket.
 */
export const DEFAULT_MAX_CONCURRENCY = 25;

/**
 * Highest accepted `CTR_TRIGGER_MAX_CONCURRENCY`: the SDK's socket pool (50 per client); more
 * calls in flight would only wait for a socket.
 */
export const MAX_CONCURRENCY_LIMIT = 50;

/**
 * Branches `statemachines/post-call.asl.json` implements: all of them since the Transcription and
 * Contact Lens branches were added. Set one to false to stop planning it whatever the switches say.
 */
export const AVAILABLE_BRANCHES: CtrTriggerSettings['availableBranches'] = {
  transcription: true,
  contactLens: true,
};

/** The post-call state machine the trigger starts executions of. */
export const STATE_MACHINE_ARN_ENV = 'POSTCALL_STATE_MACHINE_ARN';
/** The SQS dead-letter queue for records that can never become an execution. */
export const DEAD_LETTER_QUEUE_URL_ENV = 'CTR_DLQ_URL';
/** Bound on concurrent Step Functions / SQS calls per batch. */
export const MAX_CONCURRENCY_ENV = 'CTR_TRIGGER_MAX_CONCURRENCY';
/** The contact version table (optional): when set, superseded versions are skipped before a start. */
export { CONTACT_VERSION_TABLE_ENV };

/** Every environment variable this function reads (the post-call switches are in `shared/ctr/switches.ts`). */
export const CTR_TRIGGER_ENV_VARS = [
  STATE_MACHINE_ARN_ENV,
  DEAD_LETTER_QUEUE_URL_ENV,
  MAX_CONCURRENCY_ENV,
  CONTACT_VERSION_TABLE_ENV,
  CONTACT_PAYLOAD_BUCKET_ENV,
  ...POST_CALL_SWITCH_ENV_VARS,
] as const;

/** Reads {@link CtrTriggerSettings}; a missing or invalid variable is a `ConfigurationError` naming it. */
export function readCtrTriggerSettings(env: Record<string, string | undefined>): CtrTriggerSettings {
  return {
    stateMachineArn: requireEnv(STATE_MACHINE_ARN_ENV, env),
    deadLetterQueueUrl: requireEnv(DEAD_LETTER_QUEUE_URL_ENV, env),
    switches: postCallSwitchesFromEnvironment(env),
    availableBranches: AVAILABLE_BRANCHES,
    maxConcurrency: readIntegerEnv(
      MAX_CONCURRENCY_ENV,
      DEFAULT_MAX_CONCURRENCY,
      { min: 1, max: MAX_CONCURRENCY_LIMIT },
      env,
    ),
    contactVersionTable: optionalEnv(CONTACT_VERSION_TABLE_ENV, env),
    payloadBucket: optionalEnv(CONTACT_PAYLOAD_BUCKET_ENV, env),
  };
}
