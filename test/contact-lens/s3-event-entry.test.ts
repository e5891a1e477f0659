import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { ConnectClient, GetContactAttributesCommand } from '@aws-sdk/client-connect';
import type { Context } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createHandler } from '../../functions/contact-lens-import/handler.js';
import {
  ANALYTICS,
  analyticsOf,
  contactInput,
  type Harness,
  putAnalysis,
  RECORDING_BUCKET,
  runContact,
  startHarness,
} from '../transcription/analytics-harness.js';

const voice = JSON.parse(
  readFileSync(
    new URL('../../functions/contact-lens-import/fixtures/voice-analysis.json', import.meta.url),
    'utf8',
  ),
) as Record<string, unknown>;
const context = { functionName: 'contact-lens-import', awsRequestId: 'test' } as Context;

/** An S3 notification as S3 sends it: the key URL-encoded, spaces as '+'. */
function s3Event(...keys: string[]) {
  return {
    Records: keys.map((key) => ({
      eventSource: 'aws:s3',
      eventName: 'ObjectCreated:Put',
      s3: {
        bucket: { name: RECORDING_BUCKET },
        object: { key: encodeURIComponent(key).replace(/%2F/g, '/').replace(/%20/g, '+'), size: 100 },
      },
    })),
  };
}

describe('Contact Lens import: S3-event entry point (emulator, s3rver)', () => {
  let harness: Harness;
  const connect = mockClient(ConnectClient);
  const handler = createHandler({
    s3: { send: (command: never) => harness.pipeline.s3.send(command) },
    connect: new ConnectClient({}),
  });
  let attributes: Record<string, string>;

  beforeAll(async () => {
    harness = await startHarness({});
  });
  afterAll(async () => {
    await harness.pipeline.stop();
    connect.restore();
  });
  beforeEach(() => {
    process.env.CONTACT_LENS_IMPORT_ENABLED = 'true';
    attributes = { contactLensImportEnabled: 'true' };
    connect.reset();
    connect.on(GetContactAttributesCommand).callsFake(async () => ({ Attributes: attributes }));
  });

  it('writes the JSON fields and the transcript attachment as the original wrote them, from the file text', async () => {
    const contactId = randomUUID();
    const key = `Analysis/Voice/2026/11/28/${contactId}_analysis_2026-11-28T10:02:11Z.json`;
    // Keys out of order, an integer-like key, non-ASCII and floats written as 70.0 / 330.0.
    await putAnalysis(
      harness,
      key,
      String.raw`{"Participants": [{"ParticipantId": "CUSTOMER", "ParticipantRole": "CUSTOMER"}], "Transcript": [{"ParticipantId": "CUSTOMER", "Id": "t1", "Content": "Grüße, ich möchte kündigen", "BeginOffsetMillis": 0, "EndOffsetMillis": 2500, "Sentiment": "NEGATIVE", "LoudnessScore": [70.0, 65.5, null], "IssuesDetected": [{"Text": "kündigen", "CharacterOffsets": {"EndOffsetChar": 26, "BeginOffsetChar": 18}}]}], "ConversationCharacteristics": {"Interruptions": {"TotalCount": 1, "InterruptionsByInterrupter": {"AGENT": [{"EndOffsetMillis": 25080, "BeginOffsetMillis": 24750, "DurationMillis": 330.0}]}}}, "Categories": {"MatchedCategories": ["Kündigung"], "MatchedDetails": {"Kündigung": {"PointsOfInterest": [{"EndOffsetMillis": 2500, "BeginOffsetMillis": 0}]}, "2": {"PointsOfInterest": []}}}}`,
    );
    await handler(s3Event(key), context);
    const { records, attachments } = analyticsOf(harness, contactId);
    expect(records[0].amazonconnect__ContactLensAgentInterruptions__c).toBe(
      String.raw`[{"EndOffsetMillis": 25080, "BeginOffsetMillis": 24750, "DurationMillis": 330.0}]`,
    );
    expect(records[0].amazonconnect__ContactLensMatchedDetails__c).toBe(
      String.raw`{"K\u00fcndigung": {"PointsOfInterest": [{"EndOffsetMillis": 2500, "BeginOffsetMillis": 0}]}, "2": {"PointsOfInterest": []}}`,
    );
    expect(Buffer.from(String(attachments[0].Body), 'base64').toString('utf8')).toBe(
      String.raw`[{"id": "t1", "participantId": "CUSTOMER", "beginOffsetMillis": 0, "endOffsetMillis": 2500, "content": "Gr\u00fc\u00dfe, ich m\u00f6chte k\u00fcndigen", "sentiment": "NEGATIVE", "loudness_score": [70.0, 65.5, null], "issues_detected": [{"Text": "k\u00fcndigen", "CharacterOffsets": {"EndOffsetChar": 26, "BeginOffsetChar": 18}}], "participantRole": "CUSTOMER"}]`,
    );
  });

  it('derives the contact from the decoded key, upserts its single analytics record, and stays idempotent on redelivery', async () => {
    const contactId = randomUUID();
    const key = `Analysis/Voice/2026/11/28/${contactId}_analysis_2026-11-28T10:02:11Z.json`;
    await putAnalysis(harness, key, { ...voice, CustomerMetadata: undefined });

    const first = await handler(s3Event(key), context);
    const second = await handler(s3Event(key), context);

    expect(first).toEqual({
      objects: [
        expect.objectContaining({ contactId, analysisKey: key, transcriptTurns: 7, salesforceCalls: 2 }),
      ],
    });
    // the redelivery found its earlier attachment and replaced it (one extra call)
    expect(second).toEqual({ objects: [expect.objectContaining({ contactId, salesforceCalls: 3 })] });
    const { records, attachments } = analyticsOf(harness, contactId);
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ amazonconnect__ContactLensCustomerSentimentCurve__c: 'S' });
    expect(attachments.map((attachment) => attachment.Name)).toEqual(['ContactLensTranscripts.json']);
    const call = connect.commandCalls(GetContactAttributesCommand)[0].args[0].input;
    expect(call).toEqual({ InstanceId: process.env.AMAZON_CONNECT_INSTANCE_ID, InitialContactId: contactId });
  });

  it('updates the record the pipeline created instead of creating a second one', async () => {
    const contactId = randomUUID();
    const { input } = contactInput(contactId, { redactedRecording: true });
    const { execution } = await runContact(harness, contactId, input);
    expect(execution.status).toBe('SUCCEEDED');
    const existing = harness.pipeline.emulator.records(ANALYTICS).length;
    expect(analyticsOf(harness, contactId).records).toHaveLength(1);
    attributes = { contactLensImportEnabled: 'true', postcallRedactedRecordingImportEnabled: 'true' };
    const key = `Analysis/Voice/Redacted/2026/11/28/${contactId}_analysis_redacted_2026-11-28T10:02:11Z.json`;
    await putAnalysis(harness, key, voice);
    await handler(s3Event(key), context);
    await handler(s3Event(key), context);
    expect(harness.pipeline.emulator.records(ANALYTICS).length).toBe(existing);
    const { records } = analyticsOf(harness, contactId);
    expect(records[0].amazonconnect__RecordingPath__c).toBe(
      `${RECORDING_BUCKET}/Analysis/Voice/Redacted/2026/11/28/${contactId}_call_recording_redacted_2026-11-28T10:02:11Z.wav`,
    );
  });

  it('skips contacts that did not ask for the import, other files, and everything when the switch is off', async () => {
    const contactId = randomUUID();
    const key = `Analysis/Voice/2026/11/28/${contactId}_analysis_2026-11-28T10:02:11Z.json`;
    await putAnalysis(harness, key, voice);
    attributes = { contactLensImportEnabled: 'false' };
    expect(await handler(s3Event(key, 'Analysis/Voice/2026/11/28/readme.txt'), context)).toEqual({
      objects: [
        { key, skipped: 'contact attribute contactLensImportEnabled is not "true"' },
        { key: 'Analysis/Voice/2026/11/28/readme.txt', skipped: 'not a Contact Lens analysis file' },
      ],
    });
    const otherInstance = `Analysis/Voice/2026/11/28/${contactId}_analysis_2026-11-28T11:00:00Z.json`;
    await putAnalysis(harness, otherInstance, {
      ...voice,
      CustomerMetadata: { ContactId: contactId, InstanceId: 'other' },
    });
    expect(await handler(s3Event(otherInstance), context)).toEqual({
      objects: [{ key: otherInstance, skipped: 'analysis of another Connect instance (other)' }],
    });
    process.env.CONTACT_LENS_IMPORT_ENABLED = 'false';
    expect(await handler(s3Event(key), context)).toEqual({
      objects: [{ key, skipped: 'Contact Lens import disabled' }],
    });
    expect(analyticsOf(harness, contactId).records).toEqual([]);
  });

  it('fails with a retryable error naming the contact when Connect cannot give its attributes', async () => {
    const contactId = randomUUID();
    const key = `Analysis/Voice/2026/11/28/${contactId}_analysis_2026-11-28T10:02:11Z.json`;
    await putAnalysis(harness, key, voice);
    connect
      .on(GetContactAttributesCommand)
      .rejects(Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' }));
    await expect(handler(s3Event(key), context)).rejects.toMatchObject({
      name: 'ContactLens.AttributesUnavailable',
      message: expect.stringContaining(contactId),
    });
  });
});
