import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { POST_CALL_DEFINITION_FILE } from '../../local/runner/post-call-runner.js';

type State = Record<string, unknown> & { Type: string };
/** `${Name}`, a substitution placeholder of the ASL file. */
const sub = (name: string): string => '$' + '{' + name + '}';
const definition = JSON.parse(readFileSync(POST_CALL_DEFINITION_FILE, 'utf8')) as {
  States: Record<string, State>;
};
const states = definition.States;
const TRANSCRIPTION = '$.contactImport.branches.transcription';
const CONTACT_LENS = '$.contactImport.branches.contactLens';
const TRANSCRIPTION_STATES = [
  'Start transcription job',
  'Wait for transcription',
  'Get transcription job',
  'Transcription job finished?',
  'Count transcription poll',
  'Import transcript',
  'Record transcription failure',
];
const CONTACT_LENS_STATES = [
  'Wait for Contact Lens output',
  'Look for and import Contact Lens analysis',
  'Contact Lens analysis found?',
  'Wait to look again for Contact Lens output',
];

describe('post-call.asl.json: Transcription and Contact Lens branches', () => {
  it('has no Parallel: branches are entered one after another, only when planned', () => {
    expect(Object.values(states).filter((state) => state.Type === 'Parallel')).toEqual([]);
    for (const name of [...TRANSCRIPTION_STATES, ...CONTACT_LENS_STATES])
      expect(states[name], name).toBeDefined();
  });

  it('starts Transcribe through the SDK integration with the job name the import fixed, channels and a .json output key', () => {
    const start = states['Start transcription job'];
    expect(start.Resource).toBe('arn:aws:states:::aws-sdk:transcribe:startTranscriptionJob');
    expect(start.Parameters).toMatchObject({
      'TranscriptionJobName.$': `${TRANSCRIPTION}.jobName`,
      'LanguageCode.$': '$.plan.transcription.languageCode',
      Media: { 'MediaFileUri.$': "States.Format('s3://{}', $.contactImport.recordingLocation)" },
      OutputBucketName: sub('TranscribeOutputBucket'),
      'OutputKey.$': `States.Format('transcripts/{}.json', ${TRANSCRIPTION}.jobName)`,
      Settings: { ChannelIdentification: true },
    });
    expect(states['Get transcription job'].Resource).toBe(
      'arn:aws:states:::aws-sdk:transcribe:getTranscriptionJob',
    );
    expect(states['Wait for transcription']).toMatchObject({
      SecondsPath: '$.contactImport.polling.transcriptionWaitSeconds',
    });
  });

  it('turns the poll settings into numbers in the import task (no state runs only to set them up)', () => {
    const selector = states['Import contact trace record and recording'].ResultSelector as {
      polling: Record<string, string>;
    };
    expect(selector.polling).toEqual({
      'transcriptionWaitSeconds.$': `States.StringToJson('${sub('TranscriptionJobCheckWaitTime')}')`,
      'transcriptionMaxPolls.$': `States.StringToJson('${sub('TranscriptionMaxPolls')}')`,
      'contactLensFirstWaitSeconds.$': `States.StringToJson('${sub('ContactLensFirstWaitSeconds')}')`,
      'contactLensWaitSeconds.$': `States.StringToJson('${sub('ContactLensWaitSeconds')}')`,
      'contactLensMaxPolls.$': `States.StringToJson('${sub('ContactLensMaxPolls')}')`,
    });
  });

  it('bounds both polling loops: a status-check counter in the state, Contact Lens looks counted by the look itself', () => {
    expect(states['Count transcription poll'].Parameters).toMatchObject({
      'polls.$': `States.MathAdd(${TRANSCRIPTION}.polls, 1)`,
    });
    expect(JSON.stringify(states['Transcription job finished?'])).toContain(
      '"NumericGreaterThanEqualsPath":"$.contactImport.polling.transcriptionMaxPolls"',
    );
    expect(states['Look for and import Contact Lens analysis'].Parameters).toMatchObject({
      Payload: {
        'looks.$': `${CONTACT_LENS}.looks`,
        'maxLooks.$': '$.contactImport.polling.contactLensMaxPolls',
      },
    });
    expect(states['Wait for Contact Lens output']).toMatchObject({
      SecondsPath: '$.contactImport.polling.contactLensFirstWaitSeconds',
    });
    expect(states['Contact Lens analysis found?'].Choices).toEqual(
      expect.arrayContaining([
        {
          Variable: `${CONTACT_LENS}.status`,
          StringEquals: 'notYet',
          Next: 'Wait to look again for Contact Lens output',
        },
      ]),
    );
    expect(states['Wait to look again for Contact Lens output']).toMatchObject({
      SecondsPath: '$.contactImport.polling.contactLensWaitSeconds',
      Next: 'Look for and import Contact Lens analysis',
    });
  });

  it('records a permanently failed transcription, lets Contact Lens run, then fails the execution', () => {
    expect(states['Record transcription failure']).toMatchObject({
      ResultSelector: { status: 'FAILED', 'reason.$': '$.Payload.reason' },
      ResultPath: TRANSCRIPTION,
      Next: 'Next step after transcription?',
    });
    const failed = {
      Variable: `${TRANSCRIPTION}.status`,
      StringEquals: 'FAILED',
      Next: 'Transcription failed',
    };
    // Contact Lens first (when planned), then the failure; the same rule ends the Contact Lens loop.
    expect(states['Next step after transcription?'].Choices).toEqual([
      expect.objectContaining({ Next: 'Wait for Contact Lens output' }),
      failed,
    ]);
    expect(states['Contact Lens analysis found?'].Choices).toContainEqual(failed);
    expect(states['Transcription failed']).toMatchObject({
      Type: 'Fail',
      Error: 'Transcription.Failed',
      CausePath: `${TRANSCRIPTION}.reason`,
    });
  });

  it('catches no error of the Lambda tasks: transient failures fail the execution, so a redrive re-runs the task', () => {
    for (const [name, state] of Object.entries(states)) {
      if (state.Resource === 'arn:aws:states:::lambda:invoke') expect(state.Catch, name).toBeUndefined();
    }
  });

  it('retries every task: Salesforce and Lambda errors on the imports, throttling on the SDK tasks, S3 errors on the look', () => {
    for (const name of [...TRANSCRIPTION_STATES, ...CONTACT_LENS_STATES]) {
      const state = states[name];
      if (state.Type !== 'Task') continue;
      const retried = (state.Retry as Array<{ ErrorEquals: string[] }>).flatMap((retry) => retry.ErrorEquals);
      if (state.Resource === 'arn:aws:states:::lambda:invoke') {
        expect(retried, name).toEqual(
          expect.arrayContaining([
            'Salesforce.Transient',
            'Salesforce.RateLimited',
            'Lambda.ServiceException',
          ]),
        );
      } else {
        expect(retried, name).toEqual(
          expect.arrayContaining(['Transcribe.LimitExceededException', 'Transcribe.ThrottlingException']),
        );
      }
    }
    const look = states['Look for and import Contact Lens analysis'].Retry as Array<{
      ErrorEquals: string[];
    }>;
    expect(look.flatMap((retry) => retry.ErrorEquals)).toEqual(
      expect.arrayContaining(['SlowDown', 'InternalError']),
    );
  });

  it('passes only keys and small results through the state', () => {
    expect(Object.keys(states['Import transcript'].ResultSelector as object)).toEqual([
      'status',
      'analyses.$',
      'customerSegments.$',
      'agentSegments.$',
    ]);
    expect(Object.keys(states['Look for and import Contact Lens analysis'].ResultSelector as object)).toEqual(
      ['status.$', 'looks.$', 'waitedSeconds.$', 'analysisKey.$', 'transcriptTurns.$'],
    );
  });
});
