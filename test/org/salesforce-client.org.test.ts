/**
 * Contract of the Salesforce client against the org in SF_* (`npm run test:org`): what the
 * functions rely on, checked against whatever org answers — a Developer Edition org with the CTI
 * package, or the emulator in CI. Every record carries the run's tag and is deleted afterwards.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { getSalesforceClient, resetSalesforceClient } from '../../shared/salesforce/from-environment.js';
import { soql, soqlIdentifier } from '../../shared/salesforce/soql.js';
import { OrgRun } from './support/org-run.js';

const run = new OrgRun();
const client = getSalesforceClient();
afterAll(async () => {
  try {
    await run.cleanUp(client);
  } finally {
    resetSalesforceClient();
  }
});

describe('Salesforce client contract', () => {
  it('creates, reads, updates, queries (escaped literal) and deletes a Contact', async () => {
    const lastName = `${run.tag} O'Brien \\ test`;
    const id = await client.create('Contact', { LastName: lastName, Phone: '+15555550101' });
    run.created('Contact', id);
    expect(id).toMatch(/^003[A-Za-z0-9]{15}$/);

    await client.update('Contact', id, { FirstName: 'Contract' });
    const record = await client.get('Contact', id, ['FirstName', 'LastName']);
    expect(record).toMatchObject({ FirstName: 'Contract', LastName: lastName });

    const { records } = await client.query(soql`SELECT Id FROM Contact WHERE LastName = ${lastName}`);
    expect(records.map((found) => found.Id)).toEqual([id]);

    await client.delete('Contact', id);
    await expect(client.get('Contact', id)).rejects.toMatchObject({
      name: 'Salesforce.Request',
      errorCode: expect.stringMatching(/^(ENTITY_IS_DELETED|NOT_FOUND)$/),
    });
  });

  it('upserts the CTR by ContactId__c idempotently: created, then updated, one record', async () => {
    const object = run.apiName('AC_ContactTraceRecord__c');
    const contactId = `${run.tag}-upsert`;
    const first = await client.upsert(object, run.apiName('ContactId__c'), contactId, {
      [run.apiName('Channel__c')]: 'VOICE',
    });
    run.created(object, first.id);
    expect(first.created).toBe(true);
    const second = await client.upsert(object, run.apiName('ContactId__c'), contactId, {
      [run.apiName('Channel__c')]: 'CHAT',
    });
    expect(second).toEqual({ id: first.id, created: false });
    const { records } = await client.query(
      soql`SELECT Id, ${soqlIdentifier(run.apiName('Channel__c'))} FROM ${soqlIdentifier(object)} WHERE ${soqlIdentifier(run.apiName('ContactId__c'))} = ${contactId}`,
    );
    expect(records).toHaveLength(1);
    expect(records[0][run.apiName('Channel__c')]).toBe('CHAT');
  });

  it('describes the CTR object with the fields the import writes, and a picklist with its values', async () => {
    const ctr = await client.describe(run.apiName('AC_ContactTraceRecord__c'));
    const names = ctr.fields.map((field) => field.name);
    for (const field of ['ContactId__c', 'Attributes__c', 'InitiationTimestamp__c', 'QueueDuration__c']) {
      expect(names).toContain(run.apiName(field));
    }
    const caseObject = await client.describe('Case');
    const status = caseObject.fields.find((field) => field.name === 'Status') as
      | { type: string; picklistValues: Array<{ value: string }> }
      | undefined;
    expect(status?.type).toBe('picklist');
    expect(status?.picklistValues.length).toBeGreaterThan(0);
  });

  it('maps refusals to typed errors: an unknown field and a too-long value are Salesforce.Request', async () => {
    await expect(client.create('Contact', { LastName: run.tag, NoSuchField__c: 'x' })).rejects.toMatchObject({
      name: 'Salesforce.Request',
      errorCode: 'INVALID_FIELD',
    });
    await expect(
      client.create('Contact', { LastName: `${run.tag}${'x'.repeat(200)}` }),
    ).rejects.toMatchObject({
      name: 'Salesforce.Request',
      errorCode: 'STRING_TOO_LONG',
    });
    const { records } = await client.query(soql`SELECT Id FROM Contact WHERE LastName = ${run.tag}`);
    expect(records).toHaveLength(0);
  });

  it('rolls a failed allOrNone composite back: nothing of it is written', async () => {
    const responses = await client.composite(
      [
        {
          method: 'POST',
          url: '/sobjects/Contact',
          referenceId: 'good',
          body: { LastName: `${run.tag} composite` },
        },
        {
          method: 'POST',
          url: '/sobjects/Contact',
          referenceId: 'bad',
          body: { LastName: run.tag, NoSuchField__c: 1 },
        },
      ],
      { allOrNone: true },
    );
    expect(responses.map((response) => response.httpStatusCode)).toEqual([400, 400]);
    const { records } = await client.query(
      soql`SELECT Id FROM Contact WHERE LastName = ${`${run.tag} composite`}`,
    );
    expect(records).toHaveLength(0);
  });
});
