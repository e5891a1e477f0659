/**
 * Contact Lens output keys, as Amazon Connect writes them to the recording bucket:
 * `Analysis/Voice[/Redacted]/YYYY/MM/DD/<contactId>_analysis[_redacted]_<ISO timestamp>.json`
 * (and `Analysis/Chat/...`). The folders are dated by the contact's ConnectedToAgentTimestamp.
 *
 * @example
 * ```ts
 * parseAnalysisKey('Analysis/Voice/2026/11/28/5c0b…_analysis_2026-11-28T10:02:11Z.json');
 * // { channel: 'Voice', redacted: false, datePath: '2026/11/28', contactId: '5c0b…', timestamp: '2026-11-28T10:02:11Z' }
 * decodeS3EventKey('Analysis/Voice/2026/11/28/x_analysis_2026-11-28T10%3A02%3A11Z.json');
 * ```
 */

export interface AnalysisKey {
  channel: 'Voice' | 'Chat';
  redacted: boolean;
  /** `YYYY/MM/DD` */
  datePath: string;
  contactId: string;
  timestamp: string;
}

const ANALYSIS_KEY =
  /^(?:.*\/)?Analysis\/(Voice|Chat)(\/Redacted)?\/(\d{4}\/\d{2}\/\d{2})\/([^/]+?)_analysis(_redacted)?_([^/]+)\.json$/;

/**
 * The parts of a Contact Lens output key (channel, redacted or not, date folder, ContactId,
 * timestamp); undefined for any other key.
 */
export function parseAnalysisKey(key: string): AnalysisKey | undefined {
  const match = ANALYSIS_KEY.exec(key);
  if (!match) return undefined;
  return {
    channel: match[1] as 'Voice' | 'Chat',
    redacted: match[2] !== undefined || match[5] !== undefined,
    datePath: match[3],
    contactId: match[4],
    timestamp: match[6],
  };
}

/** The ContactId of any `<id>_analysis_…` key: the file name's prefix before `_analysis_`. */
export function contactIdFromKey(key: string): string | undefined {
  const name = key.split('/').at(-1) ?? '';
  const index = name.indexOf('_analysis_');
  return index > 0 ? name.slice(0, index) : undefined;
}

/**
 * S3 event keys are URL-encoded with `+` for a space (the key contains `:` from the timestamp):
 * `+` becomes a space first, then percent-decoding (the original skipped the first step).
 */
export function decodeS3EventKey(key: string): string {
  return decodeURIComponent(key.replace(/\+/g, ' '));
}

/**
 * `bucket/Analysis/Voice/Redacted/YYYY/MM/DD/<id>_call_recording_redacted_<ts>.wav`, the redacted
 * recording Contact Lens writes next to a voice analysis; undefined for chat or unknown keys.
 */
export function redactedRecordingPath(bucket: string, analysisKey: string): string | undefined {
  const key = parseAnalysisKey(analysisKey);
  if (key?.channel !== 'Voice') return undefined;
  return `${bucket}/Analysis/Voice/Redacted/${key.datePath}/${key.contactId}_call_recording_redacted_${key.timestamp}.wav`;
}

/**
 * The analysis to import among listed keys of one contact: of the preferred kind (redacted or
 * not) when there is one, else the other; the latest analysis (by its timestamp) within a kind.
 */
export function chooseAnalysisKey(
  keys: readonly string[],
  contactId: string,
  preferRedacted: boolean,
): string | undefined {
  const analyses = keys
    .map((key) => ({ key, parsed: parseAnalysisKey(key) }))
    .filter((entry) => entry.parsed?.contactId === contactId)
    .sort((a, b) => (a.parsed!.timestamp < b.parsed!.timestamp ? 1 : -1));
  const preferred = analyses.find((entry) => entry.parsed!.redacted === preferRedacted);
  return (preferred ?? analyses[0])?.key;
}
