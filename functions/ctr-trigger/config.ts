/**
 * Settings of the Kinesis trigger, from the environment. A missing state machine ARN or
 * dead-letter queue URL fails the invocation with a `ConfigurationError` naming the variable (the
 * batch is retried, nothing is lost while the stack is being fixed).
 *
 * @example
 * ```ts
 * const settings = ctrTriggerSettingsFromEnvironment(process.env);
 * ```
 */
import { requireEnv } from '../../shared/config/environment.js';
import { postCallSwitchesFromEnvironment } from '../../shared/ctr/switches.js';
import type { CtrTriggerSettings } from './types.js';

/** Concurrent Step Functions / SQS calls per batch. */
export const DEFAULT_MAX_CONCURRENCY = 10;

/**
 * Branches `statemachines/post-call.asl.json` implements: all of them since the Transcription and
 * Contact Lens branches landed (issue 5). Set one to false to stop planning it whatever the switches say.
 */
export const AVAILABLE_BRANCHES: CtrTriggerSettings['availableBranches'] = {
  transcription: true,
  contactLens: true,
};

export function ctrTriggerSettingsFromEnvironment(
  env: Record<string, string | undefined> = process.env,
): CtrTriggerSettings {
  return {
    stateMachineArn: requireEnv('POSTCALL_STATE_MACHINE_ARN', env),
    deadLetterQueueUrl: requireEnv('CTR_DLQ_URL', env),
    switches: postCallSwitchesFromEnvironment(env),
    availableBranches: AVAILABLE_BRANCHES,
    maxConcurrency: DEFAULT_MAX_CONCURRENCY,
  };
}
