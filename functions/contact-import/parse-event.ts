/**
 * Validates the task payload (the state machine passes `contactId`, `kind`, `plan`, `ctr`).
 *
 * @example
 * ```ts
 * const event = parseContactImportEvent(payload); // throws ContactImportInputError when malformed
 * ```
 */
import type { ContactPlan } from '../../shared/ctr/execution-input.js';
import { isObject } from '../../shared/values/is-object.js';
import { ContactImportInputError } from './errors.js';
import type { ContactImportEvent } from './types.js';

function parseLocation(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string' || !/^[^/]+\/.+/.test(value)) {
    throw new ContactImportInputError('plan.recordingLocation must be "bucket/key" or null');
  }
  return value;
}

function parsePlan(value: unknown): ContactPlan {
  if (!isObject(value)) throw new ContactImportInputError('plan must be an object');
  const flag = (key: string): boolean => {
    const flagValue = value[key];
    if (flagValue === undefined) return false;
    if (typeof flagValue !== 'boolean') throw new ContactImportInputError(`plan.${key} must be a boolean`);
    return flagValue;
  };
  const transcription = value.transcription;
  if (transcription !== undefined && transcription !== null && !isObject(transcription)) {
    throw new ContactImportInputError('plan.transcription must be an object or null');
  }
  return {
    ctrImport: flag('ctrImport'),
    recordingImport: flag('recordingImport'),
    redactedRecording: flag('redactedRecording'),
    recordingUpload: flag('recordingUpload'),
    transcription: isObject(transcription)
      ? {
          languageCode: String(transcription.languageCode ?? ''),
          comprehendAnalyses: Array.isArray(transcription.comprehendAnalyses)
            ? transcription.comprehendAnalyses.map(String)
            : [],
        }
      : null,
    contactLens: flag('contactLens'),
    recordingLocation: parseLocation(value.recordingLocation),
  };
}

/**
 * Validates the CTR import's task input (contactId, kind `full` or `ctrRefresh`, the CTR); a bad
 * input is a {@link ContactImportInputError}.
 */
export function parseContactImportEvent(event: unknown): ContactImportEvent {
  if (!isObject(event)) throw new ContactImportInputError('the event must be an object');
  const { contactId, kind, ctr } = event;
  if (typeof contactId !== 'string' || contactId.trim() === '') {
    throw new ContactImportInputError('contactId must be a non-empty string');
  }
  if (kind !== 'full' && kind !== 'ctrRefresh')
    throw new ContactImportInputError("kind must be 'full' or 'ctrRefresh'");
  if (!isObject(ctr)) throw new ContactImportInputError('ctr must be an object');
  if (ctr.ContactId !== undefined && ctr.ContactId !== contactId) {
    throw new ContactImportInputError('ctr.ContactId does not match contactId');
  }
  const plan = parsePlan(event.plan);
  if (kind === 'full' && plan.recordingImport && plan.recordingLocation === null) {
    throw new ContactImportInputError('plan.recordingImport needs plan.recordingLocation');
  }
  const { executionId } = event;
  if (executionId !== undefined && (typeof executionId !== 'string' || executionId === '')) {
    throw new ContactImportInputError('executionId must be a non-empty string when present');
  }
  return { contactId, kind, plan, ctr, ...(executionId === undefined ? {} : { executionId }) };
}
