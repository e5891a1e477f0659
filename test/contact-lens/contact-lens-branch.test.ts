import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import {
  analyticsOf,
  attachmentJson,
  contactInput,
  count,
  type Harness,
  putAnalysis,
  RECORDING_BUCKET,
  runContact,
  startHarness,
} from '../transcription/analytics-harness.js';

const fixture = (name: string): Record<string, unknown> =>
  JSON.parse(
    readFileSync(new URL(`../../functions/contact-lens-import/fixtures/${name}`, import.meta.url), 'utf8'),
  ) as Record<string, unknown>;

/** The fixture CTR's agent connected at 2026-11-28T10:00:41.512Z: Contact Lens dates its output by it. */
const analysisKey = (contactId: string) =>
  `Analysis/Voice/2026/11/28/${contactId}_analysis_2026-11-28T10:00:41Z.json`;
const redactedKey = (contactId: string) =>
  `Analysis/Voice/Redacted/2026/11/28/${contactId}_analysis_redacted_2026-11-28T10:00:41Z.json`;

function branchesOf(output: unknown): Record<string, unknown> {
  const parsed = (typeof output === 'string' ? JSON.parse(output) : output) as {
    branches: Record<string, unknown>;
  };
  return parsed.branches;
}

/**
 * Drops the contact's analysis in only once the transcription failure has been recorded on the
 * analytics record, so the Contact Lens branch must still be running after the transcription
 * branch has given up (with ContactLensMaxPolls high enough to keep looking meanwhile).
 */
function putAnalysisOnceTranscriptionFailed(harness: Harness, contactId: string): { put: boolean } {
  const analysis = { put: false };
  harness.beforeList = async () => {
    const failureRecorded = analyticsOf(harness, contactId).attachments.some(
      (attachment) => attachment.Name === 'TranscriptionFailure.json',
    );
    if (failureRecorded && !analysis.put) {
      analysis.put = true;
      await putAnalysis(harness, analysisKey(contactId), fixture('voice-analysis.json'));
    }
  };
  return analysis;
}

describe('post-call state machine: Contact Lens branch (real ASL, handlers, emulator, s3rver)', () => {
  let harness: Harness | undefined;
  afterEach(async () => {
    await harness?.pipeline.stop();
    harness = undefined;
  });

  it('imports an analysis that is there at the first look', async () => {
    harness = await startHarness({});
    const contactId = randomUUID();
    await putAnalysis(harness, analysisKey(contactId), fixture('voice-analysis.json'));
    const { input } = contactInput(contactId, { contactLens: true });

    const { report, execution } = await runContact(harness, contactId, input);

    expect(execution.status, execution.cause).toBe('SUCCEEDED');
    // A Contact-Lens-only contact never enters the recording upload or transcription states.
    expect(report.statesVisited).toEqual([
      'Import contact trace record and recording',
      'Next step after import?',
      'Wait for Contact Lens output',
      'Look for and import Contact Lens analysis',
      'Contact Lens analysis found?',
      'Summarise contact',
    ]);
    // One listing: the original analysis (the kind this contact prefers) is there.
    expect(harness.listCalls.map((call) => call.Prefix)).toEqual([
      `Analysis/Voice/2026/11/28/${contactId}_analysis_`,
    ]);
    expect(branchesOf(execution.output).contactLens).toEqual({
      status: 'imported',
      looks: 1,
      // the first look's wait is counted as one ContactLensWaitSeconds (60 s): a safe overcount
      waitedSeconds: 60,
      analysisKey: analysisKey(contactId),
      transcriptTurns: 7,
    });
    const { records, attachments } = analyticsOf(harness, contactId);
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({
      amazonconnect__ContactLensCustomerSentiment__c: 1.4,
      amazonconnect__ContactLensAgentSentiment__c: 2.1,
      amazonconnect__ContactLensCustomerSentimentCurve__c: 'S',
      amazonconnect__ContactLensInterruptions__c: 2,
      amazonconnect__ContactLensTalkTimeTotal__c: 27410,
      amazonconnect__ContactLensMatchedCategories__c: 'Billing dispute|Refund',
      amazonconnect__DataSource__c: 'Contact_Lens',
      // the recording import's path stays: this contact did not ask for the redacted recording
      amazonconnect__RecordingPath__c: expect.stringContaining('/CallRecordings/'),
    });
    expect(attachments.map((attachment) => attachment.Name)).toEqual(['ContactLensTranscripts.json']);
    expect(attachmentJson(attachments[0])).toHaveLength(7);
    // Contact import + Contact Lens import, one composite each (describes are per container).
    expect(harness.pipeline.emulator.apiUsage().byEndpoint['POST /composite']).toBe(2);
  });

  it('keeps looking until the analysis appears, and prefers the redacted one for redacted-recording contacts', async () => {
    harness = await startHarness({ substitutions: { ContactLensMaxPolls: '5' } });
    const contactId = randomUUID();
    harness.beforeList = async (call) => {
      // calls 1-2: first look (redacted, then original), 3-4: second look; the files land before the third
      if (call === 5) {
        await putAnalysis(harness!, analysisKey(contactId), fixture('voice-analysis.json'));
        await putAnalysis(harness!, redactedKey(contactId), fixture('voice-analysis-redacted.json'));
      }
    };
    const { input } = contactInput(contactId, { contactLens: true, redactedRecording: true });

    const { report, execution } = await runContact(harness, contactId, input);

    expect(execution.status, execution.cause).toBe('SUCCEEDED');
    expect(count(report.statesVisited, 'Wait for Contact Lens output')).toBe(1);
    expect(count(report.statesVisited, 'Wait to look again for Contact Lens output')).toBe(2);
    expect(count(report.statesVisited, 'Look for and import Contact Lens analysis')).toBe(3);
    // The third look found the redacted analysis with one listing.
    expect(harness.listCalls).toHaveLength(5);
    const { records, attachments } = analyticsOf(harness, contactId);
    expect(records).toHaveLength(1);
    expect(records[0].amazonconnect__RecordingPath__c).toBe(
      `${RECORDING_BUCKET}/Analysis/Voice/Redacted/2026/11/28/${contactId}_call_recording_redacted_2026-11-28T10:00:41Z.wav`,
    );
    expect(records[0].amazonconnect__ContactLensTranscriptsFullText__c).toContain('my name is [PII]');
    expect(attachments).toHaveLength(1);
  });

  it('ends as "no analysis" after ContactLensMaxPolls and the execution still succeeds', async () => {
    harness = await startHarness({ substitutions: { ContactLensMaxPolls: '3' } });
    const contactId = randomUUID();
    const { input } = contactInput(contactId, { contactLens: true });

    const { report, execution } = await runContact(harness, contactId, input);

    expect(execution.status).toBe('SUCCEEDED');
    expect(count(report.statesVisited, 'Look for and import Contact Lens analysis')).toBe(3);
    expect(report.statesVisited.at(-1)).toBe('Summarise contact');
    // Neither kind there: each look lists the original, then the redacted folder.
    expect(harness.listCalls).toHaveLength(6);
    expect(branchesOf(execution.output).contactLens).toEqual({
      status: 'noAnalysis',
      looks: 3,
      waitedSeconds: 180,
      analysisKey: null,
      transcriptTurns: null,
    });
    const { records, attachments } = analyticsOf(harness, contactId);
    expect(records).toHaveLength(1);
    expect(records[0].amazonconnect__DataSource__c ?? null).toBeNull();
    expect(attachments).toEqual([]);
  });

  it('does not wait for an analysis of a contact no agent took', async () => {
    harness = await startHarness({});
    const contactId = randomUUID();
    const { input } = contactInput(contactId, { contactLens: true });
    const agentless = JSON.parse(input) as { ctr: Record<string, unknown> };
    agentless.ctr.Agent = null;

    const { report, execution } = await runContact(harness, contactId, JSON.stringify(agentless));

    expect(execution.status, execution.cause).toBe('SUCCEEDED');
    expect(report.statesVisited).toEqual([
      'Import contact trace record and recording',
      'Next step after import?',
      'Summarise contact',
    ]);
    expect(harness.listCalls).toEqual([]);
    expect(branchesOf(execution.output).contactLens).toEqual({
      status: 'notPlanned',
      reason: 'no agent took the contact: Contact Lens has nothing to analyse',
    });
  });

  it('still imports Contact Lens when the transcription FAILS, then ends the execution FAILED (Transcription.Failed)', async () => {
    harness = await startHarness({
      scenario: { outcome: 'FAILED', pollsUntilDone: 1, failureReason: 'Unsupported audio sample rate.' },
      substitutions: { ContactLensMaxPolls: '50' },
    });
    const contactId = randomUUID();
    const analysis = putAnalysisOnceTranscriptionFailed(harness, contactId);
    const { input } = contactInput(contactId, {
      contactLens: true,
      transcription: { languageCode: 'en-US', comprehendAnalyses: ['snt', 'kw'] },
    });

    const { report, execution } = await runContact(harness, contactId, input);

    expect(execution.status).toBe('FAILED');
    expect(execution.error).toBe('Transcription.Failed');
    expect(execution.cause).toBe(
      `Transcription FAILED for contact ${contactId}: Unsupported audio sample rate.`,
    );
    expect(analysis.put).toBe(true);
    expect(report.statesVisited).toEqual(
      expect.arrayContaining([
        'Record transcription failure',
        'Look for and import Contact Lens analysis',
        'Transcription failed',
      ]),
    );
    expect(report.statesVisited.indexOf('Look for and import Contact Lens analysis')).toBeLessThan(
      report.statesVisited.indexOf('Transcription failed'),
    );
    // The Fail state's input carries every branch's small result.
    const failEntered = execution.history.find(
      (event) => event.type === 'StateEntered' && event.stateName === 'Transcription failed',
    );
    expect(
      (failEntered!.input as { contactImport: { branches: Record<string, unknown> } }).contactImport.branches,
    ).toEqual({
      recordingUpload: { status: 'notPlanned', reason: 'recording upload not requested' },
      transcription: {
        status: 'FAILED',
        reason: `Transcription FAILED for contact ${contactId}: Unsupported audio sample rate.`,
      },
      contactLens: {
        status: 'imported',
        looks: 1,
        waitedSeconds: 60,
        analysisKey: analysisKey(contactId),
        transcriptTurns: 7,
      },
    });
    const { records, attachments } = analyticsOf(harness, contactId);
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({
      amazonconnect__ContactLensCustomerSentiment__c: 1.4,
      amazonconnect__ContactLensCustomerSentimentCurve__c: 'S',
      amazonconnect__DataSource__c: 'Contact_Lens',
    });
    expect(records[0].amazonconnect__Sentiment__c ?? null).toBeNull();
    expect(attachments.map((attachment) => attachment.Name).sort()).toEqual([
      'ContactLensTranscripts.json',
      'TranscriptionFailure.json',
    ]);
  });

  it('still imports Contact Lens when the transcription polls run out', async () => {
    harness = await startHarness({
      scenario: { outcome: 'NEVER' },
      substitutions: { TranscriptionMaxPolls: '2', ContactLensMaxPolls: '50' },
    });
    const contactId = randomUUID();
    const analysis = putAnalysisOnceTranscriptionFailed(harness, contactId);
    const { input } = contactInput(contactId, {
      contactLens: true,
      transcription: { languageCode: 'en-US', comprehendAnalyses: ['snt'] },
    });

    const { execution } = await runContact(harness, contactId, input);

    expect(execution.status).toBe('FAILED');
    expect(execution.error).toBe('Transcription.Failed');
    expect(execution.cause).toMatch(/TIMED_OUT .*after 2 status checks/);
    expect(analysis.put).toBe(true);
    const { records, attachments } = analyticsOf(harness, contactId);
    expect(records[0].amazonconnect__ContactLensCustomerSentiment__c).toBe(1.4);
    expect(attachments.map((attachment) => attachment.Name).sort()).toEqual([
      'ContactLensTranscripts.json',
      'TranscriptionFailure.json',
    ]);
  });

  it('with transcription and Contact Lens both planned, fills ONE analytics record with both sets of fields', async () => {
    harness = await startHarness({ scenario: { outcome: 'COMPLETED', pollsUntilDone: 2 } });
    const contactId = randomUUID();
    await putAnalysis(harness, analysisKey(contactId), fixture('voice-analysis.json'));
    const { input } = contactInput(contactId, {
      contactLens: true,
      transcription: { languageCode: 'en-US', comprehendAnalyses: ['snt', 'kw'] },
    });

    const { report, execution } = await runContact(harness, contactId, input);

    expect(execution.status, execution.cause).toBe('SUCCEEDED');
    expect(report.statesVisited).toEqual(
      expect.arrayContaining(['Import transcript', 'Look for and import Contact Lens analysis']),
    );
    const { records, attachments } = analyticsOf(harness, contactId);
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({
      amazonconnect__Sentiment__c: expect.any(String),
      amazonconnect__Keywords__c: expect.any(String),
      amazonconnect__ContactLensCustomerSentiment__c: 1.4,
      amazonconnect__ContactLensCustomerSentimentCurve__c: 'S',
    });
    // syntax not requested: no ComprehendSyntax.json, no DominantLanguage
    expect(records[0].amazonconnect__DominantLanguage__c ?? null).toBeNull();
    expect(attachments.map((attachment) => attachment.Name).sort()).toEqual([
      'AgentTranscripts.json',
      'ContactLensTranscripts.json',
      'CustomerTranscripts.json',
    ]);
    // CTR + recording (1), transcript (1), Contact Lens (1): three composite calls in all.
    expect(harness.pipeline.emulator.apiUsage().byEndpoint['POST /composite']).toBe(3);
  });
});
