import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSalesforceEmulator } from '../index.js';
import type { SalesforceEmulator } from '../types.js';
import { type Session, startSession } from './helpers.js';

/**
 * The installation guide's smoke test: phoneLookup →
 * create a Case for the contact found → close it (204) → the Case is Closed.
 */
describe('sample org seed', () => {
  let session: Session;
  beforeAll(async () => {
    session = await startSession({ namespace: 'amazonconnect' });
  });
  afterAll(() => session.emulator.stop());

  it('walks through phoneLookup, create Case, update Case', async () => {
    const lookup = await session.api<{ searchRecords: Array<Record<string, unknown>> }>(
      'POST',
      '/parameterizedSearch',
      {
        q: '1122334455',
        fields: ['Id', 'Name', 'Email'],
        sobjects: [{ name: 'Contact' }],
      },
    );
    expect(lookup.body.searchRecords).toHaveLength(1);
    const contactId = lookup.body.searchRecords[0].Id;
    expect(contactId).toBe('0031r000026MVPIAA4');
    const created = await session.api<{ id: string }>('POST', '/sobjects/Case', {
      Origin: 'Phone',
      Status: 'New',
      ContactId: contactId,
      Subject: 'Amazon Connect Case',
      Priority: 'Low',
    });
    expect(created.status).toBe(201);
    const closed = await session.api('PATCH', `/sobjects/Case/${created.body.id}`, { Status: 'Closed' });
    expect(closed.status).toBe(204);
    const sample = await session.api('PATCH', '/sobjects/Case/5001r000023P6WQAA0', { Status: 'Closed' });
    expect(sample.status).toBe(204);
    const cases = session.emulator.records('Case').filter((row) => row.Subject === 'Amazon Connect Case');
    expect(cases.map((row) => row.Status)).toEqual(['Closed', 'Closed']);
  });

  it('the lookup event pattern (HomePhone LIKE) finds the contact', async () => {
    const response = await session.api<{ records: Array<Record<string, unknown>> }>(
      'GET',
      `/query?q=${encodeURIComponent("SELECT Id, Name FROM Contact WHERE HomePhone LIKE '%112%233%4455%'")}`,
    );
    expect(response.body.records.map((record) => record.Name)).toEqual(['Jane Doe']);
  });

  it('has the API user, agents, accounts, contacts, leads and a case', () => {
    const users = session.emulator.records('User').map((user) => user.Username);
    expect(users).toContain(session.emulator.credentials.username);
    expect(session.emulator.records('Account').length).toBeGreaterThanOrEqual(2);
    expect(session.emulator.records('Lead').length).toBeGreaterThanOrEqual(1);
    expect(session.emulator.records('AC_ContactTraceRecord__c')).toEqual([]);
  });
});

describe('seed option', () => {
  let emulator: SalesforceEmulator;
  afterAll(() => emulator?.stop());

  it('accepts inline seed data with $ref / @{ref} and rejects bad references', async () => {
    emulator = await startSalesforceEmulator({
      seed: {
        Account: [{ $ref: 'a', Name: 'Inline' }],
        Contact: [{ LastName: 'Linked', AccountId: '@{a}' }],
        AC_QueueMetrics__c: [{ Name: 'Support', Queue_Id__c: 'q-1' }],
      },
    });
    const [account] = emulator.records('Account');
    expect(emulator.records('Contact')[0].AccountId).toBe(account.Id);
    expect(emulator.records('AC_QueueMetrics__c')[0].Queue_Id__c).toBe('q-1');
    await expect(
      startSalesforceEmulator({ seed: { Contact: [{ LastName: 'X', AccountId: '@{missing}' }] } }),
    ).rejects.toThrow(/@\{missing\}/);
  });
});
