/**
 * sfInvokeAPI end to end: the real handler, the real Salesforce client and real HTTP to the
 * Salesforce emulator seeded with the sample org (plus the records the sample events use).
 */
import { readFileSync } from 'node:fs';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { Context } from 'aws-lambda';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  type SalesforceEnvironment,
  useSalesforceEmulator,
} from '../../local/emulator-connection/salesforce-environment.js';
import { startSalesforceEmulator } from '../../local/salesforce-emulator/index.js';
import type { SalesforceEmulator } from '../../local/salesforce-emulator/types.js';
import {
  COMMENT_SAMPLE_FEED_ITEM_ID,
  DELETE_SAMPLE_CASE_ID,
  sampleEventSeed,
  UPDATE_SAMPLE_CASE_ID,
} from '../../ops/invoke/sample-event-seed.js';
import { getSalesforceClient } from '../../shared/salesforce/from-environment.js';
import type { SalesforceApi } from '../../shared/salesforce/types.js';
import { clientBudget } from './client-budget.js';
import { createHandler } from './handler.js';

const JANE = '0031r000026MVPIAA4';
const HOSTILE = "x' OR Name != 'x";

let emulator: SalesforceEmulator;
let environment: SalesforceEnvironment;
/** The handler under test; a test that changes a setting builds its own (settings are read once). */
let handler = createHandler();

beforeAll(async () => {
  emulator = await startSalesforceEmulator({ seed: sampleEventSeed() });
  environment = useSalesforceEmulator(emulator, { env: { SF_INVOKE_API_TIMEOUT_MS: undefined } });
});

afterAll(async () => {
  environment.restore();
  await emulator.stop();
});

function context(): Context {
  return {
    functionName: 'invoke-api-test',
    awsRequestId: 'req-1',
    getRemainingTimeInMillis: () => 8000,
  } as unknown as Context;
}

function invoke(parameters: Record<string, string>) {
  return handler(
    { Details: { ContactData: {}, Parameters: parameters }, Name: 'ContactFlowEvent' },
    context(),
  );
}

function sampleEvent(operation: string) {
  return JSON.parse(readFileSync(new URL(`./events/event-${operation}.json`, import.meta.url), 'utf8'));
}

function runSample(operation: string) {
  return handler(sampleEvent(operation), context());
}

/** Literals the emulator decoded from the last statement it parsed. */
function lastStatement() {
  const log = emulator.queryLog();
  return log[log.length - 1];
}

describe('output parity with the original, from the shipped sample events', () => {
  it('phoneLookup → {Id, Name, Email, sf_count}', async () => {
    expect(await runSample('phoneLookup')).toEqual({
      Id: JANE,
      Name: 'Jane Doe',
      Email: 'jane.doe@example.com',
      sf_count: 1,
    });
  });

  it('lookup → {Id, Name, sf_count}', async () => {
    expect(await runSample('lookup')).toEqual({ Id: JANE, Name: 'Jane Doe', sf_count: 1 });
  });

  it("lookup_all → sf_records_<i>_<field> + sf_count (a name with ' works)", async () => {
    expect(await runSample('lookup_all')).toEqual({
      sf_records_0_Id: expect.stringMatching(/^003/),
      sf_records_0_Name: "María O'Brien",
      sf_records_0_Email: 'maria.obrien@example.com',
      'sf_records_0_Account.Name': 'Acme Corporation',
      sf_count: 1,
    });
  });

  it('create → {Id} and the record exists with the event fields', async () => {
    const result = await runSample('create');
    expect(result).toEqual({ Id: expect.stringMatching(/^500[A-Za-z0-9]{15}$/) });
    expect(emulator.records('Case').find((row) => row.Id === result.Id)).toMatchObject({
      Subject: 'Amazon Connect Case',
      Status: 'New',
      Priority: 'Low',
      Origin: 'Phone',
      ContactId: JANE,
    });
  });

  it('update → {Status: 204} and the Case is Closed', async () => {
    expect(await runSample('update')).toEqual({ Status: 204 });
    expect(emulator.records('Case').find((row) => row.Id === UPDATE_SAMPLE_CASE_ID)?.Status).toBe('Closed');
  });

  it('delete → {Response: "None"} and the record is gone', async () => {
    expect(await runSample('delete')).toEqual({ Response: 'None' });
    expect(emulator.records('Case').some((row) => row.Id === DELETE_SAMPLE_CASE_ID)).toBe(false);
  });

  it('query → every record, numbered by position', async () => {
    expect(await runSample('query')).toEqual({
      sf_records_0_Id: expect.stringMatching(/^003/),
      sf_records_0_Name: "María O'Brien",
      sf_records_0_Phone: '+353 1 234 5678',
      sf_records_1_Id: expect.stringMatching(/^003/),
      sf_records_1_Name: 'John Smith',
      sf_records_1_Phone: '+15555550123',
      sf_count: 2,
    });
  });

  it('queryOne → the record flattened with dots + sf_count 1', async () => {
    expect(await runSample('queryOne')).toEqual({
      Id: JANE,
      Name: 'Jane Doe',
      Email: 'jane.doe@example.com',
      'Account.Name': 'Sample Customer Ltd',
      sf_count: 1,
    });
  });

  it('search / searchOne → flattened hits', async () => {
    expect(await runSample('search')).toEqual({
      sf_records_0_Id: expect.stringMatching(/^003/),
      sf_records_0_Name: 'John Smith',
      sf_records_0_Email: 'john.smith@acme.example.com',
      sf_count: 1,
    });
    expect(await runSample('searchOne')).toEqual({
      Id: JANE,
      Name: 'Jane Doe',
      Phone: '+441122334455',
      sf_count: 1,
    });
  });

  it('searchSOSL → hits without attributes.* keys; searchOneSOSL uses the search endpoint', async () => {
    const all = await runSample('searchSOSL');
    expect(all).toEqual({
      sf_records_0_Id: JANE,
      sf_records_0_Name: 'Jane Doe',
      sf_records_0_Phone: '+441122334455',
      sf_count: 1,
    });
    emulator.resetApiUsage();
    expect(await runSample('searchOneSOSL')).toEqual({
      Id: expect.stringMatching(/^00Q/),
      Name: 'Lena Lead',
      Company: 'Prospect Co',
      Phone: '+15555550199',
      sf_count: 1,
    });
    expect(Object.keys(emulator.apiUsage().byEndpoint)).toEqual([expect.stringMatching(/^GET .*search/)]);
  });

  it('createChatterPost / createChatterComment → {Id}', async () => {
    const post = await runSample('createChatterPost');
    expect(post).toEqual({ Id: expect.stringMatching(/^0D5/) });
    expect(emulator.records('FeedItem').find((row) => row.Id === post.Id)).toMatchObject({
      ParentId: UPDATE_SAMPLE_CASE_ID,
      Body: 'Customer +441122334455 called about this case from Amazon Connect',
    });
    const comment = await runSample('createChatterComment');
    expect(comment).toEqual({ Id: expect.stringMatching(/^0D7/) });
    expect(emulator.records('FeedComment').find((row) => row.Id === comment.Id)).toMatchObject({
      FeedItemId: COMMENT_SAMPLE_FEED_ITEM_ID,
      CommentBody: 'Follow-up from Amazon Connect: customer called back, issue resolved',
    });
  });

  it('phoneLookup takes national numbers, other objects, and anonymous without a call', async () => {
    expect(
      await invoke({
        sf_operation: 'phoneLookup',
        sf_phone: '555-555-0199',
        sf_fields: 'Id, Name',
        sf_object: 'Lead',
      }),
    ).toEqual({ Id: expect.stringMatching(/^00Q/), Name: 'Lena Lead', sf_count: 1 });
    emulator.resetApiUsage();
    expect(await invoke({ sf_operation: 'phoneLookup', sf_phone: 'anonymous', sf_fields: 'Id' })).toEqual({
      sf_count: 0,
    });
    expect(emulator.apiUsage().apiCalls).toBe(0);
  });

  it('create evaluates date expressions at call time and keeps other values with |', async () => {
    const { Id } = await invoke({
      sf_operation: 'create',
      sf_object: 'Case',
      Subject: 'Billing | Refund',
      Description: '-1d|date',
    });
    const row = emulator.records('Case').find((record) => record.Id === Id);
    const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    expect(row).toMatchObject({ Subject: 'Billing | Refund' });
    // The day may roll over between the two clock reads; either is the time of the call.
    expect([yesterday, new Date(Date.now() - 86_400_000 - 5000).toISOString().slice(0, 10)]).toContain(
      row?.Description,
    );
  });
});

describe('error and edge-case fixtures (test/fixtures)', () => {
  const fixture = (name: string) =>
    handler(JSON.parse(readFileSync(new URL(`./fixtures/${name}.json`, import.meta.url), 'utf8')), context());

  it('unknown sf_operation → an error naming it', async () => {
    await expect(fixture('event-unknown-operation')).rejects.toMatchObject({
      name: 'InvokeApi.UnknownOperation',
      message: expect.stringContaining("sf_operation 'lookupContact' is unknown"),
    });
  });

  it('anonymous caller → sf_count 0; national number → found', async () => {
    expect(await fixture('event-phoneLookup-anonymous')).toEqual({ sf_count: 0 });
    expect(await fixture('event-phoneLookup-national')).toEqual({
      Id: expect.stringMatching(/^003/),
      Name: 'John Smith',
      sf_count: 1,
    });
  });

  it('delete with an extra parameter and update without sf_id → errors naming operation and parameter', async () => {
    await expect(fixture('event-delete-extra-parameter')).rejects.toMatchObject({
      name: 'InvokeApi.UnexpectedParameter',
      message: "delete: parameter 'Status' is not accepted (accepted: sf_object, sf_id)",
    });
    await expect(fixture('event-update-missing-id')).rejects.toMatchObject({
      name: 'InvokeApi.MissingParameter',
      message: "update: required parameter 'sf_id' is missing",
    });
  });

  it('| in an ordinary value passes through; a date expression is evaluated', async () => {
    const { Id } = await fixture('event-create-pipe-values');
    const row = emulator.records('Case').find((record) => record.Id === Id);
    expect(row?.Subject).toBe('Billing|Refund');
    expect(row?.Description).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });
});

describe('no injection through any operation', () => {
  const caseCount = () => emulator.records('Case').length;

  it.each([
    ['lookup', { sf_object: 'Contact', sf_fields: 'Id', LastName: HOSTILE }],
    ['lookup_all', { sf_object: 'Contact', sf_fields: 'Id', LastName: HOSTILE }],
    ['lookup_all', { sf_object: 'Contact', sf_fields: 'Id', homephone: HOSTILE }],
    ['lookup_all', { sf_object: 'Contact', sf_fields: 'Id', Email: `%${HOSTILE}%` }],
    ['lookup_all', { sf_object: 'Contact', sf_fields: 'Id', LastName: "x\\' OR Name != \\'x" }],
    ['query', { query: "SELECT Id FROM Contact WHERE LastName = 'name'", name: HOSTILE }],
    ['query', { query: "SELECT Id FROM Contact WHERE Phone LIKE '%number%'", number: HOSTILE }],
    ['query', { query: "SELECT Id FROM Contact WHERE LastName = 'name'", name: "\\' OR Name != \\'" }],
    ['queryOne', { query: "SELECT Id FROM Contact WHERE Email = 'email'", email: HOSTILE }],
    ['search', { q: HOSTILE, sf_object: 'Contact', sf_fields: 'Id' }],
    ['search', { q: 'Jane OR Smith', sf_object: 'Contact', sf_fields: 'Id' }],
    ['searchOne', { q: HOSTILE, sf_object: 'Contact', sf_fields: 'Id' }],
    ['searchSOSL', { query: 'FIND {name} IN ALL FIELDS RETURNING Contact(Id)', name: HOSTILE }],
    ['searchSOSL', { query: 'FIND {name} IN ALL FIELDS RETURNING Contact(Id)', name: 'Jane OR Smith' }],
    [
      'searchSOSL',
      { query: 'FIND {name} IN ALL FIELDS RETURNING Contact(Id)', name: 'zz} RETURNING User(Id) FIND {Jane' },
    ],
    ['searchOneSOSL', { query: 'FIND {name} IN ALL FIELDS RETURNING Contact(Id)', name: "Jane' OR 'x" }],
  ])('%s with a hostile value matches nothing: %j', async (operation, parameters) => {
    const result = await invoke({ sf_operation: operation, ...parameters });
    expect(result).toEqual({ sf_count: 0 });
  });

  it('the hostile value reaches Salesforce as one literal, intact', async () => {
    await invoke({
      sf_operation: 'query',
      query: "SELECT Id FROM Contact WHERE LastName = 'name'",
      name: HOSTILE,
    });
    expect(lastStatement()).toMatchObject({ kind: 'soql', literals: [HOSTILE] });
    await invoke({
      sf_operation: 'lookup',
      sf_object: 'Contact',
      sf_fields: 'Id',
      LastName: HOSTILE,
      FirstName: 'Jane',
    });
    expect(lastStatement()?.literals).toEqual([HOSTILE, 'Jane']);
  });

  it('a value placed outside quotes is refused before any call', async () => {
    emulator.resetApiUsage();
    await expect(
      invoke({
        sf_operation: 'query',
        query: 'SELECT Id FROM Contact WHERE Id = contactid',
        contactid: `'${JANE}' OR Id != null`,
      }),
    ).rejects.toMatchObject({
      name: 'InvokeApi.InvalidParameter',
      message: expect.stringContaining("'contactid'"),
    });
    expect(emulator.apiUsage().apiCalls).toBe(0);
  });

  it('a value with its own quotes, and a quoted list inside ( … ), answer like the original', async () => {
    const one = await invoke({
      sf_operation: 'query',
      query: 'SELECT Id FROM Contact WHERE LastName = NAME',
      NAME: "'Doe'",
    });
    expect(one.sf_count).toBe(1);
    expect(lastStatement()?.literals).toEqual(['Doe']);
    const two = await invoke({
      sf_operation: 'query',
      query: 'SELECT Id FROM Contact WHERE LastName IN (names) ORDER BY LastName',
      names: "'Doe','Smith'",
    });
    expect(two.sf_count).toBe(2); // Jane Doe and John Smith, as the original answers
    expect(lastStatement()?.literals).toEqual(['Doe', 'Smith']);
  });

  it.each(["'Doe' OR Name != 'x'", "'a'); DELETE", "'Doe"])(
    'a hostile value %s in the same positions is refused before any call',
    async (value) => {
      emulator.resetApiUsage();
      for (const [query, key] of [
        ['SELECT Id FROM Contact WHERE LastName = NAME', 'NAME'],
        ['SELECT Id FROM Contact WHERE LastName IN (names) ORDER BY LastName', 'names'],
      ]) {
        await expect(invoke({ sf_operation: 'query', query, [key]: value })).rejects.toMatchObject({
          name: 'InvokeApi.InvalidParameter',
          message: expect.stringContaining(`parameter '${key}' is replaced outside quotes in the query and`),
        });
      }
      expect(emulator.apiUsage().apiCalls).toBe(0);
    },
  );

  it('phoneLookup with a hostile value is refused (not a phone number)', async () => {
    await expect(
      invoke({ sf_operation: 'phoneLookup', sf_phone: HOSTILE, sf_fields: 'Id' }),
    ).rejects.toMatchObject({
      name: 'InvokeApi.InvalidParameter',
    });
  });

  it('create, update and Chatter store hostile text verbatim and touch nothing else', async () => {
    const before = caseCount();
    const { Id } = await invoke({
      sf_operation: 'create',
      sf_object: 'Case',
      Subject: HOSTILE,
      Description: '{{x}} \\ %',
    });
    expect(caseCount()).toBe(before + 1);
    expect(emulator.records('Case').find((row) => row.Id === Id)).toMatchObject({
      Subject: HOSTILE,
      Description: '{{x}} \\ %',
    });
    await invoke({ sf_operation: 'update', sf_object: 'Case', sf_id: String(Id), Subject: `${HOSTILE} 2` });
    expect(emulator.records('Case').filter((row) => row.Subject === `${HOSTILE} 2`)).toHaveLength(1);
    const post = await invoke({
      sf_operation: 'createChatterPost',
      sf_feedElementType: 'FeedItem',
      sf_subjectId: String(Id),
      sf_messageType: 'Text',
      sf_message: 'Note: {{ note }}',
      note: HOSTILE,
    });
    expect(emulator.records('FeedItem').find((row) => row.Id === post.Id)?.Body).toBe(`Note: ${HOSTILE}`);
    await expect(
      invoke({ sf_operation: 'update', sf_object: 'Case', sf_id: `${Id}' OR Id != '`, Status: 'Closed' }),
    ).rejects.toMatchObject({
      name: 'InvokeApi.InvalidParameter',
      message: expect.stringContaining("'sf_id'"),
    });
  });
});

describe('settings and the Salesforce client, per handler', () => {
  const unknownOperation = { Details: { Parameters: { sf_operation: 'nope' } } };

  it('reads its settings once and gives the client the request timeout sized to the deadline', async () => {
    const options: unknown[] = [];
    const env: Record<string, string | undefined> = { SF_INVOKE_API_TIMEOUT_MS: '2000' };
    const before = { ...process.env };
    const own = createHandler({
      env,
      salesforce: (given) => {
        options.push(given);
        return {} as SalesforceApi;
      },
    });
    await expect(own(unknownOperation, context())).rejects.toMatchObject({
      name: 'InvokeApi.UnknownOperation',
    });
    env.SF_INVOKE_API_TIMEOUT_MS = '4000';
    await expect(own(unknownOperation, context())).rejects.toMatchObject({
      name: 'InvokeApi.UnknownOperation',
    });
    expect(options).toEqual([
      expect.objectContaining({ requestTimeoutMs: 850, retry: clientBudget(2000).retry }),
      expect.objectContaining({ requestTimeoutMs: 850, retry: clientBudget(2000).retry }),
    ]);
    // Nothing is written to the environment (other functions in the process read it).
    expect(process.env).toEqual(before);
  });

  it('passes a configured SF_REQUEST_TIMEOUT_MS through; a bad setting is a clear error on each call', async () => {
    const options: unknown[] = [];
    const own = createHandler({
      env: { SF_REQUEST_TIMEOUT_MS: '5000' },
      salesforce: (given) => {
        options.push(given);
        return {} as SalesforceApi;
      },
    });
    await expect(own(unknownOperation, context())).rejects.toThrow();
    expect(options).toEqual([expect.objectContaining({ requestTimeoutMs: 5000 })]);
    const broken = createHandler({ env: { SF_INVOKE_API_TIMEOUT_MS: 'soon' } });
    for (let attempt = 0; attempt < 2; attempt++) {
      await expect(broken(unknownOperation, context())).rejects.toMatchObject({
        name: 'Configuration',
        setting: 'SF_INVOKE_API_TIMEOUT_MS',
      });
    }
  });
});

describe('Salesforce calls per invocation', () => {
  const secretsManagerSend = () =>
    (SecretsManagerClient.prototype.send as unknown as { callCount: number }).callCount;

  it('warm invocations make exactly one API call, no Secrets Manager call and no token request', async () => {
    await runSample('phoneLookup');
    const secretCalls = secretsManagerSend();
    emulator.resetApiUsage();
    for (const operation of ['phoneLookup', 'lookup', 'queryOne', 'search', 'searchSOSL'])
      await runSample(operation);
    const usage = emulator.apiUsage();
    expect(usage.apiCalls).toBe(5);
    expect(usage.tokenRequests).toBe(0);
    expect(secretsManagerSend()).toBe(secretCalls);
  });
});

describe('errors from Salesforce and the deadline', () => {
  afterEach(() => {
    emulator.setFaults({});
    handler = createHandler();
  });

  it('surfaces Salesforce errors as errorCode: message', async () => {
    await expect(
      invoke({ sf_operation: 'query', query: 'SELECT Id, NoSuchField__c FROM Contact' }),
    ).rejects.toMatchObject({
      name: 'Salesforce.Request',
      message: expect.stringMatching(/^INVALID_FIELD: /),
    });
    await expect(
      invoke({ sf_operation: 'update', sf_object: 'Case', sf_id: '500000000000000AAA', Status: 'Closed' }),
    ).rejects.toMatchObject({ message: expect.stringMatching(/^NOT_FOUND: /) });
    await expect(
      invoke({ sf_operation: 'create', sf_object: 'NoSuchObject__c', Name: 'x' }),
    ).rejects.toMatchObject({
      message: expect.stringMatching(/^[A-Z_]+: /),
    });
  });

  it('ends a slow Salesforce call in a clean timeout error at SF_INVOKE_API_TIMEOUT_MS', async () => {
    handler = createHandler({ env: { ...process.env, SF_INVOKE_API_TIMEOUT_MS: '250' } });
    emulator.setFaults({ latencyMs: 2000 });
    await expect(runSample('phoneLookup')).rejects.toMatchObject({
      name: 'InvokeApi.Timeout',
      message:
        "phoneLookup: Salesforce did not answer within 250 ms (deadline set by SF_INVOKE_API_TIMEOUT_MS or the Lambda's remaining time)",
    });
  });

  it('a failing Salesforce ends in its own error after the bounded retries, not in a timeout', async () => {
    emulator.setFaults({ serverUnavailableRate: 1 });
    const before = getSalesforceClient().stats.apiCalls;
    await expect(runSample('lookup')).rejects.toMatchObject({
      name: 'Salesforce.Transient',
      message: expect.stringMatching(/^SERVER_UNAVAILABLE: /),
    });
    // Two attempts (the budget sized to the deadline), then the error.
    expect(getSalesforceClient().stats.apiCalls - before).toBe(2);
  });
});

describe('record cap and response size', () => {
  let big: SalesforceEmulator;
  let bigEnvironment: SalesforceEnvironment;

  beforeAll(async () => {
    environment.restore();
    const leads = Array.from({ length: 2100 }, (_, i) => ({ LastName: `Bulk ${i}`, Company: 'Bulk Co' }));
    big = await startSalesforceEmulator({ seed: { Lead: leads } });
    bigEnvironment = useSalesforceEmulator(big, { env: { SF_INVOKE_API_MAX_RECORDS: '3' } });
    handler = createHandler();
  });

  afterAll(async () => {
    bigEnvironment.restore();
    await big.stop();
    environment = useSalesforceEmulator(emulator);
    handler = createHandler();
  });

  it('stops at the record cap and reports the total in sf_count', async () => {
    const result = await invoke({
      sf_operation: 'query',
      query: "SELECT Id FROM Lead WHERE Company = 'company'",
      company: 'Bulk Co',
    });
    expect(Object.keys(result)).toHaveLength(4);
    expect(result.sf_count).toBe(2100);
  });

  it('follows nextRecordsUrl and refuses an answer larger than Connect accepts', async () => {
    handler = createHandler({ env: { ...process.env, SF_INVOKE_API_MAX_RECORDS: '5000' } });
    big.resetApiUsage();
    await expect(
      invoke({ sf_operation: 'lookup_all', sf_object: 'Lead', sf_fields: 'Id' }),
    ).rejects.toMatchObject({
      name: 'InvokeApi.ResponseTooLarge',
      message: expect.stringMatching(
        /^lookup_all: the result is \d+ bytes, over Amazon Connect's 32768-byte limit/,
      ),
    });
    expect(big.apiUsage().apiCalls).toBe(2);
  });
});
