import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idSuffix, normalizeId } from '../ids.js';
import { type Session, startSession } from './helpers.js';

type SaveBody = { id: string; success: boolean; errors: unknown[]; created?: boolean };
type ErrorBody = Array<{ message: string; errorCode: string; fields?: string[] }>;

describe('ids', () => {
  it('computes the case-safe suffix of real ids', () => {
    expect(idSuffix('0031r000026MVPI')).toBe('AA4');
    expect(idSuffix('001D000000IqhSL')).toBe('IAZ');
    expect(idSuffix('00190000001pPvH')).toBe('AAU');
  });
  it('normalises 15-character and case-mangled 18-character ids', () => {
    expect(normalizeId('0031r000026MVPI')).toBe('0031r000026MVPIAA4');
    expect(normalizeId('0031r000026mvpiaa4')).toBe('0031r000026MVPIAA4');
    expect(normalizeId('not-an-id')).toBeUndefined();
  });
});

describe('sObject REST resources', () => {
  let session: Session;
  beforeAll(async () => {
    session = await startSession({ namespace: 'amazonconnect' });
  });
  afterAll(() => session.emulator.stop());

  it('creates with 201 {id, success, errors} and an 18-character id with the key prefix', async () => {
    const created = await session.api<SaveBody>('POST', '/sobjects/Account', { Name: 'Widgets Inc' });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({ id: expect.any(String), success: true, errors: [] });
    const { id } = created.body;
    expect(id).toMatch(/^001[a-zA-Z0-9]{15}$/);
    expect(id.slice(15)).toBe(idSuffix(id.slice(0, 15)));
    for (const [object, prefix, body] of [
      ['Contact', '003', { LastName: 'X' }],
      ['Lead', '00Q', { LastName: 'X', Company: 'Y' }],
      ['Case', '500', { Subject: 'S' }],
      ['amazonconnect__AC_ContactChannelAnalytics__c', 'a0B', { amazonconnect__ContactId__c: 'cid-1' }],
    ] as const) {
      const response = await session.api<SaveBody>('POST', `/sobjects/${object}`, body);
      expect(response.status, object).toBe(201);
      expect(response.body.id.startsWith(prefix)).toBe(true);
    }
  });

  it('retrieves with attributes, all fields or ?fields=, with a 15-character id too', async () => {
    const { body } = await session.api<SaveBody>('POST', '/sobjects/Contact', {
      FirstName: 'Ann',
      LastName: 'Lee',
    });
    const full = await session.api<Record<string, unknown>>('GET', `/sobjects/Contact/${body.id}`);
    expect(full.status).toBe(200);
    expect(full.body).toMatchObject({
      attributes: { type: 'Contact', url: `/services/data/v62.0/sobjects/Contact/${body.id}` },
      Id: body.id,
      Name: 'Ann Lee',
      IsDeleted: false,
      Email: null,
    });
    const some = await session.api('GET', `/sobjects/Contact/${body.id.slice(0, 15)}?fields=Id,LastName`);
    expect(some.body).toEqual({
      attributes: { type: 'Contact', url: `/services/data/v62.0/sobjects/Contact/${body.id}` },
      Id: body.id,
      LastName: 'Lee',
    });
    const unknown = await session.api<ErrorBody>('GET', `/sobjects/Contact/${body.id}?fields=Nope__c`);
    expect(unknown.status).toBe(400);
    expect(unknown.body[0].errorCode).toBe('INVALID_FIELD');
  });

  it('updates and deletes with 204 and an empty body; deleted → 404 ENTITY_IS_DELETED', async () => {
    const { body } = await session.api<SaveBody>('POST', '/sobjects/Case', {
      Subject: 'Broken',
      Status: 'New',
    });
    const patched = await session.api('PATCH', `/sobjects/Case/${body.id}`, { Status: 'Closed' });
    expect(patched.status).toBe(204);
    expect(patched.text).toBe('');
    const read = await session.api<Record<string, unknown>>('GET', `/sobjects/Case/${body.id}`);
    expect(read.body).toMatchObject({
      Status: 'Closed',
      IsClosed: true,
      CaseNumber: expect.stringMatching(/^\d{8}$/),
    });
    const deleted = await session.api('DELETE', `/sobjects/Case/${body.id}`);
    expect(deleted.status).toBe(204);
    expect(deleted.text).toBe('');
    for (const method of ['GET', 'PATCH', 'DELETE']) {
      const again = await session.api(
        method,
        `/sobjects/Case/${body.id}`,
        method === 'PATCH' ? { Status: 'New' } : undefined,
      );
      expect(again.status).toBe(404);
      expect(again.body).toEqual([
        { message: 'entity is deleted', errorCode: 'ENTITY_IS_DELETED', fields: [] },
      ]);
    }
    expect(session.emulator.records('Case').some((record) => record.Id === body.id)).toBe(false);
    expect(
      session.emulator.records('Case', { includeDeleted: true }).some((record) => record.Id === body.id),
    ).toBe(true);
  });

  it('answers NOT_FOUND for unknown records and objects, INVALID_FIELD for unknown fields', async () => {
    const missing = await session.api('GET', '/sobjects/Contact/003000000000000AAA');
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual([
      { message: 'The requested resource does not exist', errorCode: 'NOT_FOUND' },
    ]);
    const noObject = await session.api('POST', '/sobjects/Nope__c', { Name: 'x' });
    expect(noObject.status).toBe(404);
    expect((noObject.body as ErrorBody)[0].errorCode).toBe('NOT_FOUND');
    // Packaged objects need their namespace, as in a real org.
    expect((await session.api('POST', '/sobjects/AC_ContactTraceRecord__c', {})).status).toBe(404);
    const badField = await session.api<ErrorBody>('POST', '/sobjects/Contact', {
      LastName: 'X',
      Shoe_Size__c: 9,
    });
    expect(badField.status).toBe(400);
    expect(badField.body[0]).toMatchObject({
      errorCode: 'INVALID_FIELD',
      message: "No such column 'Shoe_Size__c' on sobject of type Contact",
    });
  });

  it('validates required, read-only, long, typed and reference values', async () => {
    const required = await session.api<ErrorBody>('POST', '/sobjects/Contact', { FirstName: 'NoLast' });
    expect(required.body[0]).toEqual({
      errorCode: 'REQUIRED_FIELD_MISSING',
      message: 'Required fields are missing: [LastName]',
      fields: ['LastName'],
    });
    const readOnly = await session.api<ErrorBody>('POST', '/sobjects/Contact', { LastName: 'X', Name: 'Y' });
    expect(readOnly.body[0].errorCode).toBe('INVALID_FIELD_FOR_INSERT_UPDATE');
    const tooLong = await session.api<ErrorBody>('POST', '/sobjects/Contact', { LastName: 'x'.repeat(81) });
    expect(tooLong.body[0]).toMatchObject({ errorCode: 'STRING_TOO_LONG', fields: ['LastName'] });
    const badNumber = await session.api<ErrorBody>('POST', '/sobjects/amazonconnect__AC_QueueMetrics__c', {
      Name: 'Q',
      amazonconnect__Agents_Online__c: 'many',
    });
    expect(badNumber.body[0].errorCode).toBe('JSON_PARSER_ERROR');
    const numericString = await session.api('POST', '/sobjects/amazonconnect__AC_QueueMetrics__c', {
      Name: 'Q',
      amazonconnect__Agents_Online__c: '12',
    });
    expect(numericString.status).toBe(201);
    const badRef = await session.api<ErrorBody>('POST', '/sobjects/Case', {
      ContactId: '001000000000000AAA',
    });
    expect(badRef.body[0].errorCode).toBe('FIELD_INTEGRITY_EXCEPTION');
    const missingRef = await session.api<ErrorBody>('POST', '/sobjects/Case', {
      ContactId: '003000000000000AAA',
    });
    expect(missingRef.body[0].errorCode).toBe('INVALID_CROSS_REFERENCE_KEY');
    const malformedRef = await session.api<ErrorBody>('POST', '/sobjects/Case', { ContactId: 'abc' });
    expect(malformedRef.body[0].errorCode).toBe('MALFORMED_ID');
  });

  it('supports the POST ?_HttpMethod=PATCH override', async () => {
    const { body } = await session.api<SaveBody>('POST', '/sobjects/Lead', { LastName: 'L', Company: 'C' });
    const overridden = await session.api('POST', `/sobjects/Lead/${body.id}?_HttpMethod=PATCH`, {
      Company: 'D',
    });
    expect(overridden.status).toBe(204);
    expect(session.emulator.records('Lead').find((lead) => lead.Id === body.id)?.Company).toBe('D');
  });

  it('describes objects with fields, external ids and the namespace', async () => {
    const describe = await session.api<{
      name: string;
      keyPrefix: string;
      fields: Array<{ name: string; type: string; externalId: boolean; unique: boolean }>;
    }>('GET', '/sobjects/amazonconnect__AC_ContactTraceRecord__c/describe');
    expect(describe.status).toBe(200);
    expect(describe.body.name).toBe('amazonconnect__AC_ContactTraceRecord__c');
    expect(describe.body.keyPrefix).toBe('a0A');
    const contactId = describe.body.fields.find((field) => field.name === 'amazonconnect__ContactId__c');
    expect(contactId).toMatchObject({ type: 'string', externalId: true, unique: true });
    const names = describe.body.fields.map((field) => field.name);
    expect(names).toEqual(
      expect.arrayContaining([
        'Id',
        'Name',
        'amazonconnect__Region__c',
        'amazonconnect__DisconnectReason__c',
      ]),
    );
    const global = await session.api<{ sobjects: Array<{ name: string }> }>('GET', '/sobjects');
    expect(global.body.sobjects.map((object) => object.name)).toEqual(
      expect.arrayContaining(['Contact', 'ContentVersion', 'amazonconnect__AC_QueueMetrics__c']),
    );
  });
});

describe('upsert by external id', () => {
  let session: Session;
  const ctr = '/sobjects/AC_ContactTraceRecord__c/ContactId__c';
  beforeAll(async () => {
    session = await startSession({ seed: false });
  });
  afterAll(() => session.emulator.stop());

  it('201 created:true, then 200 created:false (v46+), same record updated', async () => {
    const first = await session.api<SaveBody>('PATCH', `${ctr}/contact-1`, { Channel__c: 'VOICE' });
    expect(first.status).toBe(201);
    expect(first.body).toEqual({
      id: expect.stringMatching(/^a0A/),
      success: true,
      errors: [],
      created: true,
    });
    const second = await session.api<SaveBody>('PATCH', `${ctr}/contact-1`, { Channel__c: 'CHAT' });
    expect(second.status).toBe(200);
    expect(second.body).toEqual({ id: first.body.id, success: true, errors: [], created: false });
    const rows = session.emulator.records('AC_ContactTraceRecord__c');
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ ContactId__c: 'contact-1', Channel__c: 'CHAT' });
  });

  it('v45 and older: 201 without created on insert, 204 empty on update', async () => {
    const path = '/services/data/v45.0/sobjects/AC_ContactTraceRecord__c/ContactId__c/contact-45';
    const insert = await session.api('PATCH', path, { Channel__c: 'VOICE' });
    expect(insert.status).toBe(201);
    expect(insert.body).toEqual({ id: expect.any(String), success: true, errors: [] });
    const update = await session.api('PATCH', path, { Channel__c: 'CHAT' });
    expect(update.status).toBe(204);
    expect(update.text).toBe('');
  });

  it('URL-decodes the external id in the path', async () => {
    const value = 'agent/name #1 ü';
    const response = await session.api(
      'PATCH',
      `/sobjects/AC_AgentPerformance__c/AC_Record_Id__c/${encodeURIComponent(value)}`,
      {
        AC_Object_Name__c: 'agent/name',
      },
    );
    expect(response.status).toBe(201);
    expect(session.emulator.records('AC_AgentPerformance__c')[0].AC_Record_Id__c).toBe(value);
  });

  it('300 with the matching URLs when several records match; nothing written', async () => {
    const a = await session.api<SaveBody>('POST', '/sobjects/Contact', {
      LastName: 'A',
      Legacy_Id__c: 'L-1',
    });
    const b = await session.api<SaveBody>('POST', '/sobjects/Contact', {
      LastName: 'B',
      Legacy_Id__c: 'L-1',
    });
    const response = await session.api('PATCH', '/sobjects/Contact/Legacy_Id__c/L-1', { LastName: 'C' });
    expect(response.status).toBe(300);
    expect(response.body).toEqual([
      `/services/data/v62.0/sobjects/Contact/${a.body.id}`,
      `/services/data/v62.0/sobjects/Contact/${b.body.id}`,
    ]);
    expect(session.emulator.records('Contact').map((contact) => contact.LastName)).toEqual(['A', 'B']);
  });

  it('404 when the field is not an external id or does not exist', async () => {
    for (const field of ['Channel__c', 'Nope__c']) {
      const response = await session.api<ErrorBody>(
        'PATCH',
        `/sobjects/AC_ContactTraceRecord__c/${field}/x`,
        {},
      );
      expect(response.status).toBe(404);
      expect(response.body[0].errorCode).toBe('NOT_FOUND');
    }
  });

  it('a plain create duplicating a unique external id is 400 DUPLICATE_VALUE', async () => {
    const duplicate = await session.api<ErrorBody>('POST', '/sobjects/AC_ContactTraceRecord__c', {
      ContactId__c: 'contact-1',
    });
    expect(duplicate.status).toBe(400);
    expect(duplicate.body[0]).toMatchObject({ errorCode: 'DUPLICATE_VALUE' });
    expect(duplicate.body[0].message).toMatch(
      /^duplicate value found: ContactId__c duplicates value on record with id: a0A/,
    );
  });

  it('updateOnly=true never creates; GET and DELETE by external id', async () => {
    const updateOnly = await session.api('PATCH', `${ctr}/ghost?updateOnly=true`, { Channel__c: 'VOICE' });
    expect(updateOnly.status).toBe(404);
    const read = await session.api<Record<string, unknown>>('GET', `${ctr}/contact-1`);
    expect(read.body).toMatchObject({ ContactId__c: 'contact-1', Channel__c: 'CHAT' });
    expect((await session.api('DELETE', `${ctr}/contact-1`)).status).toBe(204);
    expect((await session.api('GET', `${ctr}/contact-1`)).status).toBe(404);
  });
});

describe('schema options', () => {
  it('omitFields removes fields (INVALID_FIELD on write, absent from describe)', async () => {
    const session = await startSession({
      seed: false,
      namespace: 'amazonconnect',
      omitFields: { AC_ContactTraceRecord__c: ['Region__c', 'amazonconnect__DisconnectReason__c'] },
    });
    try {
      const describe = await session.api<{ fields: Array<{ name: string }> }>(
        'GET',
        '/sobjects/amazonconnect__AC_ContactTraceRecord__c/describe',
      );
      const names = describe.body.fields.map((field) => field.name);
      expect(names).not.toContain('amazonconnect__Region__c');
      expect(names).not.toContain('amazonconnect__DisconnectReason__c');
      expect(names).toContain('amazonconnect__Channel__c');
      const write = await session.api<ErrorBody>(
        'PATCH',
        '/sobjects/amazonconnect__AC_ContactTraceRecord__c/amazonconnect__ContactId__c/c1',
        { amazonconnect__Region__c: 'eu-west-2' },
      );
      expect(write.status).toBe(400);
      expect(write.body[0].errorCode).toBe('INVALID_FIELD');
    } finally {
      await session.emulator.stop();
    }
  });
});
