import { describe, expect, it } from 'vitest';
import { CTR_FIXTURE_NAMES, loadCtrFixture } from '../../local/samples/ctr-fixtures.js';
import { CtrRejectedError } from './errors.js';
import { decodeBase64Utf8, decodeContactTraceRecord, parseContactTraceRecord } from './parse.js';

const b64 = (text: string): string => Buffer.from(text, 'utf8').toString('base64');

function rejection(run: () => unknown): CtrRejectedError {
  try {
    run();
  } catch (error) {
    if (error instanceof CtrRejectedError) return error;
    throw error;
  }
  throw new Error('expected a CtrRejectedError');
}

describe('parseContactTraceRecord', () => {
  it.each(CTR_FIXTURE_NAMES)('parses fixture %s', (name) => {
    const raw = loadCtrFixture(name);
    const ctr = parseContactTraceRecord(raw);
    expect(ctr.ContactId).toBe(raw['ContactId']);
    expect(typeof ctr.Attributes).toBe('object');
  });

  it('fills every known key that is absent with null and Attributes with {}', () => {
    const ctr = parseContactTraceRecord({ ContactId: 'c-1' });
    expect(ctr.Agent).toBeNull();
    expect(ctr.Queue).toBeNull();
    expect(ctr.Recording).toBeNull();
    expect(ctr.Recordings).toBeNull();
    expect(ctr.DisconnectReason).toBeNull();
    expect(ctr.LastUpdateTimestamp).toBeNull();
    expect(ctr.CustomerEndpoint).toBeNull();
    expect(ctr.AgentConnectionAttempts).toBeNull();
    expect(ctr.Attributes).toEqual({});
  });

  it('accepts explicit nulls for Agent, Queue, Recording, Recordings and DisconnectReason', () => {
    const ctr = parseContactTraceRecord(loadCtrFixture('agentless-voice'));
    expect(ctr).toMatchObject({
      Agent: null,
      Queue: null,
      Recording: null,
      Recordings: null,
      DisconnectReason: null,
    });
    expect(ctr.CustomerEndpoint).toEqual({ Address: '+12065550123', Type: 'TELEPHONE_NUMBER' });
  });

  it('keeps unknown fields at the top level and inside known objects', () => {
    const ctr = parseContactTraceRecord(loadCtrFixture('inbound-voice-agent-recording'));
    expect(ctr['Tags']).toEqual({ 'aws:connect:instanceId': '0e6d9a3c-7b1f-4c2a-9d3e-5f6a7b8c9d0e' });
    expect(ctr.Agent?.['StateTransitions']).toHaveLength(1);
    expect(ctr.Agent?.RoutingProfile?.Name).toBe('Basic Routing Profile');
  });

  it('turns values of the wrong type into null instead of failing the contact', () => {
    const ctr = parseContactTraceRecord({
      ContactId: ' c-2 ',
      Agent: 'not an object',
      Queue: [1, 2],
      AgentConnectionAttempts: '3',
      Channel: 42,
      Recordings: [{ Location: 'b/k' }, 'junk'],
      Attributes: { a: 'x', n: 5, b: true, o: { nested: 1 }, z: null },
    });
    expect(ctr.ContactId).toBe('c-2');
    expect(ctr.Agent).toBeNull();
    expect(ctr.Queue).toBeNull();
    expect(ctr.AgentConnectionAttempts).toBe(3);
    expect(ctr.Channel).toBe('42');
    expect(ctr.Recordings).toHaveLength(1);
    expect(ctr.Recordings?.[0]?.Status).toBeNull();
    expect(ctr.Attributes).toEqual({ a: 'x', n: '5', b: 'true' });
  });

  it.each([
    [null, 'not-an-object'],
    [[{ ContactId: 'x' }], 'not-an-object'],
    ['text', 'not-an-object'],
    [{}, 'missing-contact-id'],
    [{ ContactId: '' }, 'missing-contact-id'],
    [{ ContactId: '   ' }, 'missing-contact-id'],
    [{ ContactId: 12 }, 'missing-contact-id'],
  ])('rejects %j as %s', (value, reason) => {
    expect(rejection(() => parseContactTraceRecord(value)).reason).toBe(reason);
  });
});

describe('decodeContactTraceRecord', () => {
  it('decodes base64 JSON, tolerating a byte-order mark', () => {
    const ctr = decodeContactTraceRecord(b64(`\uFEFF${JSON.stringify({ ContactId: 'c-3' })}`));
    expect(ctr.ContactId).toBe('c-3');
  });

  it.each([
    ['', 'invalid-base64'],
    ['not base64!!', 'invalid-base64'],
    ['abc', 'invalid-base64'],
    [Buffer.from([0xff, 0xfe, 0xfd]).toString('base64'), 'invalid-utf8'],
    [b64('{"ContactId": '), 'invalid-json'],
    [b64('[]'), 'not-an-object'],
    [b64('{"Channel":"VOICE"}'), 'missing-contact-id'],
  ])('rejects data %j as %s', (data, reason) => {
    const error = rejection(() => decodeContactTraceRecord(data));
    expect(error.reason).toBe(reason);
    expect(error.name).toBe('Ctr.Rejected');
  });

  it('does not echo the payload in the rejection message', () => {
    const error = rejection(() => decodeContactTraceRecord(b64('{"phone": "+441122334455", oops}')));
    expect(error.message).toBe('record data is not JSON (syntax error at position 27)');
    expect(rejection(() => decodeContactTraceRecord(b64('{"phone": "+4411'))).message).not.toContain('+44');
  });

  it('decodes plain base64 text', () => {
    expect(decodeBase64Utf8(b64('héllo'))).toBe('héllo');
  });
});
