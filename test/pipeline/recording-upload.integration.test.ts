/**
 * The recording-upload Lambda (real handler) streaming from s3rver into the emulator's multipart
 * ContentVersion endpoint.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { handler } from '../../functions/recording-upload/handler.js';
import { lambdaContext } from '../../local/aws-stand-ins/lambda-context.js';

const uploadRecording = (event: unknown) =>
  handler(event, lambdaContext({ functionName: 'recording-upload' }));

import { LocalPipeline } from '../../local/runner/local-pipeline.js';
import { sampleRecordingWav } from '../../local/runner/sample-recording.js';

let pipeline: LocalPipeline | undefined;
afterEach(async () => {
  await pipeline?.stop();
  pipeline = undefined;
});

const LOCATION =
  'amazon-connect-recordings-local/connect/x/CallRecordings/2026/11/28/c-1_20261128T10:02_UTC.wav';

function analyticsRecord(sf: LocalPipeline): string {
  const [created] = sf.emulator.records('amazonconnect__AC_ContactChannelAnalytics__c');
  if (created) return String(created.Id);
  throw new Error('no analytics record');
}

describe('recording upload', () => {
  it('uploads the S3 object byte for byte as a ContentVersion linked to the analytics record, once', async () => {
    pipeline = await LocalPipeline.start();
    const wav = sampleRecordingWav({ seconds: 3 });
    await pipeline.putRecording(LOCATION, wav);
    // The analytics record, as the import task creates it.
    const { handler: importContact } = await import('../../functions/contact-import/handler.js');
    await importContact(
      {
        contactId: 'c-1',
        kind: 'full',
        plan: { ctrImport: false, recordingImport: true, recordingLocation: LOCATION },
        ctr: { ContactId: 'c-1' },
      },
      lambdaContext({ functionName: 'contact-import', timeoutMs: 120_000 }),
    );
    const analyticsRecordId = analyticsRecord(pipeline);
    const event = { contactId: 'c-1', analyticsRecordId, recordingLocation: LOCATION };

    const first = await uploadRecording(event);
    expect(first.status).toBe('uploaded');
    const second = await uploadRecording(event);
    expect(second).toEqual({ status: 'alreadyUploaded', contentVersionId: first.contentVersionId });

    const versions = pipeline.emulator.records('ContentVersion');
    expect(versions).toHaveLength(1);
    expect(versions[0]).toMatchObject({
      Id: first.contentVersionId,
      FirstPublishLocationId: analyticsRecordId,
      PathOnClient: 'c-1_20261128T10:02_UTC.wav',
      ContentSize: wav.length,
    });
    expect(Buffer.from(String(versions[0]?.VersionData), 'base64').equals(wav)).toBe(true);
    const links = pipeline.emulator.records('ContentDocumentLink');
    expect(links.map((link) => link.LinkedEntityId)).toContain(analyticsRecordId);
  });

  it('a recording missing from S3 fails with Recording.NotFound, uploading nothing', async () => {
    pipeline = await LocalPipeline.start();
    await pipeline.putRecording('amazon-connect-recordings-local/other.wav', 'x');
    await expect(
      uploadRecording({
        contactId: 'c-2',
        analyticsRecordId: 'a0B000000000001AAA',
        recordingLocation: LOCATION,
      }),
    ).rejects.toMatchObject({ name: 'Recording.NotFound' });
    expect(pipeline.emulator.records('ContentVersion')).toHaveLength(0);
  });
});
