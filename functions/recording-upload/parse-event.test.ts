import { describe, expect, it } from 'vitest';
import { parseRecordingUploadEvent } from './parse-event.js';

const valid = {
  contactId: 'c-1',
  analyticsRecordId: 'a0B5g00000ABCDeEAH',
  recordingLocation: 'amazon-connect-recordings/connect/x/CallRecordings/c-1.wav',
};

describe('parseRecordingUploadEvent', () => {
  it('reads the task payload', () => {
    expect(parseRecordingUploadEvent(valid)).toEqual(valid);
  });

  it.each([
    ['not an object', 'x'],
    ['no contactId', { ...valid, contactId: '' }],
    ['an analytics record id that is not a Salesforce id', { ...valid, analyticsRecordId: 'nope' }],
    ['no recording location', { ...valid, recordingLocation: undefined }],
  ])('refuses %s with PostCall.InvalidInput (never retried)', (_what, event) => {
    expect(() => parseRecordingUploadEvent(event)).toThrow(
      expect.objectContaining({ name: 'PostCall.InvalidInput' }),
    );
  });
});
