/**
 * What the post-call execution does for one contact, from the package switches and the contact's
 * attributes, with the original's semantics:
 *
 * - CTR import: switch PostcallCTRImportEnabled and attribute `postcallCTRImportEnabled`.
 * - Recording import: switch PostcallRecordingImportEnabled, an importable audio recording
 *   (`findImportableRecording`), and attribute `postcallRecordingImportEnabled` (path stored) or,
 *   failing that, `postcallRedactedRecordingImportEnabled` (redacted: no path; Contact Lens fills it).
 * - Recording upload: switch RecordingUploadEnabled and a non-redacted recording import.
 * - Transcription: switch PostcallTranscribeEnabled, an importable recording, attribute
 *   `postcallTranscribeEnabled` AND a non-blank `postcallTranscribeLanguage` (both required);
 *   analyses from `postcallTranscribeComprehendAnalysis`.
 * - Contact Lens: switch ContactLensImportEnabled and attribute `contactLensImportEnabled`.
 *
 * Attribute names are case-sensitive (as in the original); values are `"true"` in any case.
 *
 * @example
 * ```ts
 * const { plan, reasons } = planContactWithReasons(ctr, switches);
 * if (isEmptyPlan(plan)) logger.debug('nothing to do', { contactId: ctr.ContactId, reasons });
 * ```
 */
import { parseComprehendAnalyses } from './comprehend-analyses.js';
import type { ContactPlan } from './execution-input.js';
import { findImportableRecording } from './recording.js';
import { isTrue, type PostCallSwitches } from './switches.js';
import type { ContactTraceRecord } from './types.js';

/** Contact attribute names read by the plan (case-sensitive, as in the original). */
export const PLAN_ATTRIBUTES = {
  ctrImport: 'postcallCTRImportEnabled',
  recordingImport: 'postcallRecordingImportEnabled',
  redactedRecordingImport: 'postcallRedactedRecordingImportEnabled',
  transcribe: 'postcallTranscribeEnabled',
  transcribeLanguage: 'postcallTranscribeLanguage',
  comprehendAnalysis: 'postcallTranscribeComprehendAnalysis',
  contactLens: 'contactLensImportEnabled',
} as const;

/** Why each branch that is not planned was left out (absent key = planned). */
export type PlanReasons = Partial<
  Record<'ctrImport' | 'recordingImport' | 'transcription' | 'contactLens', string>
>;

/** A contact's plan together with the reason for each branch that is off. */
export interface PlanDecision {
  plan: ContactPlan;
  reasons: PlanReasons;
}

/** The plan of a contact's full execution. */
export function planContact(ctr: ContactTraceRecord, switches: PostCallSwitches): ContactPlan {
  return planContactWithReasons(ctr, switches).plan;
}

/** `planContact` plus, for every branch left out, the reason (for DEBUG logs and `npm start`). */
export function planContactWithReasons(ctr: ContactTraceRecord, switches: PostCallSwitches): PlanDecision {
  const attributes = ctr.Attributes;
  const reasons: PlanReasons = {};
  const attributeOff = (name: string): string => `attribute ${name} is not "true"`;

  const ctrImport = switches.ctrImport && isTrue(attributes[PLAN_ATTRIBUTES.ctrImport]);
  if (!switches.ctrImport) reasons.ctrImport = 'PostcallCTRImportEnabled is off';
  else if (!ctrImport) reasons.ctrImport = attributeOff(PLAN_ATTRIBUTES.ctrImport);

  const recording = findImportableRecording(ctr);

  const wantsRecording = isTrue(attributes[PLAN_ATTRIBUTES.recordingImport]);
  const wantsRedacted = !wantsRecording && isTrue(attributes[PLAN_ATTRIBUTES.redactedRecordingImport]);
  const recordingImport =
    switches.recordingImport && (wantsRecording || wantsRedacted) && recording.location !== null;
  if (!switches.recordingImport) reasons.recordingImport = 'PostcallRecordingImportEnabled is off';
  else if (!wantsRecording && !wantsRedacted) {
    reasons.recordingImport = `attributes ${PLAN_ATTRIBUTES.recordingImport} and ${PLAN_ATTRIBUTES.redactedRecordingImport} are not "true"`;
  } else if (recording.location === null) reasons.recordingImport = recording.reason;
  const redactedRecording = recordingImport && wantsRedacted;

  const language = (attributes[PLAN_ATTRIBUTES.transcribeLanguage] ?? '').trim();
  const wantsTranscription = isTrue(attributes[PLAN_ATTRIBUTES.transcribe]);
  const transcribe =
    switches.transcribe && wantsTranscription && language !== '' && recording.location !== null;
  if (!switches.transcribe) reasons.transcription = 'PostcallTranscribeEnabled is off';
  else if (!wantsTranscription) reasons.transcription = attributeOff(PLAN_ATTRIBUTES.transcribe);
  else if (language === '')
    reasons.transcription = `attribute ${PLAN_ATTRIBUTES.transcribeLanguage} is missing`;
  else if (recording.location === null) reasons.transcription = recording.reason;

  const contactLens = switches.contactLens && isTrue(attributes[PLAN_ATTRIBUTES.contactLens]);
  if (!switches.contactLens) reasons.contactLens = 'ContactLensImportEnabled is off';
  else if (!contactLens) reasons.contactLens = attributeOff(PLAN_ATTRIBUTES.contactLens);

  const plan: ContactPlan = {
    ctrImport,
    recordingImport,
    redactedRecording,
    recordingUpload: switches.recordingUpload && recordingImport && !redactedRecording,
    transcription: transcribe
      ? {
          languageCode: language,
          comprehendAnalyses: parseComprehendAnalyses(attributes[PLAN_ATTRIBUTES.comprehendAnalysis]),
        }
      : null,
    contactLens,
    recordingLocation: recordingImport || transcribe ? recording.location : null,
  };
  return { plan, reasons };
}

/** The plan of a `ctrRefresh` execution: re-upsert the CTR of a newer version, nothing else. */
export function ctrRefreshPlan(): ContactPlan {
  return {
    ctrImport: true,
    recordingImport: false,
    redactedRecording: false,
    recordingUpload: false,
    transcription: null,
    contactLens: false,
    recordingLocation: null,
  };
}

/** True when the plan selects no branch (then no execution is started). */
export function isEmptyPlan(plan: ContactPlan): boolean {
  return !plan.ctrImport && !plan.recordingImport && plan.transcription === null && !plan.contactLens;
}

/** One line summarising why nothing is planned, e.g. for a DEBUG log or `npm start`'s skipped list. */
export function describeReasons(reasons: PlanReasons): string {
  return Object.entries(reasons)
    .map(([branch, reason]) => `${branch}: ${reason}`)
    .join('; ');
}
