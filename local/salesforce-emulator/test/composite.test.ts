import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Session, startSession } from './helpers.js';

type CompositeBody = {
  compositeResponse: Array<{
    body: unknown;
    httpHeaders: Record<string, string>;
    httpStatusCode: number;
    referenceId: string;
  }>;
};
type SaveResult = {
  id?: string;
  success: boolean;
  errors: Array<{ statusCode: string; message: string; fields: string[] }>;
  created?: boolean;
};
type ErrorBody = Array<{ message: string; errorCode: string }>;

const V = '/services/data/v62.0';

describe('/composite', () => {
  let session: Session;
  beforeAll(async () => {
    session = await startSession({ seed: false });
  });
  afterAll(() => session.emulator.stop());

  it('resolves @{ref.field} references, returns 200 with per-subrequest results, counts one API call', async () => {
    session.emulator.resetApiUsage();
    const response = await session.api<CompositeBody>('POST', '/composite', {
      allOrNone: true,
      compositeRequest: [
        { method: 'POST', url: `${V}/sobjects/Account`, referenceId: 'account', body: { Name: 'Ref Corp' } },
        {
          method: 'POST',
          url: `${V}/sobjects/Contact`,
          referenceId: 'contact',
          body: { LastName: 'Ref', AccountId: '@{account.id}' },
        },
        {
          method: 'GET',
          url: `${V}/query?q=SELECT+Id,Account.Name+FROM+Contact+WHERE+Id='@{contact.id}'`,
          referenceId: 'q',
        },
        {
          method: 'PATCH',
          url: `${V}/sobjects/Contact/@{q.records[0].Id}`,
          referenceId: 'retitle',
          body: { Title: '@{q.records[0].Account.Name}' },
        },
        {
          method: 'PATCH',
          url: `${V}/sobjects/Account/@{account.id}`,
          referenceId: 'rename',
          body: { Name: 'Renamed' },
        },
      ],
    });
    expect(response.status).toBe(200);
    const [account, contact, query, retitle, rename] = response.body.compositeResponse;
    expect(account).toEqual({
      body: { id: expect.stringMatching(/^001/), success: true, errors: [] },
      httpHeaders: { Location: `${V}/sobjects/Account/${(account.body as SaveResult).id}` },
      httpStatusCode: 201,
      referenceId: 'account',
    });
    expect(contact.httpStatusCode).toBe(201);
    expect(query.httpStatusCode).toBe(200);
    expect(query.body).toMatchObject({ totalSize: 1, records: [{ Account: { Name: 'Ref Corp' } }] });
    expect(retitle).toMatchObject({ httpStatusCode: 204, body: null });
    expect(rename).toMatchObject({ httpStatusCode: 204, body: null });
    expect(session.emulator.records('Contact')[0].Title).toBe('Ref Corp');
    expect(session.emulator.records('Account').map((row) => row.Name)).toEqual(['Renamed']);
    expect(session.emulator.apiUsage()).toMatchObject({ apiCalls: 1, byEndpoint: { 'POST /composite': 1 } });
  });

  it('allOrNone: a failure rolls everything back and the others report PROCESSING_HALTED', async () => {
    const before = session.emulator.records('Contact').length;
    const response = await session.api<CompositeBody>('POST', '/composite', {
      allOrNone: true,
      compositeRequest: [
        { method: 'POST', url: `${V}/sobjects/Contact`, referenceId: 'ok', body: { LastName: 'Kept?' } },
        {
          method: 'POST',
          url: `${V}/sobjects/Contact`,
          referenceId: 'bad',
          body: { FirstName: 'NoLastName' },
        },
        { method: 'POST', url: `${V}/sobjects/Contact`, referenceId: 'later', body: { LastName: 'Never' } },
      ],
    });
    expect(response.status).toBe(200);
    const [ok, bad, later] = response.body.compositeResponse;
    const halted = [
      {
        errorCode: 'PROCESSING_HALTED',
        message: 'The transaction was rolled back since another operation in the same transaction failed.',
      },
    ];
    expect(ok).toMatchObject({ httpStatusCode: 400, body: halted });
    expect(bad).toMatchObject({ httpStatusCode: 400, body: [{ errorCode: 'REQUIRED_FIELD_MISSING' }] });
    expect(later).toMatchObject({ httpStatusCode: 400, body: halted });
    expect(session.emulator.records('Contact')).toHaveLength(before);
  });

  it('allOrNone false: independent subrequests succeed, dependents of a failure are halted', async () => {
    const response = await session.api<CompositeBody>('POST', '/composite', {
      allOrNone: false,
      compositeRequest: [
        { method: 'POST', url: `${V}/sobjects/Contact`, referenceId: 'bad', body: { FirstName: 'x' } },
        { method: 'GET', url: `${V}/sobjects/Contact/@{bad.id}`, referenceId: 'dependent' },
        { method: 'POST', url: `${V}/sobjects/Contact`, referenceId: 'fine', body: { LastName: 'Fine' } },
      ],
    });
    const [bad, dependent, fine] = response.body.compositeResponse;
    expect(bad.httpStatusCode).toBe(400);
    expect(dependent).toMatchObject({ httpStatusCode: 400, body: [{ errorCode: 'PROCESSING_HALTED' }] });
    expect(fine.httpStatusCode).toBe(201);
  });

  it('rejects more than 25 subrequests, duplicate referenceIds and forbidden headers', async () => {
    const many = Array.from({ length: 26 }, (_, index) => ({
      method: 'GET',
      url: `${V}/limits`,
      referenceId: `r${index}`,
    }));
    const tooMany = await session.api<ErrorBody>('POST', '/composite', { compositeRequest: many });
    expect(tooMany.status).toBe(400);
    const duplicate = await session.api<ErrorBody>('POST', '/composite', {
      compositeRequest: [
        { method: 'GET', url: `${V}/limits`, referenceId: 'a' },
        { method: 'GET', url: `${V}/limits`, referenceId: 'a' },
      ],
    });
    expect(duplicate.status).toBe(400);
    const header = await session.api<CompositeBody>('POST', '/composite', {
      compositeRequest: [
        { method: 'GET', url: `${V}/limits`, referenceId: 'a', httpHeaders: { Authorization: 'Bearer x' } },
      ],
    });
    expect(header.body.compositeResponse[0].httpStatusCode).toBe(400);
  });

  it('/composite/batch runs independent subrequests and halts on error when asked', async () => {
    const response = await session.api<{
      hasErrors: boolean;
      results: Array<{ statusCode: number; result: unknown }>;
    }>('POST', '/composite/batch', {
      haltOnError: true,
      batchRequests: [
        { method: 'POST', url: 'v62.0/sobjects/Lead', richInput: { LastName: 'L', Company: 'C' } },
        { method: 'GET', url: 'v62.0/sobjects/Lead/00Q000000000000AAA' },
        { method: 'GET', url: 'v62.0/limits' },
      ],
    });
    expect(response.body.hasErrors).toBe(true);
    expect(response.body.results.map((result) => result.statusCode)).toEqual([201, 404, 412]);
  });
});

describe('/composite/sobjects collections', () => {
  let session: Session;
  beforeAll(async () => {
    session = await startSession({ seed: false, namespace: 'amazonconnect' });
  });
  afterAll(() => session.emulator.stop());

  const queueMetric = (queueId: string, extra: Record<string, unknown> = {}) => ({
    attributes: { type: 'amazonconnect__AC_QueueMetrics__c' },
    Name: `Queue ${queueId}`,
    amazonconnect__Queue_Id__c: queueId,
    ...extra,
  });

  it('create: SaveResults in order, per-record errors with statusCode', async () => {
    const response = await session.api<SaveResult[]>('POST', '/composite/sobjects', {
      records: [
        { attributes: { type: 'Contact' }, LastName: 'One' },
        { attributes: { type: 'Contact' }, FirstName: 'NoLast' },
        { attributes: { type: 'Lead' }, LastName: 'L', Company: 'C' },
      ],
    });
    expect(response.status).toBe(200);
    expect(response.body[0]).toEqual({ id: expect.stringMatching(/^003/), success: true, errors: [] });
    expect(response.body[1]).toEqual({
      success: false,
      errors: [
        {
          statusCode: 'REQUIRED_FIELD_MISSING',
          message: 'Required fields are missing: [LastName]',
          fields: ['LastName'],
        },
      ],
    });
    expect(response.body[2].id).toMatch(/^00Q/);
  });

  it('allOrNone: nothing is written and valid records report ALL_OR_NONE_OPERATION_ROLLED_BACK', async () => {
    const before = session.emulator.records('Contact').length;
    const response = await session.api<SaveResult[]>('POST', '/composite/sobjects', {
      allOrNone: true,
      records: [
        { attributes: { type: 'Contact' }, LastName: 'Two' },
        { attributes: { type: 'Contact' }, Nope__c: 1, LastName: 'X' },
      ],
    });
    expect(response.body[0]).toMatchObject({
      success: false,
      errors: [{ statusCode: 'ALL_OR_NONE_OPERATION_ROLLED_BACK' }],
    });
    expect(response.body[1]).toMatchObject({ success: false, errors: [{ statusCode: 'INVALID_FIELD' }] });
    expect(session.emulator.records('Contact')).toHaveLength(before);
  });

  it('upsert by external id: created flags, duplicates in one request rejected', async () => {
    const path = '/composite/sobjects/amazonconnect__AC_QueueMetrics__c/amazonconnect__Queue_Id__c';
    const first = await session.api<SaveResult[]>('PATCH', path, {
      allOrNone: false,
      records: [queueMetric('q1', { amazonconnect__Agents_Online__c: 3 }), queueMetric('q2')],
    });
    expect(first.body.map((result) => result.created)).toEqual([true, true]);
    const second = await session.api<SaveResult[]>('PATCH', path, {
      records: [
        queueMetric('q1', { amazonconnect__Agents_Online__c: 5 }),
        queueMetric('q3'),
        queueMetric('q3'),
      ],
    });
    expect(second.body[0]).toMatchObject({ success: true, created: false, id: first.body[0].id });
    expect(second.body[1]).toMatchObject({
      success: false,
      errors: [{ statusCode: 'DUPLICATE_EXTERNAL_ID' }],
    });
    const rows = session.emulator.records('AC_QueueMetrics__c');
    expect(rows.map((row) => [row.amazonconnect__Queue_Id__c, row.amazonconnect__Agents_Online__c])).toEqual([
      ['q1', 5],
      ['q2', null],
    ]);
  });

  it('rejects more than 200 records with EXCEEDED_ID_LIMIT', async () => {
    const records = Array.from({ length: 201 }, (_, index) => ({
      attributes: { type: 'Contact' },
      LastName: `N${index}`,
    }));
    const response = await session.api<ErrorBody>('POST', '/composite/sobjects', { records });
    expect(response.status).toBe(400);
    expect(response.body[0].errorCode).toBe('EXCEEDED_ID_LIMIT');
  });

  it('update, retrieve and delete', async () => {
    const created = await session.api<SaveResult[]>('POST', '/composite/sobjects', {
      records: [
        { attributes: { type: 'Contact' }, LastName: 'U1' },
        { attributes: { type: 'Contact' }, LastName: 'U2' },
      ],
    });
    const [a, b] = created.body.map((result) => result.id!);
    const updated = await session.api<SaveResult[]>('PATCH', '/composite/sobjects', {
      records: [
        { attributes: { type: 'Contact' }, id: a, Title: 'Updated' },
        { attributes: { type: 'Contact' }, id: '003000000000000AAA', Title: 'Missing' },
      ],
    });
    expect(updated.body[0]).toEqual({ id: a, success: true, errors: [] });
    expect(updated.body[1]).toMatchObject({ success: false, errors: [{ statusCode: 'NOT_FOUND' }] });
    const retrieved = await session.api<Array<Record<string, unknown> | null>>(
      'GET',
      `/composite/sobjects/Contact?ids=${a},${b},003000000000000AAA&fields=Id,Title`,
    );
    expect(retrieved.body).toEqual([
      { attributes: { type: 'Contact', url: `${V}/sobjects/Contact/${a}` }, Id: a, Title: 'Updated' },
      { attributes: { type: 'Contact', url: `${V}/sobjects/Contact/${b}` }, Id: b, Title: null },
      null,
    ]);
    const deleted = await session.api<SaveResult[]>('DELETE', `/composite/sobjects?ids=${a},${a}`);
    expect(deleted.body[0]).toEqual({ id: a, success: true, errors: [] });
    expect(deleted.body[1]).toMatchObject({ success: false, errors: [{ statusCode: 'ENTITY_IS_DELETED' }] });
  });
});

describe('/composite/tree', () => {
  let session: Session;
  beforeAll(async () => {
    session = await startSession({ seed: false });
  });
  afterAll(() => session.emulator.stop());

  it('creates a record tree through child relationships (201) and links the children', async () => {
    const response = await session.api<{
      hasErrors: boolean;
      results: Array<{ referenceId: string; id: string }>;
    }>('POST', '/composite/tree/Account', {
      records: [
        {
          attributes: { type: 'Account', referenceId: 'acc' },
          Name: 'Tree Corp',
          Contacts: {
            records: [
              {
                attributes: { type: 'Contact', referenceId: 'c1' },
                LastName: 'Leaf',
                Cases: { records: [{ attributes: { type: 'Case', referenceId: 'case1' }, Subject: 'Deep' }] },
              },
            ],
          },
        },
      ],
    });
    expect(response.status).toBe(201);
    expect(response.body.hasErrors).toBe(false);
    expect(response.body.results.map((result) => result.referenceId)).toEqual(['acc', 'c1', 'case1']);
    const [account, contact, kase] = response.body.results.map((result) => result.id);
    expect(session.emulator.records('Contact')[0].AccountId).toBe(account);
    expect(session.emulator.records('Case')[0].ContactId).toBe(contact);
    expect(kase).toMatch(/^500/);
  });

  it('is all-or-nothing: one invalid record → 400 with its referenceId, nothing created', async () => {
    const before = session.emulator.records('Account').length;
    const response = await session.api<{
      hasErrors: boolean;
      results: Array<{ referenceId: string; errors: Array<{ statusCode: string }> }>;
    }>('POST', '/composite/tree/Account', {
      records: [
        {
          attributes: { type: 'Account', referenceId: 'ok' },
          Name: 'Fine',
          Contacts: {
            records: [{ attributes: { type: 'Contact', referenceId: 'bad' }, FirstName: 'NoLast' }],
          },
        },
      ],
    });
    expect(response.status).toBe(400);
    expect(response.body).toEqual({
      hasErrors: true,
      results: [
        { referenceId: 'bad', errors: [expect.objectContaining({ statusCode: 'REQUIRED_FIELD_MISSING' })] },
      ],
    });
    expect(session.emulator.records('Account')).toHaveLength(before);
  });

  it('describe lists child relationships; upsert through the Id path', async () => {
    const describe = await session.api<{
      childRelationships: Array<{ childSObject: string; field: string; relationshipName: string }>;
    }>('GET', '/sobjects/Account/describe');
    expect(describe.body.childRelationships).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          childSObject: 'Contact',
          field: 'AccountId',
          relationshipName: 'Contacts',
        }),
        expect.objectContaining({ childSObject: 'Case', field: 'AccountId', relationshipName: 'Cases' }),
      ]),
    );
    const [account] = session.emulator.records('Account');
    const update = await session.api<{ created: boolean }>(
      'PATCH',
      `/sobjects/Account/Id/${String(account.Id)}`,
      { Name: 'By Id' },
    );
    expect(update.status).toBe(200);
    expect(update.body.created).toBe(false);
    const create = await session.api<{ created: boolean }>('POST', '/sobjects/Account/Id', {
      Name: 'Posted',
    });
    expect(create.status).toBe(201);
  });
});
