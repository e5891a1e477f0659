/**
 * Objects that are not there yet, answered the way Amazon S3 answers them: the local S3 says
 * NoSuchKey only where the stack's listing grants reach (403 AccessDenied elsewhere), so a late
 * recording takes the retried not-found path here exactly as on AWS, and a read outside the
 * grants fails as AWS would make it fail. The grants themselves are checked in the template
 * (infra/test/stack.test.ts, "S3 reads on AWS semantics").
 */
import { GetObjectCommand, HeadObjectCommand, S3ServiceException } from '@aws-sdk/client-s3';
import type { Context } from 'aws-lambda';
import { afterEach, describe, expect, it } from 'vitest';
import { handler as recordingUploadHandler } from '../../functions/recording-upload/handler.js';
import { createHandler as transcriptImportHandler } from '../../functions/transcript-import/handler.js';
import { lambdaContext } from '../../local/aws-stand-ins/lambda-context.js';
import { LocalPipeline } from '../../local/runner/local-pipeline.js';
import { sampleRecordingWav } from '../../local/runner/sample-recording.js';
import { contactIdOf, inboundCall } from './support.js';

const uploadRecording = (event: unknown) =>
  recordingUploadHandler(event, lambdaContext({ functionName: 'recording-upload' }));

let pipeline: LocalPipeline | undefined;
afterEach(async () => {
  await pipeline?.stop();
  pipeline = undefined;
});

const BUCKET = 'amazon-connect-recordings-local';

async function s3Error(send: Promise<unknown>): Promise<{ name: string; status: number | undefined }> {
  try {
    await send;
  } catch (error) {
    if (error instanceof S3ServiceException)
      return { name: error.name, status: error.$metadata.httpStatusCode };
    throw error;
  }
  throw new Error('the request succeeded');
}

describe('missing S3 objects on AWS semantics', () => {
  it('answers NoSuchKey inside the listing grants and 403 AccessDenied outside them', async () => {
    pipeline = await LocalPipeline.start();
    await pipeline.putRecording(`${BUCKET}/connect/x/CallRecordings/present.wav`, 'x');
    const s3 = pipeline.s3;
    expect(
      await s3Error(s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'connect/x/missing.wav' }))),
    ).toEqual({ name: 'NoSuchKey', status: 404 });
    expect(
      await s3Error(s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'elsewhere/missing.wav' }))),
    ).toEqual({ name: 'AccessDenied', status: 403 });
    expect(
      (await s3Error(s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key: 'elsewhere/missing.wav' }))))
        .status,
    ).toBe(403);
    // Existing objects are unaffected.
    const present = await s3.send(
      new GetObjectCommand({ Bucket: BUCKET, Key: 'connect/x/CallRecordings/present.wav' }),
    );
    expect(await present.Body?.transformToString()).toBe('x');
  });

  it('recording-upload: a late recording is Recording.NotFound (retried); one outside the grants is AccessDenied (not retried)', async () => {
    pipeline = await LocalPipeline.start();
    await pipeline.putRecording(`${BUCKET}/connect/other.wav`, 'x');
    const event = (key: string) => ({
      contactId: 'c-1',
      analyticsRecordId: 'a0B000000000001AAA',
      recordingLocation: `${BUCKET}/${key}`,
    });
    await expect(uploadRecording(event('connect/x/CallRecordings/late.wav'))).rejects.toMatchObject({
      name: 'Recording.NotFound',
    });
    await expect(uploadRecording(event('custom-prefix/late.wav'))).rejects.toMatchObject({
      name: 'AccessDenied',
    });
  });

  it('transcript-import: a transcript not written yet is Transcript.NotFound (retried by the ASL); one outside the grants is AccessDenied', async () => {
    pipeline = await LocalPipeline.start();
    const s3 = pipeline.s3;
    const handler = transcriptImportHandler({ s3: { send: (command: never) => s3.send(command) } });
    const bucket = 'transcribe-output-local';
    await pipeline.putRecording(`${bucket}/transcripts/other.json`, '{}');
    const request = (key: string) => ({
      action: 'importTranscript',
      contactId: 'c-1',
      analyticsRecordId: 'a0B000000000001AAA',
      transcript: { bucket, key },
      languageCode: 'en-US',
      comprehendAnalyses: [],
    });
    const context = { functionName: 'transcript-import', awsRequestId: 'missing' } as Context;
    await expect(handler(request('transcripts/c-1_late.json'), context)).rejects.toMatchObject({
      name: 'Transcript.NotFound',
    });
    await expect(handler(request('elsewhere/c-1.json'), context)).rejects.toMatchObject({
      name: 'AccessDenied',
    });
  });

  it('retries the upload while Connect has not written the recording yet, then uploads it', async () => {
    let attempts = 0;
    const late = inboundCall(7);
    const location = String((late.Recording as { Location: string }).Location);
    pipeline = await LocalPipeline.start({
      env: { RECORDING_UPLOAD_ENABLED: 'true' },
      runner: {
        lambdaHandlers: {
          // The recording lands in S3 only after the first attempt found it missing.
          RecordingUploadFunctionArn: async (event: never, context: Context) => {
            attempts += 1;
            try {
              return await recordingUploadHandler(event, context);
            } finally {
              if (attempts === 1) await pipeline?.putRecording(location, sampleRecordingWav({ seconds: 1 }));
            }
          },
        },
      },
    });
    await pipeline.deliver([late]);
    await pipeline.settle();

    const [execution] = pipeline.store.list();
    expect(execution.status).toBe('SUCCEEDED');
    const upload = execution.history.filter((event) => event.stateName === 'Upload recording to Salesforce');
    expect(upload.filter((event) => event.type === 'StateFailed').map((event) => event.error)).toEqual([
      'Recording.NotFound',
    ]);
    expect(upload.filter((event) => event.type === 'StateRetried')).toHaveLength(1);
    expect(attempts).toBe(2);
    const files = pipeline.emulator.records('ContentVersion');
    expect(files.map((file) => file.PathOnClient)).toEqual([`${contactIdOf(7)}_20261128T10:02_UTC.wav`]);
  });
});
