import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { SalesforceTransientError } from '../../shared/salesforce/errors.js';
import {
  analyticsOf,
  attachmentJson,
  contactInput,
  count,
  type Harness,
  runContact,
  startHarness,
} from './analytics-harness.js';

const TRANSCRIPTION = { languageCode: 'en-US', comprehendAnalyses: ['snt', 'kw', 'dl', 'ne', 'syn'] };

describe('post-call state machine: Transcription branch (real ASL, handlers, emulator, s3rver)', () => {
  let harness: Harness | undefined;
  afterEach(async () => {
    await harness?.pipeline.stop();
    harness = undefined;
  });

  it('imports the transcript when the job COMPLETES after several polls: fields and attachments in one call', async () => {
    harness = await startHarness({ scenario: { outcome: 'COMPLETED', pollsUntilDone: 3 } });
    const contactId = randomUUID();
    const { input, location } = contactInput(contactId, { transcription: TRANSCRIPTION });

    const { report, execution } = await runContact(harness, contactId, input);

    expect(execution.status, execution.cause).toBe('SUCCEEDED');
    const states = report.statesVisited;
    expect(count(states, 'Get transcription job')).toBe(3);
    expect(count(states, 'Wait for transcription')).toBe(3);
    expect(count(states, 'Count transcription poll')).toBe(2);
    expect(states).toContain('Import transcript');
    // Contact import (1 composite) + transcript import (1 composite); the contact import's describe
    // calls are cached per container and not part of a contact's cost.
    const usage = harness.pipeline.emulator.apiUsage();
    const describes = Object.entries(usage.byEndpoint)
      .filter(([endpoint]) => endpoint.endsWith('/describe'))
      .reduce((sum, [, calls]) => sum + calls, 0);
    expect(usage.byEndpoint['POST /composite']).toBe(2);
    expect(report.salesforceApiCalls - describes).toBe(2);

    const [job] = [...harness.transcribe.jobs.values()];
    expect(job.name).toMatch(new RegExp(`^${contactId}_[0-9a-f-]{36}$`));
    expect(job.mediaUri).toBe(`s3://${location}`);
    expect(job.outputKey).toBe(`transcripts/${job.name}.json`);

    const { records, attachments } = analyticsOf(harness, contactId);
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({
      amazonconnect__Sentiment__c: expect.stringMatching(/^(POSITIVE|NEGATIVE|NEUTRAL|MIXED), /),
      amazonconnect__DominantLanguage__c: 'en',
      amazonconnect__Keywords__c: expect.stringContaining('charged'),
      amazonconnect__NamedEntities__c: expect.stringContaining('4 4 1 2 7:QUANTITY'),
    });
    expect(attachments.map((attachment) => attachment.Name).sort()).toEqual([
      'AgentTranscripts.json',
      'ComprehendSyntax.json',
      'CustomerTranscripts.json',
    ]);
    const customer = attachments.find((attachment) => attachment.Name === 'CustomerTranscripts.json')!;
    expect(customer.ContentType).toBe('application/json');
    expect(attachmentJson(customer)).toEqual(
      expect.arrayContaining([
        { start_time: 5.12, end_time: 5.33, content: 'Hi Sam,' },
        { start_time: 5.7, end_time: 5.96, content: "I'm calling about my bill." },
      ]),
    );
    expect(JSON.stringify(execution.output)).not.toContain('calling about my bill');
  });

  it('records the reason and fails visibly when the job FAILS', async () => {
    harness = await startHarness({
      scenario: { outcome: 'FAILED', pollsUntilDone: 2, failureReason: 'Unsupported audio sample rate.' },
    });
    const contactId = randomUUID();
    const { input } = contactInput(contactId, { transcription: TRANSCRIPTION });

    const { report, execution } = await runContact(harness, contactId, input);

    expect(execution.status).toBe('FAILED');
    expect(execution.error).toBe('Transcription.Failed');
    expect(execution.cause).toContain('Unsupported audio sample rate.');
    // The branch records its FAILED result; the execution fails once nothing else is planned.
    expect(report.statesVisited.slice(-3)).toEqual([
      'Record transcription failure',
      'Next step after transcription?',
      'Transcription failed',
    ]);
    expect(report.statesVisited).not.toContain('Import transcript');
    expect(report.statesVisited).not.toContain('Summarise contact');
    const { records, attachments } = analyticsOf(harness, contactId);
    expect(records).toHaveLength(1);
    expect(records[0].amazonconnect__Sentiment__c ?? null).toBeNull();
    expect(attachments.map((attachment) => attachment.Name)).toEqual(['TranscriptionFailure.json']);
    expect(attachmentJson(attachments[0])).toMatchObject({
      status: 'FAILED',
      reason: 'Unsupported audio sample rate.',
    });
  });

  it('a redrive of a permanently failed transcription neither starts another job nor writes again', async () => {
    harness = await startHarness({
      scenario: { outcome: 'FAILED', pollsUntilDone: 1, failureReason: 'Unsupported audio sample rate.' },
    });
    const contactId = randomUUID();
    const { input } = contactInput(contactId, { transcription: TRANSCRIPTION });
    const { execution } = await runContact(harness, contactId, input);
    expect(execution.error).toBe('Transcription.Failed');
    const startsBefore = harness.transcribe.calls.start;
    const compositesBefore = harness.pipeline.emulator.apiUsage().byEndpoint['POST /composite'];

    harness.pipeline.runner.redriveExecution(contactId);
    const redriven = await harness.pipeline.runner.wait(contactId);

    // Redrive restarts at the failed state, the Fail state: the outcome is final.
    expect(redriven.status).toBe('FAILED');
    expect(redriven.error).toBe('Transcription.Failed');
    expect(redriven.cause).toContain('Unsupported audio sample rate.');
    expect(redriven.redriveCount).toBe(1);
    expect(harness.transcribe.calls.start).toBe(startsBefore);
    expect(harness.pipeline.emulator.apiUsage().byEndpoint['POST /composite']).toBe(compositesBefore);
    expect(analyticsOf(harness, contactId).attachments).toHaveLength(1);
  });

  it('a transient error recording the failure still fails the branch (retried, not caught)', async () => {
    let attempts = 0;
    harness = await startHarness({
      scenario: { outcome: 'FAILED', pollsUntilDone: 1, failureReason: 'Unsupported audio sample rate.' },
      wrapLambda: (substitution, handler) =>
        substitution !== 'TranscriptImportFunctionArn'
          ? handler
          : (event, context) => {
              if ((event as { action?: string }).action !== 'recordTranscriptionFailure')
                return handler(event, context);
              attempts += 1;
              throw new SalesforceTransientError('SERVER_UNAVAILABLE: try again later', { status: 503 });
            },
    });
    const contactId = randomUUID();
    const { input } = contactInput(contactId, { transcription: TRANSCRIPTION });

    const { report, execution } = await runContact(harness, contactId, input);

    expect(execution.status).toBe('FAILED');
    expect(execution.error).toBe('Salesforce.Transient');
    expect(attempts).toBe(9); // the first attempt and the 8 retries of the ASL
    expect(report.statesVisited.at(-1)).toBe('Record transcription failure');
    expect(report.statesVisited).not.toContain('Transcription failed');
  });

  it('gives up after TranscriptionMaxPolls status checks when the job never finishes', async () => {
    harness = await startHarness({
      scenario: { outcome: 'NEVER' },
      substitutions: { TranscriptionMaxPolls: '4' },
    });
    const contactId = randomUUID();
    const { input } = contactInput(contactId, { transcription: TRANSCRIPTION });

    const { report, execution } = await runContact(harness, contactId, input);

    expect(execution.status).toBe('FAILED');
    expect(execution.error).toBe('Transcription.Failed');
    expect(execution.cause).toMatch(/TIMED_OUT .*still IN_PROGRESS after 4 status checks/);
    expect(count(report.statesVisited, 'Get transcription job')).toBe(4);
    expect(harness.transcribe.calls.get).toBe(4);
    const { attachments } = analyticsOf(harness, contactId);
    expect(attachmentJson(attachments[0])).toMatchObject({ status: 'TIMED_OUT' });
  });

  it('chunks a 30,000-byte customer transcript under the Comprehend limit and stores the combined result', async () => {
    const sentence = [
      'I',
      'was',
      'charged',
      'twice',
      'for',
      'the',
      'premium',
      'plan',
      'in',
      'München',
      'again.',
    ];
    const items: unknown[] = [];
    let time = 0;
    let textBytes = 0;
    while (textBytes < 30_200) {
      for (const word of sentence) {
        const content = word.replace('.', '');
        textBytes += Buffer.byteLength(word) + 1;
        items.push({
          type: 'pronunciation',
          start_time: time.toFixed(2),
          end_time: (time + 0.3).toFixed(2),
          alternatives: [{ confidence: '0.99', content }],
        });
        if (word.endsWith('.'))
          items.push({ type: 'punctuation', alternatives: [{ confidence: '0.0', content: '.' }] });
        time += 0.35;
      }
    }
    const transcript = {
      results: {
        transcripts: [{ transcript: '' }],
        channel_labels: {
          number_of_channels: 2,
          channels: [
            { channel_label: 'ch_0', items },
            { channel_label: 'ch_1', items: [] },
          ],
        },
      },
    };
    harness = await startHarness({ scenario: { outcome: 'COMPLETED', pollsUntilDone: 1, transcript } });
    const contactId = randomUUID();
    const { input } = contactInput(contactId, { transcription: TRANSCRIPTION });

    const { execution } = await runContact(harness, contactId, input);

    expect(execution.status, execution.cause).toBe('SUCCEEDED');
    const documents = harness.comprehend.calls.flatMap((call) => call.documentBytes);
    const perAnalysis = harness.comprehend.calls.filter(
      (call) => call.command === 'BatchDetectSentimentCommand',
    );
    expect(perAnalysis.flatMap((call) => call.documentBytes).reduce((a, b) => a + b, 0)).toBeGreaterThan(
      30_000,
    );
    expect(Math.max(...documents)).toBeLessThan(5000);
    const { records } = analyticsOf(harness, contactId);
    // Every chunk repeats the same phrases: merged once each.
    expect(records[0].amazonconnect__Keywords__c).toBe('charged, twice, the premium, München, again');
    expect(records[0].amazonconnect__Sentiment__c).toMatch(/^NEGATIVE, /);
  });
});
