import { describe, expect, it } from 'vitest';
import { CTR_FIXTURE_NAMES, loadCtrFixture } from '../../local/samples/ctr-fixtures.js';
import { buildExecutionInput, serializeExecutionInput } from './build-execution-input.js';
import { canonicalJson } from './canonical-json.js';
import { compareCtrTimestamps, ctrTimestampMillis, ctrVersionToken } from './ctr-version.js';
import {
  contactNameBase,
  fullExecutionName,
  isValidExecutionName,
  refreshExecutionName,
} from './execution-name.js';
import { parseContactTraceRecord } from './parse.js';
import { planContact } from './plan.js';
import type { PostCallSwitches } from './switches.js';

const SWITCHES: PostCallSwitches = {
  ctrImport: true,
  recordingImport: true,
  transcribe: true,
  contactLens: true,
  recordingUpload: false,
};

describe('execution names', () => {
  const contactId = '5c0b2a3e-8f41-4d6a-b7c9-1e2f3a4b5c61';

  it('names the full execution by the ContactId and the refresh by ContactId-version', () => {
    expect(fullExecutionName(contactId)).toBe(contactId);
    expect(refreshExecutionName(contactId, '2026-11-28T10:19:31Z')).toBe(`${contactId}-20261128T101931000Z`);
    expect(refreshExecutionName(contactId, '2026-11-28T10:19:31.000Z')).toBe(
      refreshExecutionName(contactId, '2026-11-28T10:19:31Z'),
    );
    expect(refreshExecutionName(contactId, null)).toBeNull();
    expect(refreshExecutionName(contactId, 'yesterday')).toBeNull();
  });

  it('keeps every name within the Step Functions rules, also for odd ContactIds', () => {
    for (const id of [
      contactId,
      'x'.repeat(60),
      'y'.repeat(61),
      'has space/slash:colon',
      'ünïcode-id',
      '[x]',
    ]) {
      const full = fullExecutionName(id);
      const refresh = refreshExecutionName(id, '2026-11-28T10:19:31.123Z');
      expect(isValidExecutionName(full)).toBe(true);
      expect(refresh !== null && isValidExecutionName(refresh)).toBe(true);
      expect(fullExecutionName(id)).toBe(full);
    }
    expect(contactNameBase('a/b')).not.toBe(contactNameBase('a:b'));
    expect(refreshExecutionName('z'.repeat(60), '2026-11-28T10:19:31.123Z')).toHaveLength(80);
  });
});

describe('CTR versions', () => {
  it('parses timestamps leniently and orders missing ones first', () => {
    expect(ctrTimestampMillis('2026-11-28T10:00:05Z')).toBe(Date.UTC(2026, 10, 28, 10, 0, 5));
    expect(ctrTimestampMillis('2026-11-28 10:00:05')).toBe(Date.UTC(2026, 10, 28, 10, 0, 5));
    expect(ctrTimestampMillis('2026-11-28T10:00:05.5Z')).toBe(Date.UTC(2026, 10, 28, 10, 0, 5, 500));
    expect(ctrTimestampMillis('')).toBeNull();
    expect(compareCtrTimestamps('2026-11-28T10:00:06Z', '2026-11-28T10:00:05.999Z')).toBeGreaterThan(0);
    expect(compareCtrTimestamps(null, '2026-11-28T10:00:05Z')).toBeLessThan(0);
    expect(compareCtrTimestamps('bad', null)).toBe(0);
    expect(ctrVersionToken('2026-11-28T10:00:05.120Z')).toBe('20261128T100005120Z');
  });
});

describe('execution input', () => {
  it('is deterministic: key order of the delivered JSON does not change the bytes', () => {
    const raw = loadCtrFixture('inbound-voice-agent-recording');
    const reordered = Object.fromEntries(Object.entries(raw).reverse());
    const a = parseContactTraceRecord(raw);
    const b = parseContactTraceRecord(reordered);
    const inputA = serializeExecutionInput(buildExecutionInput(a, planContact(a, SWITCHES), 'full'));
    const inputB = serializeExecutionInput(buildExecutionInput(b, planContact(b, SWITCHES), 'full'));
    expect(inputA).toBe(inputB);
  });

  it('keeps every field the CTR upsert maps and drops the rest', () => {
    const ctr = parseContactTraceRecord(loadCtrFixture('inbound-voice-agent-recording'));
    const input = buildExecutionInput(ctr, planContact(ctr, SWITCHES), 'full');
    expect(input).toMatchObject({
      contactId: ctr.ContactId,
      lastUpdateTimestamp: '2026-11-28T10:07:05Z',
      kind: 'full',
    });
    const compact = input.ctr;
    for (const key of [
      'AWSAccountId',
      'AgentConnectionAttempts',
      'Attributes',
      'Channel',
      'ConnectedToSystemTimestamp',
      'InitiationTimestamp',
      'InitialContactId',
      'InitiationMethod',
      'InstanceARN',
      'LastUpdateTimestamp',
      'NextContactId',
      'PreviousContactId',
      'DisconnectTimestamp',
      'DisconnectReason',
      'CustomerEndpoint',
      'SystemEndpoint',
      'TransferredToEndpoint',
      'TransferCompletedTimestamp',
      'Queue',
      'Recording',
    ]) {
      expect(compact).toHaveProperty(key);
    }
    expect(compact['Agent']).toEqual({
      ARN: ctr.Agent?.ARN,
      Username: 'jdoe',
      HierarchyGroups: ctr.Agent?.HierarchyGroups,
      RoutingProfile: { ARN: ctr.Agent?.RoutingProfile?.ARN, Name: 'Basic Routing Profile' },
      ConnectedToAgentTimestamp: '2026-11-28T10:00:41.512Z',
      AgentInteractionDuration: 331,
      AfterContactWorkStartTimestamp: '2026-11-28T10:06:12.004Z',
      AfterContactWorkEndTimestamp: '2026-11-28T10:07:02.381Z',
      AfterContactWorkDuration: 50,
      CustomerHoldDuration: 24,
      LongestHoldDuration: 24,
      NumberOfHolds: 1,
    });
    expect(compact).not.toHaveProperty('Tags');
    expect(compact).not.toHaveProperty('MediaStreams');
    expect(compact).not.toHaveProperty('SegmentAttributes');
  });

  it.each(CTR_FIXTURE_NAMES)('%s: the input is JSON-stable and well below 256 KiB', (name) => {
    const ctr = parseContactTraceRecord(loadCtrFixture(name));
    const text = serializeExecutionInput(buildExecutionInput(ctr, planContact(ctr, SWITCHES), 'full'));
    expect(JSON.parse(text)).toEqual(JSON.parse(canonicalJson(JSON.parse(text))));
    expect(Buffer.byteLength(text)).toBeLessThan(16 * 1024);
  });

  it('uses an empty lastUpdateTimestamp when Connect sent none', () => {
    const ctr = parseContactTraceRecord({ ContactId: 'c' });
    expect(buildExecutionInput(ctr, planContact(ctr, SWITCHES), 'full').lastUpdateTimestamp).toBe('');
  });

  it('canonicalJson sorts keys recursively and drops undefined', () => {
    expect(canonicalJson({ b: 1, a: { d: [{ y: 1, x: 2 }], c: undefined } })).toBe(
      '{"a":{"d":[{"x":2,"y":1}]},"b":1}',
    );
  });
});
