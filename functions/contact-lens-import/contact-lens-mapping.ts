/**
 * Maps a Contact Lens analysis onto the analytics record (the original's fields), tolerant of every
 * missing block (chat files have no talk speed/time, a silent customer has no quarter scores):
 * absent values are left out of the update rather than written as null, and zeros are kept.
 * Field names are without namespace.
 *
 * @example
 * ```ts
 * const { fields, transcript } = contactLensFields(analysis, { recordingPath: undefined });
 * fields.ContactLensCustomerSentimentCurve__c; // 'S'
 * ```
 */
import type { JsonSource } from '../../shared/json/json-source.js';
import { type PythonJsonValue, pythonJson } from '../../shared/json/python-json.js';
import type {
  ContactLensAnalysis,
  ContactLensTranscriptEntry,
  PeriodScore,
  SentimentCurve,
} from './types.js';

/** Long text areas hold 131,072 characters. */
const LONG_TEXT_MAX_CHARS = 131_000;

function isNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

/**
 * `S` when the customer's mood dips in the middle and recovers (q1 ≤ mid − 1 and mid < q4), `Z`
 * when it rises then falls (q1 ≥ mid + 1 and mid > q4), else `Other`; mid is the average of the two
 * middle quarters. Undefined without four quarter scores.
 */
export function sentimentCurve(quarters: readonly PeriodScore[] | undefined): SentimentCurve | undefined {
  const scores = (quarters ?? []).map((quarter) => quarter?.Score);
  if (scores.length !== 4 || !scores.every(isNumber)) return undefined;
  const [q1, q2, q3, q4] = scores as number[];
  const mid = (q2 + q3) / 2;
  if (q1 <= mid - 1 && mid < q4) return 'S';
  if (q1 >= mid + 1 && mid > q4) return 'Z';
  return 'Other';
}

/**
 * The transcript attachment's entries, each turn's role looked up in `Participants`. Keys are in the
 * original's order; with `source` (the file's own text), nested values and numbers are written as
 * the file has them (`70.0` stays `70.0`).
 */
export function transcriptEntries(
  analysis: ContactLensAnalysis,
  source?: JsonSource,
): ContactLensTranscriptEntry[] {
  const roles = new Map(
    (analysis.Participants ?? []).map((participant) => [
      participant.ParticipantId,
      participant.ParticipantRole,
    ]),
  );
  return (analysis.Transcript ?? []).map((turn, index) => {
    const asWritten = <T extends PythonJsonValue>(key: string, value: T): T | JsonSource =>
      source?.get('Transcript', index, key) ?? value;
    const entry: ContactLensTranscriptEntry = {
      id: turn.Id ?? null,
      participantId: turn.ParticipantId ?? null,
      beginOffsetMillis: isNumber(turn.BeginOffsetMillis)
        ? asWritten('BeginOffsetMillis', turn.BeginOffsetMillis)
        : null,
      endOffsetMillis: isNumber(turn.EndOffsetMillis)
        ? asWritten('EndOffsetMillis', turn.EndOffsetMillis)
        : null,
      content: turn.Content ?? '',
      sentiment: turn.Sentiment ?? null,
      loudness_score:
        turn.LoudnessScore === undefined
          ? null
          : asWritten('LoudnessScore', turn.LoudnessScore as PythonJsonValue),
    };
    if (turn.IssuesDetected !== undefined) {
      entry.issues_detected = asWritten('IssuesDetected', turn.IssuesDetected as PythonJsonValue);
    }
    if (turn.Redaction !== undefined)
      entry.redaction = asWritten('Redaction', turn.Redaction as PythonJsonValue);
    const role = turn.ParticipantRole ?? roles.get(turn.ParticipantId);
    if (role) entry.participantRole = role;
    if (turn.AbsoluteTime) entry.absoluteTime = turn.AbsoluteTime;
    return entry;
  });
}

/** The analytics record fields and transcript made from one analysis. */
export interface ContactLensMapping {
  /** Field values by API name without namespace. */
  fields: Record<string, string | number>;
  transcript: ContactLensTranscriptEntry[];
}

/**
 * Maps a Contact Lens analysis onto the analytics record's fields and transcript; a missing block
 * leaves its fields out of the update (zeros are kept), so nothing is blanked.
 *
 * @example
 * ```ts
 * const { fields, transcript } = contactLensFields(analysis);
 * fields.ContactLensCustomerSentimentCurve__c; // 'S'
 * ```
 */
export function contactLensFields(
  analysis: ContactLensAnalysis,
  options: { recordingPath?: string; source?: JsonSource } = {},
): ContactLensMapping {
  const fields: Record<string, string | number> = {};
  const set = (name: string, value: unknown): void => {
    if (isNumber(value) || (typeof value === 'string' && value !== '')) fields[name] = value;
  };
  // JSON text fields as the original wrote them: from the file's own text when it is at hand.
  const json = (path: readonly string[], value: unknown): string | undefined => {
    if (value === undefined || value === null) return undefined;
    return pythonJson(options.source?.get(...path) ?? (value as PythonJsonValue));
  };

  const characteristics = analysis.ConversationCharacteristics ?? {};
  const overall = characteristics.Sentiment?.OverallSentiment;
  set('ContactLensCustomerSentiment__c', overall?.CUSTOMER);
  set('ContactLensAgentSentiment__c', overall?.AGENT);
  set(
    'ContactLensCustomerSentimentCurve__c',
    sentimentCurve(characteristics.Sentiment?.SentimentByPeriod?.QUARTER?.CUSTOMER),
  );

  const interruptions = characteristics.Interruptions;
  set('ContactLensInterruptions__c', interruptions?.TotalCount);
  const byInterrupter = ['ConversationCharacteristics', 'Interruptions', 'InterruptionsByInterrupter'];
  set(
    'ContactLensAgentInterruptions__c',
    json([...byInterrupter, 'AGENT'], interruptions?.InterruptionsByInterrupter?.AGENT),
  );
  set(
    'ContactLensCustomerInterruptions__c',
    json([...byInterrupter, 'CUSTOMER'], interruptions?.InterruptionsByInterrupter?.CUSTOMER),
  );

  set('ContactLensNonTalkTime__c', characteristics.NonTalkTime?.TotalTimeMillis);
  set(
    'ContactLensTalkSpeedCustomer__c',
    characteristics.TalkSpeed?.DetailsByParticipant?.CUSTOMER?.AverageWordsPerMinute,
  );
  set(
    'ContactLensTalkSpeedAgent__c',
    characteristics.TalkSpeed?.DetailsByParticipant?.AGENT?.AverageWordsPerMinute,
  );
  set('ContactLensTalkTimeTotal__c', characteristics.TalkTime?.TotalTimeMillis);
  set(
    'ContactLensTalkTimeCustomer__c',
    characteristics.TalkTime?.DetailsByParticipant?.CUSTOMER?.TotalTimeMillis,
  );
  set('ContactLensTalkTimeAgent__c', characteristics.TalkTime?.DetailsByParticipant?.AGENT?.TotalTimeMillis);

  const categories = (analysis.Categories?.MatchedCategories ?? []).filter(
    (name) => typeof name === 'string',
  );
  if (categories.length > 0) {
    set('ContactLensMatchedCategories__c', categories.join('|'));
    set(
      'ContactLensMatchedDetails__c',
      json(['Categories', 'MatchedDetails'], analysis.Categories?.MatchedDetails ?? {}),
    );
  }
  set('RecordingPath__c', options.recordingPath);

  const transcript = transcriptEntries(analysis, options.source);
  const fullText = transcript
    .map((entry) => entry.content)
    .filter(Boolean)
    .join(' ');
  set('ContactLensTranscriptsFullText__c', fullText.slice(0, LONG_TEXT_MAX_CHARS));
  fields.DataSource__c = 'Contact_Lens';
  return { fields, transcript };
}
