import { loadCtrFixture } from '../../local/samples/ctr-fixtures.js';

/** The local recording bucket the pipeline benchmarks upload their sample recordings to. */
export const BENCH_RECORDING_BUCKET = 'amazon-connect-recordings-local';

/**
 * The contact attributes of a contact asking for every post-call feature: CTR and recording
 * import, Transcribe with all five Comprehend analyses, and the Contact Lens import.
 */
export const FULL_CONTACT_ATTRIBUTES: Readonly<Record<string, string>> = {
  postcallCTRImportEnabled: 'true',
  postcallRecordingImportEnabled: 'true',
  postcallTranscribeEnabled: 'true',
  postcallTranscribeLanguage: 'en-US',
  postcallTranscribeComprehendAnalysis: 'snt,kw,dl,ne,syn',
  contactLensImportEnabled: 'true',
};

/** A stable, valid ContactId for benchmark contact `n`. */
export function benchContactId(n: number): string {
  return `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
}

/**
 * The inbound call fixture as contact `n`, with its own recording key and the given contact attributes.
 *
 * @example
 * const ctr = recordedContact(7, { postcallCTRImportEnabled: 'true' });
 */
export function recordedContact(n: number, attributes: Record<string, string>): Record<string, unknown> {
  const ctr = loadCtrFixture('inbound-voice-agent-recording');
  const id = benchContactId(n);
  ctr.ContactId = id;
  ctr.InitialContactId = id;
  ctr.Recording = {
    ...(ctr.Recording as object),
    Location: `${BENCH_RECORDING_BUCKET}/connect/bench/CallRecordings/2026/11/28/${id}_20261128T10:02_UTC.wav`,
  };
  ctr.Recordings = null;
  ctr.Attributes = attributes;
  return ctr;
}
