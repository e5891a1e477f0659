import { describe, expect, it } from 'vitest';
import { loadCtrFixture } from '../../local/samples/ctr-fixtures.js';
import { parseComprehendAnalyses } from './comprehend-analyses.js';
import { parseContactTraceRecord } from './parse.js';
import { ctrRefreshPlan, describeReasons, isEmptyPlan, planContact, planContactWithReasons } from './plan.js';
import { findImportableRecording } from './recording.js';
import { flag, type PostCallSwitches, postCallSwitchesFromEnvironment } from './switches.js';
import type { ContactTraceRecord } from './types.js';

const ALL_ON: PostCallSwitches = {
  ctrImport: true,
  recordingImport: true,
  transcribe: true,
  contactLens: true,
  recordingUpload: false,
};
const LOCATION = 'bucket/connect/x/CallRecordings/2026/11/28/c_20261128T10:02_UTC.wav';

function voice(attributes: Record<string, string>, extra: Record<string, unknown> = {}): ContactTraceRecord {
  return parseContactTraceRecord({
    ContactId: 'c-1',
    Channel: 'VOICE',
    Attributes: attributes,
    Recording: { Location: LOCATION, Status: 'AVAILABLE', Type: 'AUDIO', DeletionReason: null },
    ...extra,
  });
}

describe('planContact', () => {
  it('plans CTR import and recording import for the inbound fixture', () => {
    const ctr = parseContactTraceRecord(loadCtrFixture('inbound-voice-agent-recording'));
    expect(planContact(ctr, ALL_ON)).toEqual({
      ctrImport: true,
      recordingImport: true,
      redactedRecording: false,
      recordingUpload: false,
      transcription: null,
      contactLens: false,
      recordingLocation: ctr.Recording?.Location,
    });
  });

  it('plans only the CTR import for the agentless call (no recording)', () => {
    const { plan, reasons } = planContactWithReasons(
      parseContactTraceRecord(loadCtrFixture('agentless-voice')),
      ALL_ON,
    );
    expect(plan).toMatchObject({ ctrImport: true, recordingImport: false, recordingLocation: null });
    expect(reasons.recordingImport).toBe('no recording');
  });

  it('plans CTR import and Contact Lens for the chat, no recording', () => {
    const plan = planContact(parseContactTraceRecord(loadCtrFixture('chat')), ALL_ON);
    expect(plan).toMatchObject({
      ctrImport: true,
      recordingImport: false,
      contactLens: true,
      transcription: null,
    });
  });

  it('redacted variant: recording import without path, transcription with parsed analyses', () => {
    const plan = planContact(parseContactTraceRecord(loadCtrFixture('redacted-recording-transcribe')), {
      ...ALL_ON,
      recordingUpload: true,
    });
    expect(plan).toMatchObject({
      ctrImport: true,
      recordingImport: true,
      redactedRecording: true,
      recordingUpload: false,
      transcription: { languageCode: 'en-US', comprehendAnalyses: ['snt', 'kw', 'ne'] },
      contactLens: true,
    });
    expect(plan.recordingLocation).toMatch(/^amazon-connect-recordings-local\//);
  });

  it('the unredacted import wins when both recording attributes are "true"', () => {
    const plan = planContact(
      voice({ postcallRecordingImportEnabled: 'true', postcallRedactedRecordingImportEnabled: 'true' }),
      ALL_ON,
    );
    expect(plan).toMatchObject({
      recordingImport: true,
      redactedRecording: false,
      recordingLocation: LOCATION,
    });
  });

  it('transcription needs both postcallTranscribeEnabled and postcallTranscribeLanguage', () => {
    expect(planContact(voice({ postcallTranscribeEnabled: 'true' }), ALL_ON).transcription).toBeNull();
    expect(planContact(voice({ postcallTranscribeLanguage: 'en-US' }), ALL_ON).transcription).toBeNull();
    expect(
      planContact(voice({ postcallTranscribeEnabled: 'true', postcallTranscribeLanguage: '  ' }), ALL_ON)
        .transcription,
    ).toBeNull();
    const plan = planContact(
      voice({ postcallTranscribeEnabled: 'true', postcallTranscribeLanguage: 'de-DE' }),
      ALL_ON,
    );
    expect(plan.transcription).toEqual({ languageCode: 'de-DE', comprehendAnalyses: [] });
    expect(plan.recordingLocation).toBe(LOCATION);
    expect(
      planContactWithReasons(voice({ postcallTranscribeEnabled: 'true' }), ALL_ON).reasons.transcription,
    ).toContain('postcallTranscribeLanguage');
  });

  it('transcription needs an importable recording', () => {
    const ctr = voice(
      { postcallTranscribeEnabled: 'true', postcallTranscribeLanguage: 'en-US' },
      { Recording: { Location: LOCATION, Status: 'DELETED', Type: 'AUDIO' } },
    );
    const { plan, reasons } = planContactWithReasons(ctr, ALL_ON);
    expect(plan.transcription).toBeNull();
    expect(reasons.transcription).toBe('Recording status is DELETED');
  });

  it('package switches override the attributes', () => {
    const ctr = voice({
      postcallCTRImportEnabled: 'true',
      postcallRecordingImportEnabled: 'true',
      postcallTranscribeEnabled: 'true',
      postcallTranscribeLanguage: 'en-US',
      contactLensImportEnabled: 'true',
    });
    const off: PostCallSwitches = {
      ctrImport: false,
      recordingImport: false,
      transcribe: false,
      contactLens: false,
      recordingUpload: true,
    };
    const { plan, reasons } = planContactWithReasons(ctr, off);
    expect(isEmptyPlan(plan)).toBe(true);
    expect(plan.recordingUpload).toBe(false);
    expect(describeReasons(reasons)).toBe(
      'ctrImport: PostcallCTRImportEnabled is off; recordingImport: PostcallRecordingImportEnabled is off; ' +
        'transcription: PostcallTranscribeEnabled is off; contactLens: ContactLensImportEnabled is off',
    );
  });

  it('attribute names are case-sensitive, values are "true" in any case', () => {
    expect(planContact(voice({ PostcallCTRImportEnabled: 'true' }), ALL_ON).ctrImport).toBe(false);
    expect(planContact(voice({ postcallCTRImportEnabled: 'TRUE ' }), ALL_ON).ctrImport).toBe(true);
    expect(planContact(voice({ postcallCTRImportEnabled: 'yes' }), ALL_ON).ctrImport).toBe(false);
  });

  it('recording upload follows RecordingUploadEnabled for an unredacted import', () => {
    const ctr = voice({ postcallRecordingImportEnabled: 'true' });
    expect(planContact(ctr, { ...ALL_ON, recordingUpload: true }).recordingUpload).toBe(true);
    expect(planContact(ctr, ALL_ON).recordingUpload).toBe(false);
  });

  it('a contact without any flag has an empty plan with a reason per branch', () => {
    const { plan, reasons } = planContactWithReasons(voice({}), ALL_ON);
    expect(isEmptyPlan(plan)).toBe(true);
    expect(Object.keys(reasons).sort()).toEqual([
      'contactLens',
      'ctrImport',
      'recordingImport',
      'transcription',
    ]);
  });

  it('the refresh plan only re-upserts the CTR', () => {
    expect(ctrRefreshPlan()).toEqual({
      ctrImport: true,
      recordingImport: false,
      redactedRecording: false,
      recordingUpload: false,
      transcription: null,
      contactLens: false,
      recordingLocation: null,
    });
  });
});

describe('findImportableRecording', () => {
  it('requires Location, AVAILABLE and AUDIO on the legacy Recording', () => {
    const base = { Location: LOCATION, Status: 'AVAILABLE', Type: 'AUDIO' };
    const of = (recording: Record<string, unknown>) =>
      findImportableRecording(parseContactTraceRecord({ ContactId: 'c', Recording: recording }));
    expect(of(base)).toEqual({ location: LOCATION, reason: null });
    expect(of({ ...base, Location: `s3://${LOCATION}` }).location).toBe(LOCATION);
    expect(of({ ...base, Location: '' }).reason).toBe('Recording has no Location');
    expect(of({ ...base, Type: 'VIDEO' }).reason).toBe('Recording type is VIDEO');
    expect(of({ ...base, Status: null }).reason).toBe('Recording status is null');
  });

  it('falls back to the first available S3 audio entry of Recordings', () => {
    const ctr = parseContactTraceRecord({
      ContactId: 'c',
      Recording: null,
      Recordings: [
        { Location: 'b/video.mp4', MediaStreamType: 'VIDEO', Status: 'AVAILABLE', StorageType: 'S3' },
        { Location: 'b/deleted.wav', MediaStreamType: 'AUDIO', Status: 'DELETED', StorageType: 'S3' },
        { Location: 'b/audio.wav', MediaStreamType: 'AUDIO', Status: 'AVAILABLE', StorageType: 'S3' },
      ],
    });
    expect(findImportableRecording(ctr)).toEqual({ location: 'b/audio.wav', reason: null });
    expect(
      findImportableRecording(
        parseContactTraceRecord({ ContactId: 'c', Recordings: [{ Location: 'x', Status: 'DELETED' }] }),
      ).reason,
    ).toBe('no available S3 audio recording');
  });
});

describe('parseComprehendAnalyses', () => {
  it.each([
    ['snt,kw', ['snt', 'kw']],
    [' snt , KW ,bogus, snt,syn,dl,ne', ['snt', 'kw', 'syn', 'dl', 'ne']],
    ['', []],
    [',,', []],
    [undefined, []],
  ])('%j → %j', (value, expected) => {
    expect(parseComprehendAnalyses(value)).toEqual(expected);
  });
});

describe('postCallSwitchesFromEnvironment', () => {
  it('defaults to the template defaults and reads true/True/TRUE', () => {
    expect(postCallSwitchesFromEnvironment({})).toEqual({
      ctrImport: true,
      recordingImport: true,
      transcribe: true,
      contactLens: true,
      recordingUpload: false,
    });
    expect(
      postCallSwitchesFromEnvironment({
        POSTCALL_CTR_IMPORT_ENABLED: 'False',
        POSTCALL_RECORDING_IMPORT_ENABLED: 'false',
        POSTCALL_TRANSCRIBE_ENABLED: 'no',
        CONTACT_LENS_IMPORT_ENABLED: 'FALSE',
        RECORDING_UPLOAD_ENABLED: 'True',
      }),
    ).toEqual({
      ctrImport: false,
      recordingImport: false,
      transcribe: false,
      contactLens: false,
      recordingUpload: true,
    });
    expect(flag('  ', true)).toBe(true);
  });
});
