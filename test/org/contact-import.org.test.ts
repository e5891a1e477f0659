/**
 * Contract of the contact import against the org in SF_* (`npm run test:org`): the handler the
 * state machine's first task runs, on a sample CTR whose ContactId carries the run's tag. It
 * writes the CTR and the contact's analytics record in one call, idempotently, and a newer
 * version of the CTR updates the same record. Both records are deleted afterwards.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handler as importContactHandler } from '../../functions/contact-import/handler.js';
import { lambdaContext } from '../../local/aws-stand-ins/lambda-context.js';
import {
  LOCAL_DYNAMODB_CREDENTIALS,
  type LocalDynamoDb,
  startLocalDynamoDb,
} from '../../local/aws-stand-ins/local-dynamodb.js';
import { loadCtrFixture } from '../../local/samples/ctr-fixtures.js';
import { buildExecutionInput } from '../../shared/ctr/build-execution-input.js';
import { parseContactTraceRecord } from '../../shared/ctr/parse.js';
import { planContact } from '../../shared/ctr/plan.js';
import { getSalesforceClient, resetSalesforceClient } from '../../shared/salesforce/from-environment.js';
import { soql, soqlIdentifier } from '../../shared/salesforce/soql.js';
import { OrgRun } from './support/org-run.js';

const run = new OrgRun();
// The contact version fence lives in DynamoDB: dynalite here, the org is the real one.
let dynamodb: LocalDynamoDb | undefined;
const saved = {
  CONTACT_VERSION_TABLE: process.env.CONTACT_VERSION_TABLE,
  AWS_ENDPOINT_URL_DYNAMODB: process.env.AWS_ENDPOINT_URL_DYNAMODB,
  AWS_ACCESS_KEY_ID: process.env.AWS_ACCESS_KEY_ID,
  AWS_SECRET_ACCESS_KEY: process.env.AWS_SECRET_ACCESS_KEY,
};
beforeAll(async () => {
  dynamodb = await startLocalDynamoDb();
  process.env.CONTACT_VERSION_TABLE = dynamodb.tableName;
  process.env.AWS_ENDPOINT_URL_DYNAMODB = dynamodb.endpoint;
  // With the secret in a local file nothing here talks to AWS: give the SDK dynalite's throw-away
  // credentials rather than let it hunt for real ones (never when Secrets Manager is in use).
  if (process.env.SF_CREDENTIALS_FILE !== undefined) {
    process.env.AWS_ACCESS_KEY_ID = LOCAL_DYNAMODB_CREDENTIALS.accessKeyId;
    process.env.AWS_SECRET_ACCESS_KEY = LOCAL_DYNAMODB_CREDENTIALS.secretAccessKey;
  }
});
afterAll(async () => {
  try {
    await run.cleanUp(getSalesforceClient());
  } finally {
    resetSalesforceClient();
    await dynamodb?.stop();
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  }
});

/** One task invocation: a fresh Lambda context, as each Step Functions attempt gets. */
function importContact(event: unknown) {
  return importContactHandler(event, lambdaContext({ functionName: 'contact-import', timeoutMs: 60_000 }));
}

function payload(contactId: string, lastUpdate: string) {
  const raw = loadCtrFixture('inbound-voice-agent-recording');
  raw.ContactId = contactId;
  raw.LastUpdateTimestamp = lastUpdate;
  const ctr = parseContactTraceRecord(raw);
  const plan = planContact(ctr, {
    ctrImport: true,
    recordingImport: true,
    transcribe: false,
    contactLens: false,
    recordingUpload: false,
  });
  const input = buildExecutionInput(ctr, plan, 'full');
  return JSON.parse(
    JSON.stringify({ contactId: input.contactId, kind: 'full', plan: input.plan, ctr: input.ctr }),
  );
}

describe('contact import contract', () => {
  it('imports a CTR and its analytics record once, and a newer version updates the same records', async () => {
    const contactId = `${run.tag}-contact`;
    const first = await importContact(payload(contactId, '2026-11-28T10:07:05Z'));
    run.created(run.apiName('AC_ContactTraceRecord__c'), String(first.ctrRecordId));
    if (first.analyticsRecordId)
      run.created(run.apiName('AC_ContactChannelAnalytics__c'), first.analyticsRecordId);
    expect(first.ctrRecordId).toEqual(expect.any(String));
    expect(first.analyticsRecordId).toEqual(expect.any(String));

    const again = await importContact(payload(contactId, '2026-11-28T10:07:05Z'));
    const newer = await importContact(payload(contactId, '2026-11-28T10:19:31Z'));
    expect(again).toEqual(first);
    expect(newer.ctrRecordId).toBe(first.ctrRecordId);

    const client = getSalesforceClient();
    const object = soqlIdentifier(run.apiName('AC_ContactTraceRecord__c'));
    const key = soqlIdentifier(run.apiName('ContactId__c'));
    const stamp = soqlIdentifier(run.apiName('LastUpdateTimestamp__c'));
    const { records } = await client.query(
      soql`SELECT Id, ${stamp} FROM ${object} WHERE ${key} = ${contactId}`,
    );
    expect(records).toHaveLength(1);
    expect(Date.parse(String(records[0][run.apiName('LastUpdateTimestamp__c')]))).toBe(
      Date.parse('2026-11-28T10:19:31Z'),
    );
    const analytics = soqlIdentifier(run.apiName('AC_ContactChannelAnalytics__c'));
    const { records: analyticsRecords } = await client.query(
      soql`SELECT Id FROM ${analytics} WHERE ${key} = ${contactId}`,
    );
    expect(analyticsRecords.map((record) => record.Id)).toEqual([first.analyticsRecordId]);
  });
});
