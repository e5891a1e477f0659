/** Helpers shared by the pipeline acceptance tests. */
import { loadCtrFixture } from '../../local/samples/ctr-fixtures.js';

/** A deterministic ContactId (UUID v4 shape) for contact number `n`. */
export function contactIdOf(n: number): string {
  const hex = n.toString(16).padStart(12, '0');
  return `00000000-0000-4000-8000-${hex}`;
}

/**
 * The inbound voice call fixture as contact `n`: own ContactId and recording location, and
 * `LastUpdateTimestamp` shifted by `versionSeconds` (a later version of the same contact).
 */
export function inboundCall(n: number, versionSeconds = 0): Record<string, unknown> {
  const ctr = loadCtrFixture('inbound-voice-agent-recording');
  const contactId = contactIdOf(n);
  const location = `amazon-connect-recordings-local/connect/example-instance/CallRecordings/2026/11/28/${contactId}_20261128T10:02_UTC.wav`;
  ctr.ContactId = contactId;
  ctr.Recording = { ...(ctr.Recording as object), Location: location };
  ctr.Recordings = (ctr.Recordings as Array<Record<string, unknown>>).map((entry) => ({
    ...entry,
    Location: location,
  }));
  const base = Date.parse(String(ctr.LastUpdateTimestamp));
  ctr.LastUpdateTimestamp = new Date(base + versionSeconds * 1000).toISOString().replace('.000Z', 'Z');
  return ctr;
}

/** Field values of records, by an exact field name. */
export function values(records: Array<Record<string, unknown>>, field: string): unknown[] {
  return records.map((record) => record[field]);
}
