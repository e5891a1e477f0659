import { describe, expect, it } from 'vitest';
import { transcriptionFailureReason } from './failure-reason.js';
import type { TranscriptionJobResult } from './types.js';

const inProgress: TranscriptionJobResult = { TranscriptionJob: { TranscriptionJobStatus: 'IN_PROGRESS' } };

describe('transcriptionFailureReason', () => {
  it('names TranscriptionMaxPolls when the polls ran out', () => {
    const failure = transcriptionFailureReason({
      jobName: 'c_1',
      polls: 3,
      maxPolls: 3,
      waitedSeconds: 40,
      job: inProgress,
    });
    expect(failure).toEqual({
      status: 'TIMED_OUT',
      reason: 'the job was still IN_PROGRESS after 3 status checks (TranscriptionMaxPolls reached)',
      jobName: 'c_1',
    });
  });

  it('names the waiting budget when the state machine stopped before TranscriptionMaxPolls', () => {
    const failure = transcriptionFailureReason({
      polls: 13,
      maxPolls: 1000,
      waitedSeconds: 43200,
      job: inProgress,
    });
    expect(failure.status).toBe('TIMED_OUT');
    expect(failure.reason).toBe(
      'the job was still IN_PROGRESS after 13 status checks (waiting budget of the state machine reached after 43200 s)',
    );
  });

  it('keeps Transcribe FAILED and caught errors as they are', () => {
    expect(
      transcriptionFailureReason({
        job: { TranscriptionJob: { TranscriptionJobStatus: 'FAILED', FailureReason: 'Invalid file' } },
      }),
    ).toMatchObject({ status: 'FAILED', reason: 'Invalid file' });
    expect(
      transcriptionFailureReason({ error: { Error: 'Transcribe.BadRequestException', Cause: 'no media' } }),
    ).toMatchObject({
      status: 'ERROR',
      reason: 'Transcribe.BadRequestException: no media',
    });
  });
});
