/**
 * Validates the task payload (`contactId`, `analyticsRecordId`, `recordingLocation`).
 *
 * @example
 * ```ts
 * const event = parseRecordingUploadEvent(payload); // throws RecordingUploadInputError when malformed
 * ```
 */
import { isSalesforceId } from '../../shared/salesforce/soql.js';
import { RecordingUploadInputError } from './errors.js';
import type { RecordingUploadEvent } from './types.js';

/**
 * Validates the recording upload's task input (contactId, analytics record id, recording
 * location); a bad input is a {@link RecordingUploadInputError}.
 */
export function parseRecordingUploadEvent(event: unknown): RecordingUploadEvent {
  if (typeof event !== 'object' || event === null)
    throw new RecordingUploadInputError('the event must be an object');
  const { contactId, analyticsRecordId, recordingLocation } = event as Record<string, unknown>;
  if (typeof contactId !== 'string' || contactId === '') {
    throw new RecordingUploadInputError('contactId must be a non-empty string');
  }
  if (typeof analyticsRecordId !== 'string' || !isSalesforceId(analyticsRecordId)) {
    throw new RecordingUploadInputError('analyticsRecordId must be a Salesforce id');
  }
  if (typeof recordingLocation !== 'string' || recordingLocation === '') {
    throw new RecordingUploadInputError('recordingLocation must be "bucket/key"');
  }
  return { contactId, analyticsRecordId, recordingLocation };
}
