import { afterEach, describe, expect, it } from 'vitest';
import { startSalesforceEmulator } from '../index.js';
import type { SalesforceEmulator } from '../types.js';

const running: SalesforceEmulator[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((emulator) => emulator.stop()));
});

async function start(options: Parameters<typeof startSalesforceEmulator>[0]) {
  const emulator = await startSalesforceEmulator(options);
  running.push(emulator);
  return emulator;
}

async function token(emulator: SalesforceEmulator): Promise<string> {
  const { username, password, securityToken, consumerKey, consumerSecret } = emulator.credentials;
  const response = await fetch(`${emulator.url}/services/oauth2/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'password',
      client_id: consumerKey,
      client_secret: consumerSecret,
      username,
      password: password + securityToken,
    }),
  });
  return ((await response.json()) as { access_token: string }).access_token;
}

async function create(
  emulator: SalesforceEmulator,
  object: string,
  fields: Record<string, unknown>,
): Promise<string> {
  const response = await fetch(`${emulator.url}/services/data/v62.0/sobjects/${object}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${await token(emulator)}`, 'content-type': 'application/json' },
    body: JSON.stringify(fields),
  });
  expect(response.status).toBe(201);
  return ((await response.json()) as { id: string }).id;
}

describe('emulator state', () => {
  it('a later emulator continues from an exported org: same records, blobs intact, no id reused', async () => {
    const first = await start({ namespace: 'amazonconnect' });
    const caseId = await create(first, 'Case', { Subject: 'saved across processes' });
    await create(first, 'Attachment', {
      ParentId: caseId,
      Name: 'CustomerTranscripts.json',
      Body: Buffer.from('[{"x":1}]').toString('base64'),
    });
    const state = JSON.parse(JSON.stringify(first.exportState()));
    await first.stop();
    running.splice(0);

    const second = await start({ namespace: 'amazonconnect', state });
    const cases = second.records('Case');
    expect(cases.find((c) => c.Id === caseId)?.Subject).toBe('saved across processes');
    const [attachment] = second.records('Attachment');
    expect(Buffer.from(String(attachment?.Body), 'base64').toString()).toBe('[{"x":1}]');
    expect(second.records('Contact').length).toBeGreaterThan(0);

    const nextCaseId = await create(second, 'Case', { Subject: 'new' });
    expect(nextCaseId).not.toBe(caseId);
    expect(second.records('Case').map((c) => c.Id)).toContain(caseId);
  });
});
