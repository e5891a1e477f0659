import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { analysisPrefixes, findAnalysisKeys } from './analysis-search.js';

const CONTACT = '11111111-2222-4333-8444-555555555555';
const s3 = new S3Client({ region: 'us-east-1' });
const stub = mockClient(s3);
afterEach(() => stub.reset());

const prefixes = analysisPrefixes({
  contactId: CONTACT,
  channel: 'VOICE',
  connectedToAgentTimestamp: '2026-11-28T23:59:41.512Z',
});

describe('analysis search', () => {
  it('dates the folders by the agent-connected time in UTC, chats under Analysis/Chat/', () => {
    expect(prefixes).toEqual({
      original: `Analysis/Voice/2026/11/28/${CONTACT}_analysis_`,
      redacted: `Analysis/Voice/Redacted/2026/11/28/${CONTACT}_analysis_redacted_`,
    });
    expect(
      analysisPrefixes({
        contactId: CONTACT,
        channel: 'CHAT',
        connectedToAgentTimestamp: '2026-11-29T00:30:00+01:00',
      }).original,
    ).toBe(`Analysis/Chat/2026/11/28/${CONTACT}_analysis_`);
    expect(() =>
      analysisPrefixes({ contactId: CONTACT, channel: 'VOICE', connectedToAgentTimestamp: 'soon' }),
    ).toThrow(expect.objectContaining({ name: 'ContactLens.InvalidRequest' }));
  });

  it('lists once when the preferred kind is there', async () => {
    stub
      .on(ListObjectsV2Command, { Prefix: prefixes.redacted })
      .resolves({ Contents: [{ Key: `${prefixes.redacted}2026-11-28T23:59:41Z.json` }] });
    const found = await findAnalysisKeys(s3, { bucket: 'b', prefixes, preferRedacted: true });
    expect(found).toEqual({ keys: [`${prefixes.redacted}2026-11-28T23:59:41Z.json`], listings: 1 });
    expect(stub.commandCalls(ListObjectsV2Command).map((call) => call.args[0].input)).toEqual([
      { Bucket: 'b', Prefix: prefixes.redacted, MaxKeys: 20 },
    ]);
  });

  it('falls back to the other kind when the preferred one is absent', async () => {
    stub.on(ListObjectsV2Command, { Prefix: prefixes.original }).resolves({ KeyCount: 0 });
    stub
      .on(ListObjectsV2Command, { Prefix: prefixes.redacted })
      .resolves({ Contents: [{ Key: `${prefixes.redacted}x.json` }] });
    expect(await findAnalysisKeys(s3, { bucket: 'b', prefixes, preferRedacted: false })).toEqual({
      keys: [`${prefixes.redacted}x.json`],
      listings: 2,
    });
  });
});
