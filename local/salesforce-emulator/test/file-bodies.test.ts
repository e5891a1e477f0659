import { describe, expect, it } from 'vitest';
import { startSalesforceEmulator } from '../index.js';
import { startSession } from './helpers.js';

/** File bodies live on disk, yet every way of reading them answers as when they were in memory. */
describe('file bodies (Attachment.Body, ContentVersion.VersionData)', () => {
  it('downloads, reports sizes, copies and saves the exact bytes', async () => {
    const session = await startSession({ seed: false });
    const body = Buffer.from([0, 1, 2, 250, 251, 252, 10, 13]);
    const account = await session.api<{ id: string }>('POST', '/sobjects/Account', { Name: 'Files' });
    const created = await session.api<{ id: string }>('POST', '/sobjects/Attachment', {
      Name: 'a.bin',
      ParentId: account.body.id,
      Body: body.toString('base64'),
    });
    expect(created.status).toBe(201);
    // An update that leaves the body alone keeps it, and its length.
    await session.api('PATCH', `/sobjects/Attachment/${created.body.id}`, { Name: 'b.bin' });
    const record = await session.api<Record<string, unknown>>(
      'GET',
      `/sobjects/Attachment/${created.body.id}`,
    );
    expect(record.body.BodyLength).toBe(body.length);
    expect(record.body.Body).toMatch(new RegExp(`/sobjects/Attachment/${created.body.id}/Body$`));
    const download = await fetch(`${session.emulator.url}${record.body.Body}`, {
      headers: { authorization: `Bearer ${session.token}` },
    });
    expect(Buffer.from(await download.arrayBuffer())).toEqual(body);
    expect(session.emulator.records('Attachment')[0].Body).toBe(body.toString('base64'));

    const state = JSON.parse(JSON.stringify(session.emulator.exportState()));
    expect(state.tables.Attachment[0].Body).toBe(body.toString('base64'));
    await session.emulator.stop();
    const again = await startSalesforceEmulator({ seed: false, state });
    try {
      expect(again.records('Attachment')[0]).toMatchObject({ Body: body.toString('base64'), BodyLength: 8 });
    } finally {
      await again.stop();
    }
  });
});
