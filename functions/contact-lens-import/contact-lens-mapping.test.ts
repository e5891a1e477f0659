import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  chooseAnalysisKey,
  contactIdFromKey,
  decodeS3EventKey,
  parseAnalysisKey,
  redactedRecordingPath,
} from './analysis-key.js';
import { contactLensFields, sentimentCurve } from './contact-lens-mapping.js';
import type { ContactLensAnalysis } from './types.js';

const fixture = (name: string): ContactLensAnalysis =>
  JSON.parse(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8')) as ContactLensAnalysis;

const CONTACT = '5c0b7a1e-7e2f-4c1b-9d1a-0a7f3f2b9c11';
const VOICE_KEY = `Analysis/Voice/2026/11/28/${CONTACT}_analysis_2026-11-28T10:02:11Z.json`;
const REDACTED_KEY = `Analysis/Voice/Redacted/2026/11/28/${CONTACT}_analysis_redacted_2026-11-28T10:02:11Z.json`;

describe('analysis keys', () => {
  it('parses voice, redacted and chat keys', () => {
    expect(parseAnalysisKey(VOICE_KEY)).toEqual({
      channel: 'Voice',
      redacted: false,
      datePath: '2026/11/28',
      contactId: CONTACT,
      timestamp: '2026-11-28T10:02:11Z',
    });
    expect(parseAnalysisKey(REDACTED_KEY)).toMatchObject({ redacted: true, contactId: CONTACT });
    expect(
      parseAnalysisKey(`Analysis/Chat/2026/11/28/${CONTACT}_analysis_2026-11-28T10:06:00Z.json`),
    ).toMatchObject({
      channel: 'Chat',
    });
    expect(parseAnalysisKey('connect/acme/CallRecordings/2026/11/28/x.wav')).toBeUndefined();
  });

  it('takes the contact id from the file name before _analysis_', () => {
    expect(contactIdFromKey(REDACTED_KEY)).toBe(CONTACT);
    expect(contactIdFromKey('Analysis/Voice/odd/name.json')).toBeUndefined();
  });

  it('decodes S3 event keys with + as space before percent-decoding', () => {
    expect(decodeS3EventKey('Analysis/Voice/2026/11/28/a+b_analysis_2026-11-28T10%3A02%3A11Z.json')).toBe(
      'Analysis/Voice/2026/11/28/a b_analysis_2026-11-28T10:02:11Z.json',
    );
    expect(decodeS3EventKey('x%2By')).toBe('x+y');
  });

  it('derives the redacted recording path of voice analyses only', () => {
    expect(redactedRecordingPath('bucket', VOICE_KEY)).toBe(
      `bucket/Analysis/Voice/Redacted/2026/11/28/${CONTACT}_call_recording_redacted_2026-11-28T10:02:11Z.wav`,
    );
    expect(redactedRecordingPath('bucket', REDACTED_KEY)).toBe(redactedRecordingPath('bucket', VOICE_KEY));
    expect(
      redactedRecordingPath('bucket', `Analysis/Chat/2026/11/28/${CONTACT}_analysis_t.json`),
    ).toBeUndefined();
  });

  it('chooses the preferred kind, else the other, latest first, of this contact only', () => {
    const older = `Analysis/Voice/2026/11/28/${CONTACT}_analysis_2026-11-28T09:00:00Z.json`;
    const other = 'Analysis/Voice/2026/11/28/someone-else_analysis_2026-11-28T11:00:00Z.json';
    const keys = [older, VOICE_KEY, REDACTED_KEY, other];
    expect(chooseAnalysisKey(keys, CONTACT, false)).toBe(VOICE_KEY);
    expect(chooseAnalysisKey(keys, CONTACT, true)).toBe(REDACTED_KEY);
    expect(chooseAnalysisKey([REDACTED_KEY], CONTACT, false)).toBe(REDACTED_KEY);
    expect(chooseAnalysisKey([other], CONTACT, false)).toBeUndefined();
  });
});

describe('sentimentCurve', () => {
  const quarters = (...scores: number[]) => scores.map((Score) => ({ Score }));
  it('labels S, Z and Other like the original', () => {
    expect(sentimentCurve(quarters(-2.5, 0, 0.6, 3.8))).toBe('S'); // q1 ≤ mid−1, mid < q4
    expect(sentimentCurve(quarters(3, 1, 1, -1))).toBe('Z'); // q1 ≥ mid+1, mid > q4
    expect(sentimentCurve(quarters(0, 0, 0, 0))).toBe('Other');
    expect(sentimentCurve(quarters(-1, 0, 0, 0))).toBe('Other'); // mid not below q4
  });
  it('is undefined without four scores', () => {
    expect(sentimentCurve(quarters(1, 2))).toBeUndefined();
    expect(sentimentCurve(undefined)).toBeUndefined();
  });
});

describe('contactLensFields', () => {
  it('maps the voice analysis', () => {
    const { fields, transcript } = contactLensFields(fixture('voice-analysis.json'));
    expect(fields).toEqual({
      ContactLensCustomerSentiment__c: 1.4,
      ContactLensAgentSentiment__c: 2.1,
      ContactLensCustomerSentimentCurve__c: 'S',
      ContactLensInterruptions__c: 2,
      ContactLensAgentInterruptions__c:
        '[{"BeginOffsetMillis": 24750, "DurationMillis": 330, "EndOffsetMillis": 25080}]',
      ContactLensCustomerInterruptions__c:
        '[{"BeginOffsetMillis": 10320, "DurationMillis": 490, "EndOffsetMillis": 10810}]',
      ContactLensNonTalkTime__c: 1730,
      ContactLensTalkSpeedCustomer__c: 152,
      ContactLensTalkSpeedAgent__c: 171,
      ContactLensTalkTimeTotal__c: 27410,
      ContactLensTalkTimeCustomer__c: 11580,
      ContactLensTalkTimeAgent__c: 15830,
      ContactLensMatchedCategories__c: 'Billing dispute|Refund',
      ContactLensMatchedDetails__c:
        '{"Billing dispute": {"PointsOfInterest": [{"BeginOffsetMillis": 5120, "EndOffsetMillis": 9870}]}, "Refund": {"PointsOfInterest": [{"BeginOffsetMillis": 17360, "EndOffsetMillis": 23100}]}}',
      ContactLensTranscriptsFullText__c: expect.stringMatching(
        /^Thank you for calling .* Have a nice day\.$/,
      ),
      DataSource__c: 'Contact_Lens',
    });
    expect(transcript).toHaveLength(7);
    expect(transcript[1]).toEqual({
      id: '9ec9b1c4-3b6a-4a0e-8d41-5e3f0c2a1b02',
      participantId: 'CUSTOMER',
      participantRole: 'CUSTOMER',
      beginOffsetMillis: 5120,
      endOffsetMillis: 9870,
      content: "Hi Sam, I'm calling about my bill. It looks like I was charged twice this month.",
      sentiment: 'NEGATIVE',
      loudness_score: [78.6, 81.2, 80.4, 79.9, 77.3],
      issues_detected: [
        {
          CharacterOffsets: { BeginOffsetChar: 50, EndOffsetChar: 80 },
          Text: 'I was charged twice this month',
        },
      ],
    });
  });

  it('maps the redacted analysis with the redacted recording path and keeps the redaction blocks', () => {
    const path = redactedRecordingPath('recordings', REDACTED_KEY)!;
    const { fields, transcript } = contactLensFields(fixture('voice-analysis-redacted.json'), {
      recordingPath: path,
    });
    expect(fields.RecordingPath__c).toBe(path);
    expect(fields.ContactLensTranscriptsFullText__c).toContain('my name is [PII]');
    expect(transcript[0].redaction).toEqual({
      RedactedTimestamps: [{ BeginOffsetMillis: 3010, EndOffsetMillis: 3330 }],
    });
  });

  it('tolerates a chat analysis without talk time, talk speed, interruptions or categories', () => {
    const { fields, transcript } = contactLensFields(fixture('chat-analysis.json'));
    expect(fields).toEqual({
      ContactLensCustomerSentiment__c: -0.4,
      ContactLensAgentSentiment__c: 1.5,
      ContactLensCustomerSentimentCurve__c: 'Other',
      ContactLensTranscriptsFullText__c:
        'Hi, where is my order 1188? Let me check that for you. It ships tomorrow. It was supposed to arrive last week.',
      DataSource__c: 'Contact_Lens',
    });
    expect(transcript[0]).toMatchObject({
      participantRole: 'CUSTOMER',
      beginOffsetMillis: null,
      absoluteTime: '2026-11-28T10:05:01.123Z',
    });
  });

  it('keeps zeros and writes only DataSource for an empty analysis', () => {
    expect(contactLensFields({}).fields).toEqual({ DataSource__c: 'Contact_Lens' });
    const zeros = contactLensFields({ ConversationCharacteristics: { NonTalkTime: { TotalTimeMillis: 0 } } });
    expect(zeros.fields.ContactLensNonTalkTime__c).toBe(0);
  });
});
