/**
 * Which post-call branches the state machine runs for a contact after its import, and why the
 * others are skipped. Decided once, here, where the analytics record id, the recording and the
 * agent are all known, so the state machine routes on one status per branch instead of entering
 * branches only to find they have nothing to do (each state entered is billed).
 *
 * A planned branch also carries the state it starts from: the Transcribe job name (fixed for the
 * execution, so a retried start finds its own job instead of starting a second one) and the
 * Contact Lens look counter, and the seconds waited so far (polling stops at a waiting budget).
 *
 * @example
 * ```ts
 * plannedBranches({ kind: 'full', plan, ctr, analyticsRecordId: 'a0B…', recordingLocation: 'bucket/key' });
 * // { recordingUpload: { status: 'notPlanned', reason: 'recording upload not requested' },
 * //   transcription: { status: 'planned', jobName: '5c0b…_6f1e…', polls: 1, waitedSeconds: 0 },
 * //   contactLens: { status: 'notPlanned', reason: 'Contact Lens import not requested' } }
 * ```
 */
import { randomUUID } from 'node:crypto';
import type { ContactPlan, ExecutionKind } from '../../shared/ctr/execution-input.js';
import { isObject } from '../../shared/values/is-object.js';
import type { PlannedBranches, SkippedBranch } from './types.js';

/** What is known after a contact's import that decides its branches. */
export interface BranchFacts {
  contactId: string;
  kind: ExecutionKind;
  plan: ContactPlan;
  ctr: Record<string, unknown>;
  analyticsRecordId: string | null;
  recordingLocation: string | null;
}

const skipped = (reason: string): SkippedBranch => ({ status: 'notPlanned', reason });

/** Contact Lens only analyses conversations an agent took part in. */
function agentConnected(ctr: Record<string, unknown>): boolean {
  const agent = ctr.Agent;
  return isObject(agent) && typeof agent.ConnectedToAgentTimestamp === 'string';
}

/**
 * Which post-call branches run for a contact and why the others are skipped, each planned branch
 * with the state it starts from (job name, look counter, seconds waited).
 */
export function plannedBranches(facts: BranchFacts): PlannedBranches {
  const { contactId, kind, plan, ctr, analyticsRecordId, recordingLocation } = facts;
  if (kind === 'ctrRefresh') {
    const refresh = skipped('contact trace record refresh only');
    return { recordingUpload: refresh, transcription: refresh, contactLens: refresh };
  }
  const noRecord = skipped('no analytics record for this contact');
  const noRecording = skipped('no recording in S3 for this contact');
  return {
    recordingUpload: !plan.recordingUpload
      ? skipped('recording upload not requested')
      : analyticsRecordId === null
        ? noRecord
        : recordingLocation === null
          ? noRecording
          : { status: 'planned' },
    transcription:
      plan.transcription === null
        ? skipped('transcription not requested')
        : analyticsRecordId === null
          ? noRecord
          : recordingLocation === null
            ? noRecording
            : { status: 'planned', jobName: `${contactId}_${randomUUID()}`, polls: 1, waitedSeconds: 0 },
    contactLens: !plan.contactLens
      ? skipped('Contact Lens import not requested')
      : analyticsRecordId === null
        ? noRecord
        : !agentConnected(ctr)
          ? skipped('no agent took the contact: Contact Lens has nothing to analyse')
          : { status: 'planned', looks: 0, waitedSeconds: 0 },
  };
}
