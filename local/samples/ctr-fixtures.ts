/**
 * Realistic sample CTRs (local/samples/fixtures/*.json) for tests, `npm start` samples and benchmarks.
 *
 * | name | what it shows |
 * |---|---|
 * | `inbound-voice-agent-recording` | inbound call, agent, queue, recording; unknown fields (Tags, ContactLens, Agent.StateTransitions…) |
 * | `inbound-voice-agent-recording-updated` | the same contact re-published later (newer LastUpdateTimestamp, changed attributes, ACW end) |
 * | `agentless-voice` | IVR-only call: Agent, Queue, Recording, Recordings, DisconnectReason all null |
 * | `chat` | CHAT channel, no recording, no CustomerEndpoint |
 * | `transfer-first-leg`, `transfer-second-leg` | one call transferred: two ContactIds sharing InitialContactId, linked by Next/PreviousContactId |
 * | `redacted-recording-transcribe` | redacted recording import + transcription (en-US, `snt, kw,ne`) + Contact Lens attributes |
 * | `minimal-missing-optional-keys` | only ContactId, Channel, InitiationMethod, LastUpdateTimestamp, Attributes |
 *
 * Recording locations point into bucket `amazon-connect-recordings-local` (see `recordingLocationOf`).
 *
 * @example
 * ```ts
 * const ctr = loadCtrFixture('agentless-voice'); // raw JSON object, as Connect publishes it
 * ```
 */
import { readFileSync } from 'node:fs';

/**
 * The sample contact records under `local/samples/fixtures/`, one per kind of contact the pipeline
 * handles.
 */
export const CTR_FIXTURE_NAMES = [
  'inbound-voice-agent-recording',
  'inbound-voice-agent-recording-updated',
  'agentless-voice',
  'chat',
  'transfer-first-leg',
  'transfer-second-leg',
  'redacted-recording-transcribe',
  'minimal-missing-optional-keys',
] as const;

/** The name of one sample contact record. */
export type CtrFixtureName = (typeof CTR_FIXTURE_NAMES)[number];

/** The bucket that the fixtures' recording locations point into. */
export const CTR_FIXTURE_RECORDING_BUCKET = 'amazon-connect-recordings-local';

/** Absolute path of a fixture file. */
export function ctrFixturePath(name: CtrFixtureName): string {
  return new URL(`./fixtures/${name}.json`, import.meta.url).pathname;
}

/** A fresh copy of the fixture's raw JSON (mutating it does not affect other callers). */
export function loadCtrFixture(name: CtrFixtureName): Record<string, unknown> {
  return JSON.parse(readFileSync(ctrFixturePath(name), 'utf8')) as Record<string, unknown>;
}
