import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { POST_CALL_DEFINITION_FILE } from '../../local/runner/post-call-runner.js';

type State = Record<string, unknown> & { Type: string };
/** `${Name}`, a substitution placeholder of the ASL file. */
const sub = (name: string): string => '$' + '{' + name + '}';
const definition = JSON.parse(readFileSync(POST_CALL_DEFINITION_FILE, 'utf8')) as {
  States: Record<string, State & { Branches?: Array<{ StartAt: string; States: Record<string, State> }> }>;
};
const branches = definition.States['Process recording and analytics'].Branches!;
const transcription = branches.find((branch) => branch.StartAt === 'Transcription planned?')!.States;
const contactLens = branches.find((branch) => branch.StartAt === 'Contact Lens planned?')!.States;

describe('post-call.asl.json: Transcription and Contact Lens branches', () => {
  it('starts Transcribe through the SDK integration with a per-run job name, channels and a .json output key', () => {
    const name = transcription['Name transcription job'].Parameters as Record<string, string>;
    expect(name['jobName.$']).toBe("States.Format('{}_{}', $.contactId, States.UUID())");
    // settings arrive as strings: converted to numbers so Wait gets an integer
    expect(name['waitSeconds.$']).toBe(`States.StringToJson('${sub('TranscriptionJobCheckWaitTime')}')`);
    expect(name['maxPolls.$']).toBe(`States.StringToJson('${sub('TranscriptionMaxPolls')}')`);
    const start = transcription['Start transcription job'];
    expect(start.Resource).toBe('arn:aws:states:::aws-sdk:transcribe:startTranscriptionJob');
    expect(start.Parameters).toMatchObject({
      'TranscriptionJobName.$': '$.transcription.jobName',
      'LanguageCode.$': '$.plan.transcription.languageCode',
      Media: { 'MediaFileUri.$': "States.Format('s3://{}', $.contactImport.recordingLocation)" },
      OutputBucketName: sub('TranscribeOutputBucket'),
      'OutputKey.$': "States.Format('transcripts/{}.json', $.transcription.jobName)",
      Settings: { ChannelIdentification: true },
    });
    expect(transcription['Get transcription job'].Resource).toBe(
      'arn:aws:states:::aws-sdk:transcribe:getTranscriptionJob',
    );
    expect(transcription['Wait for transcription']).toMatchObject({
      SecondsPath: '$.transcription.waitSeconds',
    });
  });

  it('bounds both polling loops with a counter kept in the state', () => {
    expect(transcription['Count transcription poll'].Parameters).toMatchObject({
      'polls.$': 'States.MathAdd($.transcription.polls, 1)',
    });
    expect(JSON.stringify(transcription['Transcription job finished?'])).toContain(
      '"NumericGreaterThanEqualsPath":"$.transcription.maxPolls"',
    );
    expect(contactLens['Count Contact Lens poll'].Parameters).toMatchObject({
      'polls.$': 'States.MathAdd($.contactLens.polls, 1)',
    });
    expect(JSON.stringify(contactLens['Contact Lens analysis found?'])).toContain(
      '"Next":"No Contact Lens analysis"',
    );
    expect(contactLens['No Contact Lens analysis']).toMatchObject({ Type: 'Pass', End: true });
  });

  it('ends a permanently failed transcription with a result, and fails the execution only after the Parallel', () => {
    // A Fail state inside the branch would fail the Parallel and stop Contact Lens and the upload.
    expect(Object.values(transcription).filter((state) => state.Type === 'Fail')).toEqual([]);
    expect(transcription['Record transcription failure']).toMatchObject({
      ResultSelector: { status: 'FAILED', 'reason.$': '$.Payload.reason' },
      End: true,
    });
    expect(transcription['Record transcription failure'].ResultPath).toBeUndefined();
    const parallel = definition.States['Process recording and analytics'];
    expect(parallel.Next).toBe('Transcription failed?');
    expect(definition.States['Transcription failed?']).toMatchObject({
      Type: 'Choice',
      Choices: [
        { Variable: '$.branches.transcription.status', StringEquals: 'FAILED', Next: 'Transcription failed' },
      ],
      Default: 'Summarise contact',
    });
    expect(definition.States['Transcription failed']).toMatchObject({
      Type: 'Fail',
      Error: 'Transcription.Failed',
      CausePath: '$.branches.transcription.reason',
    });
  });

  it('catches no error of the Lambda tasks or the Parallel: transient failures fail the branch, so a redrive re-runs it', () => {
    expect(definition.States['Process recording and analytics'].Catch).toBeUndefined();
    for (const branch of branches) {
      for (const [name, state] of Object.entries(branch.States)) {
        if (state.Resource === 'arn:aws:states:::lambda:invoke') expect(state.Catch, name).toBeUndefined();
      }
    }
  });

  it('retries every task: Salesforce and Lambda errors on the imports, throttling on the SDK tasks', () => {
    for (const [name, state] of [...Object.entries(transcription), ...Object.entries(contactLens)]) {
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
      } else if (String(state.Resource).includes(':transcribe:')) {
        expect(retried, name).toEqual(
          expect.arrayContaining(['Transcribe.LimitExceededException', 'Transcribe.ThrottlingException']),
        );
      } else {
        expect(retried, name).toContain('States.TaskFailed');
      }
    }
  });

  it('passes only keys and small results through the state', () => {
    const importTranscript = transcription['Import transcript'];
    expect(Object.keys(importTranscript.ResultSelector as object)).toEqual([
      'status',
      'analyses.$',
      'customerSegments.$',
      'agentSegments.$',
    ]);
    expect(contactLens['List Contact Lens analyses'].Parameters).toMatchObject({ MaxKeys: 20 });
    expect(Object.keys(contactLens['Import Contact Lens analysis'].ResultSelector as object)).toEqual([
      'status',
      'analysisKey.$',
      'transcriptTurns.$',
    ]);
  });
});
