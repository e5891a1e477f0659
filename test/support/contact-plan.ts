import type { ContactPlan } from '../../shared/ctr/execution-input.js';

/**
 * A contact plan for tests: CTR and recording import on, every branch off, the given overrides on top.
 *
 * @example
 * const plan = contactPlan({ recordingLocation: 'bucket/connect/x.wav', contactLens: true });
 */
export function contactPlan(
  overrides: Partial<ContactPlan> & Pick<ContactPlan, 'recordingLocation'>,
): ContactPlan {
  return {
    ctrImport: true,
    recordingImport: true,
    redactedRecording: false,
    recordingUpload: false,
    transcription: null,
    contactLens: false,
    ...overrides,
  };
}
