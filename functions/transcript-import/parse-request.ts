/**
 * Validates the task input the state machine sends to the transcript import (see `types.ts`).
 *
 * @example
 * ```ts
 * const request = parseTranscriptImportRequest(event); // throws Transcript.InvalidRequest if malformed
 * ```
 */

import { isObject } from '../../shared/values/is-object.js';
import { InvalidTranscriptRequestError } from './errors.js';
import type { TranscriptImportRequest, TranscriptionBranchState } from './types.js';

function requiredString(source: Record<string, unknown>, key: string, where = ''): string {
  const value = source[key];
  if (typeof value !== 'string' || value.trim() === '') {
    throw new InvalidTranscriptRequestError(`${where}${key} must be a non-empty string`);
  }
  return value;
}

/** Accepts a list or a comma-separated string (the contact attribute's own format). */
function analysisList(value: unknown): string[] {
  if (value === undefined || value === null) return [];
  if (typeof value === 'string')
    return value
      .split(',')
      .map((code) => code.trim())
      .filter(Boolean);
  if (Array.isArray(value) && value.every((code) => typeof code === 'string')) return value;
  throw new InvalidTranscriptRequestError('comprehendAnalyses must be a list of codes');
}

/**
 * Validates the transcript import's task input: an import request or a request to record a
 * transcription failure. A bad input is an {@link InvalidTranscriptRequestError}.
 */
export function parseTranscriptImportRequest(event: unknown): TranscriptImportRequest {
  if (!isObject(event)) throw new InvalidTranscriptRequestError('the task input must be an object');
  const contactId = requiredString(event, 'contactId');
  const analyticsRecordId = requiredString(event, 'analyticsRecordId');
  if (event.action === 'recordTranscriptionFailure') {
    // Read defensively by transcriptionFailureReason: only the shape is declared here.
    const transcription: TranscriptionBranchState = isObject(event.transcription) ? event.transcription : {};
    const jobName = typeof event.jobName === 'string' ? event.jobName : undefined;
    return { action: 'recordTranscriptionFailure', contactId, analyticsRecordId, jobName, transcription };
  }
  if (event.action !== undefined && event.action !== 'importTranscript') {
    throw new InvalidTranscriptRequestError(
      `unknown action ${JSON.stringify(String(event.action)).slice(0, 60)}`,
    );
  }
  if (!isObject(event.transcript))
    throw new InvalidTranscriptRequestError('transcript must be {bucket, key}');
  return {
    action: 'importTranscript',
    contactId,
    analyticsRecordId,
    transcript: {
      bucket: requiredString(event.transcript, 'bucket', 'transcript.'),
      key: requiredString(event.transcript, 'key', 'transcript.'),
    },
    languageCode: requiredString(event, 'languageCode'),
    comprehendAnalyses: analysisList(event.comprehendAnalyses),
  };
}
