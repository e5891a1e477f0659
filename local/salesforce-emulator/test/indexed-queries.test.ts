import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryPath, type Session, startSession } from './helpers.js';

type QueryBody = { totalSize: number; records: Array<Record<string, unknown>> };

/** Queries an index can answer return what a scan returns: same records, same order. */
describe('SOQL over indexed fields', () => {
  let session: Session;
  const accounts: string[] = [];
  const contacts: string[] = [];
  const ids = async (soql: string, all = false) =>
    (
      await session.api<QueryBody>('GET', queryPath(soql).replace('/query?', all ? '/queryAll?' : '/query?'))
    ).body.records.map((record) => record.Id);

  beforeAll(async () => {
    session = await startSession({ seed: false });
    for (const name of ['A', 'B']) {
      accounts.push((await session.api<{ id: string }>('POST', '/sobjects/Account', { Name: name })).body.id);
    }
    for (const [index, lastName] of ['One', 'Two', 'Three', 'Four'].entries()) {
      const response = await session.api<{ id: string }>('POST', '/sobjects/Contact', {
        LastName: lastName,
        AccountId: accounts[index % 2],
      });
      contacts.push(response.body.id);
    }
    // Moves contact One to account B after the others: the index changes, the table order does not.
    await session.api('PATCH', `/sobjects/Contact/${contacts[0]}`, { AccountId: accounts[1] });
    await session.api('DELETE', `/sobjects/Contact/${contacts[3]}`);
  });
  afterAll(() => session.emulator.stop());

  it('reference = literal (15- or 18-character id), in table order, deleted records only in queryAll', async () => {
    // Account A: Three; account B: One (moved), Two, Four (deleted).
    expect(await ids(`SELECT Id FROM Contact WHERE AccountId = '${accounts[1]}'`)).toEqual([
      contacts[0],
      contacts[1],
    ]);
    expect(await ids(`SELECT Id FROM Contact WHERE AccountId = '${accounts[1].slice(0, 15)}'`)).toEqual([
      contacts[0],
      contacts[1],
    ]);
    expect(await ids(`SELECT Id FROM Contact WHERE AccountId = '${accounts[0]}'`)).toEqual([contacts[2]]);
    expect(await ids(`SELECT Id FROM Contact WHERE AccountId = '${accounts[1]}'`, true)).toEqual([
      contacts[0],
      contacts[1],
      contacts[3],
    ]);
  });

  it('Id IN, AND with an unindexed condition, OR of indexed conditions', async () => {
    expect(
      await ids(`SELECT Id FROM Contact WHERE Id IN ('${contacts[2]}', '${contacts[0]}', '${contacts[3]}')`),
    ).toEqual([contacts[0], contacts[2]]);
    expect(
      await ids(`SELECT Id FROM Contact WHERE AccountId = '${accounts[0]}' AND LastName = 'three'`),
    ).toEqual([contacts[2]]);
    expect(
      await ids(`SELECT Id FROM Contact WHERE AccountId = '${accounts[0]}' OR Id = '${contacts[0]}'`),
    ).toEqual([contacts[0], contacts[2]]);
    expect(
      await ids(`SELECT Id FROM Contact WHERE AccountId = '${accounts[0]}' OR LastName = 'Two'`),
    ).toEqual([contacts[1], contacts[2]]);
  });

  it('a case-sensitive external id is found by SOQL in any case, and upserted only by its exact value', async () => {
    const object = 'AC_ContactTraceRecord__c';
    const created = await session.api<{ id: string; created: boolean }>(
      'PATCH',
      `/sobjects/${object}/ContactId__c/Contact-ABC`,
      {},
    );
    expect(created.status).toBe(201);
    expect(await ids(`SELECT Id FROM ${object} WHERE ContactId__c = 'contact-abc'`)).toEqual([
      created.body.id,
    ]);
    const other = await session.api<{ id: string }>(
      'PATCH',
      `/sobjects/${object}/ContactId__c/contact-abc`,
      {},
    );
    expect(other.status).toBe(201);
    expect(other.body.id).not.toBe(created.body.id);
    const again = await session.api<{ id: string }>(
      'PATCH',
      `/sobjects/${object}/ContactId__c/Contact-ABC`,
      {},
    );
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(created.body.id);
  });
});
