import { isObject } from '../../shared/values/is-object.js';
/**
 * Why the transcription branch gave up, read from the branch state the state machine passes:
 * the last GetTranscriptionJob answer (`FAILED` + `FailureReason`, or still `IN_PROGRESS` when the
 * polls ran out) or the error caught when starting the job.
 *
 * @example
 * ```ts
 * transcriptionFailureReason({ job: { TranscriptionJob: { TranscriptionJobStatus: 'FAILED', FailureReason: 'Invalid file' } } });
 * // { status: 'FAILED', reason: 'Invalid file', jobName: undefined }
 * ```
 */
import type { TranscriptionBranchState } from './types.js';

/**
 * Why a contact has no transcript: the job failed, polling ran out, or starting or checking it
 * failed.
 */
export interface TranscriptionFailure {
  /** `FAILED` (Transcribe said so), `TIMED_OUT` (polls exhausted) or `ERROR` (starting or checking the job failed). */
  status: 'FAILED' | 'TIMED_OUT' | 'ERROR';
  reason: string;
  jobName?: string;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/** Reads `{ jobName?, polls?, maxPolls?, waitedSeconds?, job?: { TranscriptionJob }, error?: { Error, Cause } }`. */
export function transcriptionFailureReason(state: TranscriptionBranchState): TranscriptionFailure {
  const jobName = text(state.jobName);
  // The state comes from outside: every field is checked, whatever the type says.
  const error = isObject(state.error) ? state.error : undefined;
  if (error) {
    const code = text(error.Error) ?? 'Error';
    const cause = text(error.Cause);
    return { status: 'ERROR', reason: cause ? `${code}: ${cause}` : code, jobName };
  }
  const job =
    isObject(state.job) && isObject(state.job.TranscriptionJob) ? state.job.TranscriptionJob : undefined;
  const status = text(job?.TranscriptionJobStatus);
  if (status === 'FAILED') {
    return {
      status: 'FAILED',
      reason: text(job?.FailureReason) ?? 'Transcribe reported FAILED without a reason',
      jobName,
    };
  }
  const polls = typeof state.polls === 'number' ? state.polls : undefined;
  const maxPolls = typeof state.maxPolls === 'number' ? state.maxPolls : undefined;
  const waitedSeconds = typeof state.waitedSeconds === 'number' ? state.waitedSeconds : undefined;
  const checks = polls !== undefined ? ` after ${polls} status checks` : '';
  // The state machine stops polling at TranscriptionMaxPolls or after its waiting budget
  // (so the execution never reaches its own timeout), whichever comes first.
  const limit =
    polls !== undefined && maxPolls !== undefined && polls < maxPolls && waitedSeconds !== undefined
      ? `waiting budget of the state machine reached after ${waitedSeconds} s`
      : 'TranscriptionMaxPolls reached';
  return {
    status: 'TIMED_OUT',
    reason: `the job was still ${status ?? 'not finished'}${checks} (${limit})`,
    jobName,
  };
}
