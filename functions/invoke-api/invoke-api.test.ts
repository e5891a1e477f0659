/**
 * sfInvokeAPI logic with a recording Salesforce double: what each operation sends, what it
 * answers, and every error. The same behaviour over real HTTP is in handler.test.ts.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import {
  SalesforceRateLimitedError,
  SalesforceRequestError,
  SalesforceTransientError,
} from '../../shared/salesforce/errors.js';
import { RecordingSalesforce } from '../../test/support/recording-salesforce.js';
import { invokeApi } from './invoke-api.js';
import type { InvokeApiSettings } from './types.js';

const settings: InvokeApiSettings = {
  timeoutMs: 7000,
  requestTimeoutMs: 3350,
  namespacePrefix: 'amazonconnect__',
  phoneDefaultRegion: 'US',
  maxRecords: 1000,
  maxResponseBytes: 32 * 1024,
};
const now = new Date('2026-11-28T10:00:00Z');
const CASE_ID = '5001r000023P6WQAA0';

let sf: RecordingSalesforce;
beforeEach(() => {
  sf = new RecordingSalesforce();
});

function event(parameters: Record<string, unknown>) {
  return { Details: { ContactData: { ContactId: 'c-1' }, Parameters: parameters }, Name: 'ContactFlowEvent' };
}

function run(parameters: Record<string, unknown>, overrides: Partial<InvokeApiSettings> = {}) {
  return invokeApi(event(parameters), { sf, settings: { ...settings, ...overrides }, now: () => now });
}

function lastCall() {
  return sf.calls.at(-1);
}

describe('event and operation errors', () => {
  it('rejects an event without Details.Parameters', async () => {
    await expect(invokeApi({ foo: 1 }, { sf, settings })).rejects.toMatchObject({
      name: 'InvokeApi.InvalidEvent',
      message: expect.stringContaining('Details.Parameters'),
    });
  });

  it('rejects nested parameter values', async () => {
    await expect(run({ sf_operation: 'create', sf_object: 'Case', Subject: { a: 1 } })).rejects.toMatchObject(
      {
        name: 'InvokeApi.InvalidEvent',
        message: expect.stringContaining("'Subject'"),
      },
    );
  });

  it('names an unknown sf_operation and the supported ones', async () => {
    await expect(run({ sf_operation: 'Lookup' })).rejects.toMatchObject({
      name: 'InvokeApi.UnknownOperation',
      message: expect.stringMatching(
        /sf_operation 'Lookup' is unknown; supported operations: lookup, lookup_all,/,
      ),
    });
    await expect(run({ sf_operation: 'toString' })).rejects.toMatchObject({
      name: 'InvokeApi.UnknownOperation',
    });
    await expect(run({ sf_fields: 'Id' })).rejects.toMatchObject({
      name: 'InvokeApi.UnknownOperation',
      message: expect.stringContaining("'sf_operation' is missing"),
    });
    expect(sf.calls).toEqual([]);
  });

  it.each([
    ['lookup', { sf_object: 'Contact' }, 'sf_fields'],
    ['lookup_all', { sf_fields: 'Id' }, 'sf_object'],
    ['create', {}, 'sf_object'],
    ['update', { sf_object: 'Case', Status: 'Closed' }, 'sf_id'],
    ['delete', { sf_id: CASE_ID }, 'sf_object'],
    ['phoneLookup', { sf_fields: 'Id' }, 'sf_phone'],
    ['phoneLookup', { sf_phone: '+441122334455' }, 'sf_fields'],
    ['query', {}, 'query'],
    ['queryOne', { other: 'x' }, 'query'],
    [
      'createChatterPost',
      { sf_feedElementType: 'FeedItem', sf_subjectId: CASE_ID, sf_messageType: 'Text' },
      'sf_message',
    ],
    [
      'createChatterComment',
      { sf_feedElementId: '0D5000000000001AAA', sf_commentType: 'Text' },
      'sf_commentMessage',
    ],
    ['search', { q: 'Jane', sf_fields: 'Id' }, 'sf_object'],
    ['searchOne', { sf_object: 'Contact', sf_fields: 'Id' }, 'q'],
    ['searchSOSL', {}, 'query'],
    ['searchOneSOSL', { query: '  ' }, 'query'],
  ])('%s without a required parameter names the operation and %s', async (operation, parameters, missing) => {
    await expect(run({ sf_operation: operation, ...parameters })).rejects.toMatchObject({
      name: 'InvokeApi.MissingParameter',
      message: `${operation}: required parameter '${missing}' is missing`,
    });
    expect(sf.calls).toEqual([]);
  });

  it('refuses extra parameters on delete, naming the parameter', async () => {
    await expect(
      run({ sf_operation: 'delete', sf_object: 'Case', sf_id: CASE_ID, Status: 'Closed' }),
    ).rejects.toMatchObject({
      name: 'InvokeApi.UnexpectedParameter',
      message: "delete: parameter 'Status' is not accepted (accepted: sf_object, sf_id)",
    });
    expect(sf.calls).toEqual([]);
  });

  it.each([
    [
      { sf_operation: 'update', sf_object: 'Case', sf_id: "x' OR Id != 'x" },
      "update: parameter 'sf_id' is not a Salesforce record id",
    ],
    [
      { sf_operation: 'delete', sf_object: 'Case;', sf_id: CASE_ID },
      "delete: parameter 'sf_object' is not an sObject API name",
    ],
    [
      { sf_operation: 'lookup', sf_object: 'Contact', sf_fields: 'Id, Name FROM User --' },
      "lookup: parameter 'sf_fields' has an invalid field name",
    ],
    [
      { sf_operation: 'lookup', sf_object: 'Contact', sf_fields: ' , ' },
      "lookup: parameter 'sf_fields' lists no field",
    ],
    [
      { sf_operation: 'lookup_all', sf_object: 'Contact', sf_fields: 'Id', 'Name = Name OR Name': 'x' },
      "lookup_all: parameter 'Name = Name OR Name' is not a field name",
    ],
    [
      { sf_operation: 'lookup_all', sf_object: 'Contact', sf_fields: 'Id', Name: '%%' },
      "lookup_all: parameter 'Name' is only wildcards",
    ],
    [
      { sf_operation: 'phoneLookup', sf_phone: 'call me', sf_fields: 'Id' },
      "phoneLookup: parameter 'sf_phone' is not a phone number",
    ],
    [
      {
        sf_operation: 'phoneLookup',
        sf_phone: '+441122334455',
        sf_fields: 'Id',
        sf_object: 'Contact, Lead)',
      },
      "phoneLookup: parameter 'sf_object' is not an sObject API name",
    ],
    [
      { sf_operation: 'search', q: 'a', sf_object: 'Contact', sf_fields: 'Id', overallLimit: '5000' },
      "search: parameter 'overallLimit' must be a whole number from 1 to 2000",
    ],
    [
      { sf_operation: 'searchOneSOSL', query: 'DELETE everything' },
      "searchOneSOSL: parameter 'query' must be a SOSL FIND",
    ],
    [
      {
        sf_operation: 'createChatterComment',
        sf_feedElementId: '../../sobjects',
        sf_commentType: 'Text',
        sf_commentMessage: 'x',
      },
      "createChatterComment: parameter 'sf_feedElementId' is not a Salesforce record id",
    ],
  ])('rejects an unusable value: %j', async (parameters, message) => {
    await expect(run(parameters)).rejects.toMatchObject({
      name: 'InvokeApi.InvalidParameter',
      message: expect.stringContaining(message),
    });
    expect(sf.calls).toEqual([]);
  });
});

describe('lookup and lookup_all', () => {
  it('builds an escaped WHERE with the phone-field rule and answers the first record flattened', async () => {
    sf.queryResult = {
      records: [
        {
          attributes: { type: 'Contact' },
          Id: '003000000000001AAA',
          Name: 'Jane',
          Account: { Name: 'Acme' },
        },
      ],
      totalSize: 2,
      done: true,
    };
    const result = await run({
      sf_operation: 'lookup',
      homephone: '+441122334455',
      sf_object: 'Contact',
      sf_fields: 'Id,Name ,  Account.Name',
    });
    expect(lastCall()).toEqual({
      method: 'query',
      args: [
        "SELECT Id, Name, Account.Name FROM Contact WHERE homephone LIKE '%112%233%4455%'",
        { maxRecords: 1 },
      ],
    });
    expect(result).toEqual({ Id: '003000000000001AAA', Name: 'Jane', 'Account.Name': 'Acme', sf_count: 2 });
  });

  it('escapes hostile values into literals and never widens the query', async () => {
    await run({
      sf_operation: 'lookup_all',
      sf_object: 'Contact',
      sf_fields: 'Id',
      LastName: "x' OR Name != 'x",
      MobilePhone: "12' OR Id != '",
      Email: "%' OR Id != '%",
    });
    expect(lastCall()?.args[0]).toBe(
      "SELECT Id FROM Contact WHERE LastName = 'x\\' OR Name != \\'x' AND MobilePhone = '12\\' OR Id != \\'' AND Email LIKE '%\\' OR Id != \\'%'",
    );
  });

  it('answers sf_count 0 when nothing matches; lookup_all omits WHERE without conditions', async () => {
    expect(
      await run({ sf_operation: 'lookup', sf_object: 'Contact', sf_fields: 'Id', Name: 'Nobody' }),
    ).toEqual({
      sf_count: 0,
    });
    sf.queryResult = { records: [{ Id: 'a' }, { Id: 'a' }], totalSize: 2, done: true };
    expect(await run({ sf_operation: 'lookup_all', sf_object: 'Case', sf_fields: 'Id' })).toEqual({
      sf_records_0_Id: 'a',
      sf_records_1_Id: 'a',
      sf_count: 2,
    });
    expect(lastCall()?.args).toEqual(['SELECT Id FROM Case', { maxRecords: 1000 }]);
  });
});

describe('create, update, delete', () => {
  it('create evaluates date expressions at the time of the call and keeps other | values', async () => {
    const result = await run({
      sf_operation: 'create',
      sf_object: 'Case',
      Subject: 'Amazon Connect Case',
      Due__c: '2h|date',
      FollowUp__c: '-1d|datetime',
      Notes__c: 'option A|option B',
    });
    expect(result).toEqual({ Id: sf.createdId });
    expect(lastCall()).toEqual({
      method: 'create',
      args: [
        'Case',
        {
          Subject: 'Amazon Connect Case',
          Due__c: '2026-11-28',
          FollowUp__c: '2026-11-27T10:00:00Z',
          Notes__c: 'option A|option B',
        },
      ],
    });
  });

  it('leaves values of the Contact Channel Analytics object untouched (namespaced or not)', async () => {
    for (const sobject of ['amazonconnect__AC_ContactChannelAnalytics__c', 'AC_ContactChannelAnalytics__c']) {
      await run({
        sf_operation: 'create',
        sf_object: sobject,
        amazonconnect__ContactLensMatchedCategories__c: '|date',
      });
      expect(lastCall()?.args[1]).toEqual({ amazonconnect__ContactLensMatchedCategories__c: '|date' });
    }
  });

  it('update answers Status 204 and delete answers Response None', async () => {
    expect(
      await run({ sf_operation: 'update', sf_object: 'Case', sf_id: CASE_ID, Status: 'Closed' }),
    ).toEqual({
      Status: 204,
    });
    expect(lastCall()).toEqual({ method: 'update', args: ['Case', CASE_ID, { Status: 'Closed' }] });
    expect(await run({ sf_operation: 'delete', sf_object: 'Case', sf_id: CASE_ID })).toEqual({
      Response: 'None',
    });
    expect(lastCall()).toEqual({ method: 'delete', args: ['Case', CASE_ID] });
  });
});

describe('phoneLookup', () => {
  it('anonymous answers sf_count 0 without calling Salesforce', async () => {
    expect(await run({ sf_operation: 'phoneLookup', sf_phone: 'Anonymous', sf_fields: 'Id' })).toEqual({
      sf_count: 0,
    });
    expect(sf.calls).toEqual([]);
  });

  it('searches the national number in phone fields of Contact by default', async () => {
    sf.searchResult = [
      { attributes: { type: 'Contact' }, Id: '003000000000001AAA', Name: 'Jane', Email: 'j@example.com' },
      { attributes: { type: 'Contact' }, Id: '003000000000002AAA', Name: 'John', Email: null },
    ];
    const result = await run({
      sf_operation: 'phoneLookup',
      sf_phone: '+441122334455',
      sf_fields: 'Id, Name, Email',
    });
    expect(lastCall()).toEqual({
      method: 'parameterizedSearch',
      args: [
        { q: '1122334455', in: 'PHONE', fields: ['Id', 'Name', 'Email'], sobjects: [{ name: 'Contact' }] },
      ],
    });
    expect(result).toEqual({ Id: '003000000000001AAA', Name: 'Jane', Email: 'j@example.com', sf_count: 2 });
  });

  it('reads national numbers in the default region and searches other objects', async () => {
    await run(
      { sf_operation: 'phoneLookup', sf_phone: '(202) 555-0143', sf_fields: 'Id', sf_object: 'Lead,Account' },
      { phoneDefaultRegion: 'US' },
    );
    expect(lastCall()?.args[0]).toMatchObject({
      q: '2025550143',
      sobjects: [{ name: 'Lead' }, { name: 'Account' }],
    });
  });
});

describe('query and queryOne', () => {
  it('query escapes replaced values and flattens with sf_count = total', async () => {
    sf.queryResult = { records: [{ attributes: { type: 'Case' }, Id: 'a' }], totalSize: 3000, done: false };
    const result = await run({
      sf_operation: 'query',
      query: "SELECT Id FROM Case WHERE Subject = 'subject'",
      subject: "x' OR Name != 'x",
    });
    expect(lastCall()?.args).toEqual([
      "SELECT Id FROM Case WHERE Subject = 'x\\' OR Name != \\'x'",
      { maxRecords: 1000 },
    ]);
    expect(result).toEqual({ sf_records_0_Id: 'a', sf_count: 3000 });
  });

  it('queryOne answers the record only when exactly one matches', async () => {
    sf.queryResult = {
      records: [{ attributes: { type: 'Case' }, Id: 'a', Owner: { Name: 'O' } }],
      totalSize: 1,
      done: true,
    };
    expect(await run({ sf_operation: 'queryOne', query: 'SELECT Id, Owner.Name FROM Case' })).toEqual({
      Id: 'a',
      'Owner.Name': 'O',
      sf_count: 1,
    });
    expect(lastCall()?.args[1]).toEqual({ maxRecords: 2 });
    sf.queryResult = { records: [{ Id: 'a' }, { Id: 'b' }], totalSize: 7, done: false };
    expect(await run({ sf_operation: 'queryOne', query: 'SELECT Id FROM Case' })).toEqual({ sf_count: 7 });
  });
});

describe('search operations', () => {
  it('search escapes q as a SOSL term and passes where/overallLimit', async () => {
    sf.searchResult = [{ attributes: { type: 'Contact' }, Id: 'a', Name: 'N' }];
    const result = await run({
      sf_operation: 'search',
      q: 'Jane OR *',
      sf_object: 'Contact',
      sf_fields: 'Id, Name',
      where: "MailingCity = 'London'",
      overallLimit: '10',
    });
    expect(lastCall()?.args[0]).toEqual({
      q: '"Jane OR \\*"',
      fields: ['Id', 'Name'],
      sobjects: [{ name: 'Contact', where: "MailingCity = 'London'" }],
      overallLimit: 10,
    });
    expect(result).toEqual({ sf_records_0_Id: 'a', sf_records_0_Name: 'N', sf_count: 1 });
  });

  it('searchOne applies the exactly-one rule', async () => {
    sf.searchResult = [{ Id: 'a' }, { Id: 'b' }];
    expect(await run({ sf_operation: 'searchOne', q: 'x', sf_object: 'Contact', sf_fields: 'Id' })).toEqual({
      sf_count: 2,
    });
    expect(lastCall()?.args[0]).toMatchObject({ overallLimit: 100 });
  });

  it('searchSOSL escapes the term and drops attributes', async () => {
    sf.searchResult = [{ attributes: { type: 'Contact', url: '/u' }, Id: 'a' }];
    const result = await run({
      sf_operation: 'searchSOSL',
      query: 'FIND {number} IN PHONE FIELDS RETURNING Contact(Id)',
      number: '1122} RETURNING User(Id',
    });
    expect(lastCall()).toEqual({
      method: 'search',
      args: ['FIND {"1122\\} RETURNING User\\(Id"} IN PHONE FIELDS RETURNING Contact(Id)'],
    });
    expect(result).toEqual({ sf_records_0_Id: 'a', sf_count: 1 });
  });

  it('searchOneSOSL sends FIND to the search endpoint and SELECT to the query endpoint', async () => {
    sf.searchResult = [{ attributes: { type: 'Contact', url: '/u' }, Id: 'a' }];
    expect(await run({ sf_operation: 'searchOneSOSL', query: 'FIND {x} RETURNING Contact(Id)' })).toEqual({
      Id: 'a',
      sf_count: 1,
    });
    expect(lastCall()?.method).toBe('search');
    await run({ sf_operation: 'searchOneSOSL', query: 'SELECT Id FROM Contact' });
    expect(lastCall()?.method).toBe('query');
  });
});

describe('Chatter', () => {
  it('createChatterPost fills the template and adds the mention segment only when given', async () => {
    const base = {
      sf_operation: 'createChatterPost',
      sf_feedElementType: 'FeedItem',
      sf_subjectId: CASE_ID,
      sf_messageType: 'Text',
      sf_message: 'Callback for {{ phone }}',
      phone: '+441122334455',
    };
    expect(await run(base)).toEqual({ Id: '0D5000000000001AAA' });
    expect(lastCall()?.args[0]).toEqual({
      feedElementType: 'FeedItem',
      subjectId: CASE_ID,
      body: { messageSegments: [{ type: 'Text', text: 'Callback for +441122334455' }] },
    });
    await run({ ...base, sf_mention: '005000000000001AAA' });
    expect(lastCall()?.args[0]).toMatchObject({
      body: {
        messageSegments: [
          { type: 'Text', text: 'Callback for +441122334455' },
          { type: 'Mention', id: '005000000000001AAA' },
        ],
      },
    });
  });

  it('createChatterComment posts to the feed element', async () => {
    expect(
      await run({
        sf_operation: 'createChatterComment',
        sf_feedElementId: '0D5000000000001AAA',
        sf_commentType: 'Text',
        sf_commentMessage: 'Closed by {{who}}',
        who: 'IVR',
      }),
    ).toEqual({ Id: '0D7000000000001AAA' });
    expect(lastCall()).toEqual({
      method: 'chatterComment',
      args: ['0D5000000000001AAA', { body: { messageSegments: [{ type: 'Text', text: 'Closed by IVR' }] } }],
    });
  });
});

describe('Salesforce errors, deadline and response size', () => {
  it('surfaces a Salesforce error as errorCode: message with the client error name', async () => {
    sf.failure = new SalesforceRequestError('GET /query: MALFORMED_QUERY', {
      status: 400,
      details: [{ errorCode: 'MALFORMED_QUERY', message: "unexpected token: 'FRM'" }],
    });
    await expect(run({ sf_operation: 'query', query: 'SELECT Id FRM Case' })).rejects.toMatchObject({
      name: 'Salesforce.Request',
      message: "MALFORMED_QUERY: unexpected token: 'FRM'",
    });
    sf.failure = new SalesforceRateLimitedError('x', {
      status: 403,
      details: [{ errorCode: 'REQUEST_LIMIT_EXCEEDED', message: 'TotalRequests Limit exceeded.' }],
    });
    await expect(run({ sf_operation: 'create', sf_object: 'Case' })).rejects.toMatchObject({
      name: 'Salesforce.RateLimited',
      message: 'REQUEST_LIMIT_EXCEEDED: TotalRequests Limit exceeded.',
    });
    sf.failure = new SalesforceTransientError('GET /query: connection reset');
    await expect(run({ sf_operation: 'query', query: 'SELECT Id FROM Case' })).rejects.toMatchObject({
      name: 'Salesforce.Transient',
      message: 'GET /query: connection reset',
    });
  });

  it('ends a call that outlives the deadline in a clean timeout error', async () => {
    sf.gate = new Promise(() => undefined);
    await expect(
      run({ sf_operation: 'query', query: 'SELECT Id FROM Case' }, { timeoutMs: 150 }),
    ).rejects.toMatchObject({
      name: 'InvokeApi.Timeout',
      message: expect.stringMatching(/^query: Salesforce did not answer within 150 ms/),
    });
  });

  it("never waits beyond the Lambda's remaining time", async () => {
    sf.gate = new Promise(() => undefined);
    await expect(
      invokeApi(event({ sf_operation: 'query', query: 'SELECT Id FROM Case' }), {
        sf,
        settings,
        remainingTimeMs: () => 500,
      }),
    ).rejects.toMatchObject({ name: 'InvokeApi.Timeout', timeoutMs: 200 });
  });

  it('refuses a result larger than Connect accepts instead of truncating it', async () => {
    sf.queryResult = {
      records: Array.from({ length: 400 }, (_, i) => ({
        Id: `500000000000${String(i).padStart(3, '0')}AAA`,
        Subject: 'x'.repeat(60),
      })),
      totalSize: 400,
      done: true,
    };
    await expect(run({ sf_operation: 'query', query: 'SELECT Id, Subject FROM Case' })).rejects.toMatchObject(
      {
        name: 'InvokeApi.ResponseTooLarge',
        message: expect.stringMatching(
          /^query: the result is \d+ bytes, over Amazon Connect's 32768-byte limit/,
        ),
      },
    );
  });
});

describe('odd input gets a named error before any call', () => {
  it.each(['constructor', '__proto__', 'toString', 'hasOwnProperty'])(
    'a template placeholder {{%s}} finds only parameters the flow sent',
    async (name) => {
      const post = {
        sf_operation: 'createChatterPost',
        sf_feedElementType: 'FeedItem',
        sf_subjectId: CASE_ID,
        sf_messageType: 'Text',
        sf_message: `Hi {{${name}}}`,
      };
      await expect(run(post)).rejects.toMatchObject({
        name: 'InvokeApi.InvalidParameter',
        message: `createChatterPost: parameter 'sf_message' uses {{${name}}} but no parameter '${name}' was given`,
      });
      expect(sf.calls).toEqual([]);
      // A parameter of that name, when the flow sends one, is an ordinary value.
      await run({ ...post, [name]: 'Sam' });
      expect(lastCall()?.args[0]).toMatchObject({
        body: { messageSegments: [{ type: 'Text', text: 'Hi Sam' }] },
      });
    },
  );

  it.each([
    ['create', { sf_object: 'Case', Subject: 'x\ud800y' }, 'Subject'],
    ['query', { query: "SELECT Id FROM Contact WHERE LastName = 'name'", name: 'Doe\udc00' }, 'name'],
    [
      'createChatterPost',
      { sf_feedElementType: 'FeedItem', sf_subjectId: CASE_ID, sf_messageType: 'Text', sf_message: '\ud83d' },
      'sf_message',
    ],
  ])(
    '%s: a value holding a lone surrogate is InvokeApi.InvalidParameter naming it',
    async (operation, parameters, name) => {
      await expect(run({ sf_operation: operation, ...parameters })).rejects.toMatchObject({
        name: 'InvokeApi.InvalidParameter',
        message: `${operation}: parameter '${name}' is not well-formed Unicode text (it holds a lone UTF-16 surrogate)`,
      });
      expect(sf.calls).toEqual([]);
    },
  );

  it('a well-formed pair (an emoji) is fine', async () => {
    await run({ sf_operation: 'create', sf_object: 'Case', Subject: 'Thanks \u{1F600}' });
    expect(lastCall()?.args[1]).toEqual({ Subject: 'Thanks \u{1F600}' });
  });

  it('object and field names longer than Salesforce allows are refused, without echoing them', async () => {
    const long = `A${'b'.repeat(4999)}`;
    for (const parameters of [
      { sf_operation: 'create', sf_object: long, Subject: 'x' },
      { sf_operation: 'lookup', sf_object: long, sf_fields: 'Id' },
      { sf_operation: 'lookup', sf_object: 'Contact', sf_fields: `Id, ${long}` },
      { sf_operation: 'create', sf_object: 'Case', [long]: 'x' },
      { sf_operation: 'search', q: 'Doe', sf_object: 'Contact', sf_fields: `Id,${'A.'.repeat(6)}Name` },
    ]) {
      const error = await run(parameters).catch((caught: Error) => caught);
      expect(error).toMatchObject({ name: 'InvokeApi.InvalidParameter' });
      expect((error as Error).message).toMatch(/longer than/);
      expect((error as Error).message.length).toBeLessThan(300);
    }
    expect(sf.calls).toEqual([]);
    // The longest names Salesforce can have still pass: ns (15) + __ + 40 + __ChangeEvent.
    await run({
      sf_operation: 'create',
      sf_object: `n${'s'.repeat(14)}__${'N'.repeat(40)}__ChangeEvent`,
      Subject: 'x',
    });
    expect(sf.calls).toHaveLength(1);
  });
});
