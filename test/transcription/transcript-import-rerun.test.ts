import { randomUUID } from 'node:crypto';
import type { Context } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHandler } from '../../functions/transcript-import/handler.js';
import {
  analyticsOf,
  contactInput,
  type Harness,
  runContact,
  startHarness,
  TRANSCRIBE_BUCKET,
} from './analytics-harness.js';

const context = { functionName: 'transcript-import', awsRequestId: 'rerun' } as Context;

describe('transcript import re-run (Retry after a timeout, redrive)', () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startHarness({ scenario: { outcome: 'COMPLETED', pollsUntilDone: 1 } });
  });
  afterAll(async () => {
    await harness.pipeline.stop();
  });

  it('replaces the attachments instead of duplicating them, and leaves the fields as they were', async () => {
    const contactId = randomUUID();
    const transcription = { languageCode: 'en-US', comprehendAnalyses: ['snt', 'syn'] };
    const { input } = contactInput(contactId, { transcription });
    const { execution } = await runContact(harness, contactId, input);
    expect(execution.status, execution.cause).toBe('SUCCEEDED');
    const before = analyticsOf(harness, contactId);
    const [job] = [...harness.transcribe.jobs.values()];
    const handler = createHandler({
      s3: { send: (command: never) => harness.pipeline.s3.send(command) },
      comprehend: harness.comprehend,
    });

    const again = await handler(
      {
        action: 'importTranscript',
        contactId,
        analyticsRecordId: before.records[0].Id,
        transcript: { bucket: TRANSCRIBE_BUCKET, key: `transcripts/${job.name}.json` },
        ...transcription,
      },
      context,
    );

    // one composite (update + query + inserts) and one to delete the three older copies
    expect(again).toMatchObject({ salesforceCalls: 2, attachments: expect.any(Array) });
    const after = analyticsOf(harness, contactId);
    expect(after.records).toHaveLength(1);
    expect(after.records[0].amazonconnect__Sentiment__c).toBe(before.records[0].amazonconnect__Sentiment__c);
    expect(after.attachments.map((attachment) => attachment.Name).sort()).toEqual([
      'AgentTranscripts.json',
      'ComprehendSyntax.json',
      'CustomerTranscripts.json',
    ]);
    const oldIds = before.attachments.map((attachment) => attachment.Id);
    expect(after.attachments.some((attachment) => oldIds.includes(attachment.Id))).toBe(false);
  });
});
