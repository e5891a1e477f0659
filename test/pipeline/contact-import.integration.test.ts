/**
 * The contact-import Lambda (real handler, real client) against the Salesforce emulator over HTTP.
 */
import { afterEach, describe, expect, it } from 'vitest';
import {
  createHandler as createImportHandler,
  handler as importContactHandler,
} from '../../functions/contact-import/handler.js';
import { lambdaContext } from '../../local/aws-stand-ins/lambda-context.js';
import {
  LOCAL_DYNAMODB_CREDENTIALS,
  type LocalDynamoDb,
  startLocalDynamoDb,
} from '../../local/aws-stand-ins/local-dynamodb.js';
import {
  type SalesforceEnvironment,
  useSalesforceEmulator,
} from '../../local/emulator-connection/salesforce-environment.js';
import { startSalesforceEmulator } from '../../local/salesforce-emulator/index.js';
import type { EmulatorOptions, SalesforceEmulator } from '../../local/salesforce-emulator/types.js';
import { type CtrFixtureName, loadCtrFixture } from '../../local/samples/ctr-fixtures.js';
import { buildExecutionInput, serializeExecutionInput } from '../../shared/ctr/build-execution-input.js';
import { compactCtrForExecution } from '../../shared/ctr/compact-ctr.js';
import type { ExecutionKind, PostCallExecutionInput } from '../../shared/ctr/execution-input.js';
import { decodeContactTraceRecord, parseContactTraceRecordJson } from '../../shared/ctr/parse.js';
import { ctrRefreshPlan, planContact } from '../../shared/ctr/plan.js';
import type { PostCallSwitches } from '../../shared/ctr/switches.js';
import { getSalesforceClient } from '../../shared/salesforce/from-environment.js';
import type { CompositeSubrequest } from '../../shared/salesforce/types.js';

const SWITCHES: PostCallSwitches = {
  ctrImport: true,
  recordingImport: true,
  transcribe: false,
  contactLens: false,
  recordingUpload: false,
};
const CTR = 'amazonconnect__AC_ContactTraceRecord__c';
const CCA = 'amazonconnect__AC_ContactChannelAnalytics__c';
const INSTANCE_ID = '0e6d9a3c-7b1f-4c2a-9d3e-5f6a7b8c9d0e';

let emulator: SalesforceEmulator | undefined;
let environment: SalesforceEnvironment | undefined;
let dynamodb: LocalDynamoDb | undefined;

async function org(options: EmulatorOptions = {}, namespace = 'amazonconnect'): Promise<SalesforceEmulator> {
  emulator = await startSalesforceEmulator({ namespace, ...options });
  dynamodb = await startLocalDynamoDb();
  environment = useSalesforceEmulator(emulator, {
    namespace,
    env: {
      AWS_REGION: 'eu-west-2',
      AMAZON_CONNECT_INSTANCE_ID: INSTANCE_ID,
      CONTACT_VERSION_TABLE: dynamodb.tableName,
      AWS_ENDPOINT_URL_DYNAMODB: dynamodb.endpoint,
      AWS_ACCESS_KEY_ID: LOCAL_DYNAMODB_CREDENTIALS.accessKeyId,
      AWS_SECRET_ACCESS_KEY: LOCAL_DYNAMODB_CREDENTIALS.secretAccessKey,
    },
  });
  return emulator;
}

afterEach(async () => {
  environment?.restore();
  await emulator?.stop();
  await dynamodb?.stop();
  environment = undefined;
  emulator = undefined;
  dynamodb = undefined;
});

/** The task's invocation: a fresh Lambda context, as each Step Functions attempt gets. */
function importContact(event: unknown) {
  return importContactHandler(event, lambdaContext({ functionName: 'contact-import', timeoutMs: 120_000 }));
}

function payload(
  fixture: CtrFixtureName | Record<string, unknown>,
  kind: ExecutionKind = 'full',
  switches = SWITCHES,
) {
  // As the trigger reads it: from the Kinesis record's JSON text.
  const ctr = parseContactTraceRecordJson(
    typeof fixture === 'string' ? JSON.stringify(loadCtrFixture(fixture)) : JSON.stringify(fixture),
  );
  const input: PostCallExecutionInput = buildExecutionInput(
    ctr,
    kind === 'full' ? planContact(ctr, switches) : ctrRefreshPlan(),
    kind,
  );
  // What the state machine's task sends: the execution input minus lastUpdateTimestamp, through JSON.
  return JSON.parse(JSON.stringify({ contactId: input.contactId, kind, plan: input.plan, ctr: input.ctr }));
}

describe('contact import against the Salesforce emulator', () => {
  it('upserts the CTR with the full mapping and the analytics record in one composite call', async () => {
    const sf = await org();
    const event = payload('inbound-voice-agent-recording');
    expect(event.plan.recordingImport).toBe(true);

    const first = await importContact(event);
    const [ctr] = sf.records(CTR);
    const [cca] = sf.records(CCA);
    expect(first).toEqual({
      ctrRecordId: ctr.Id,
      analyticsRecordId: cca.Id,
      recordingLocation: event.plan.recordingLocation,
      ctrImport: 'imported',
      oversizeFields: [],
      branches: {
        recordingUpload: { status: 'notPlanned', reason: 'recording upload not requested' },
        transcription: { status: 'notPlanned', reason: 'transcription not requested' },
        contactLens: { status: 'notPlanned', reason: 'Contact Lens import not requested' },
      },
    });
    expect(ctr).toMatchObject({
      amazonconnect__ContactId__c: '5c0b2a3e-8f41-4d6a-b7c9-1e2f3a4b5c61',
      amazonconnect__Channel__c: 'VOICE',
      amazonconnect__AgentUsername__c: 'jdoe',
      amazonconnect__QueueName__c: 'BasicQueue',
      amazonconnect__CustomerEndpointAddress__c: '+441122334455',
      amazonconnect__Region__c: 'eu-west-2',
      amazonconnect__DisconnectReason__c: 'CUSTOMER_DISCONNECT',
      amazonconnect__AgentNumberOfHolds__c: 1,
    });
    expect(cca).toMatchObject({
      amazonconnect__ContactId__c: '5c0b2a3e-8f41-4d6a-b7c9-1e2f3a4b5c61',
      amazonconnect__RecordingPath__c: event.plan.recordingLocation,
      amazonconnect__CustomerEndpointAddress__c: '+441122334455',
      amazonconnect__InstanceId__c: INSTANCE_ID,
      amazonconnect__Region__c: 'eu-west-2',
    });

    // Warm container: describes are cached, so a contact costs exactly one API call.
    sf.resetApiUsage();
    const again = await importContact(event);
    expect(again).toEqual(first);
    expect(sf.apiUsage().apiCalls).toBe(1);
    expect(sf.apiUsage().byEndpoint).toEqual({ 'POST /composite': 1 });
    expect(sf.records(CTR)).toHaveLength(1);
    expect(sf.records(CCA)).toHaveLength(1);
  });

  it('a ctrRefresh of a newer version updates the CTR and leaves the analytics record alone', async () => {
    const sf = await org();
    const original = await importContact(payload('inbound-voice-agent-recording'));
    const refreshed = await importContact(payload('inbound-voice-agent-recording-updated', 'ctrRefresh'));
    expect(refreshed).toMatchObject({
      ctrRecordId: original.ctrRecordId,
      analyticsRecordId: null,
      recordingLocation: null,
      ctrImport: 'imported',
    });
    expect(Object.values(refreshed.branches)).toEqual(
      Array(3).fill({ status: 'notPlanned', reason: 'contact trace record refresh only' }),
    );
    const updated = loadCtrFixture('inbound-voice-agent-recording-updated');
    const [ctr] = sf.records(CTR);
    expect(ctr.amazonconnect__LastUpdateTimestamp__c).toBe(
      new Date(String(updated.LastUpdateTimestamp)).toISOString().replace('.000Z', '.000+0000'),
    );
    expect(ctr.amazonconnect__Attributes__c).toBe(
      '{"postcallCTRImportEnabled": "true", "postcallRecordingImportEnabled": "true", "customerTier": "platinum", "greetingPlayed": "true", "caseNumber": "00001026"}',
    );
    expect(sf.records(CCA)).toHaveLength(1);
  });

  it('writes Attributes__c and AgentHierarchyGroup__c as the original did, from the Kinesis text', async () => {
    const sf = await org();
    // Keys out of order, integer-like keys, non-ASCII and a 5.0: JSON.parse and the canonical
    // execution input would lose the order and the float; the texts come from the record's text.
    const text =
      '{"ContactId": "c-json-1", "LastUpdateTimestamp": "2026-11-28T10:07:05Z", ' +
      '"Attributes": {"zeta": "1", "postcallCTRImportEnabled": "true", "alpha": "café", "2": "two", "10": "Zürich \ud83d\ude00"}, ' +
      '"Agent": {"Username": "jdoe", "HierarchyGroups": {"Level2": {"GroupName": "Süd", "Weight": 5.0}, "Level1": {"GroupName": "EMEA", "ARN": "arn:x"}, "Level3": null}}}';
    const ctr = decodeContactTraceRecord(Buffer.from(text, 'utf8').toString('base64'));
    const input = JSON.parse(
      serializeExecutionInput(buildExecutionInput(ctr, planContact(ctr, SWITCHES), 'full')),
    );
    await importContact({ contactId: input.contactId, kind: input.kind, plan: input.plan, ctr: input.ctr });
    const [record] = sf.records(CTR);
    expect(record.amazonconnect__Attributes__c).toBe(
      '{"zeta": "1", "postcallCTRImportEnabled": "true", "alpha": "caf\\u00e9", "2": "two", "10": "Z\\u00fcrich \\ud83d\\ude00"}',
    );
    expect(record.amazonconnect__AgentHierarchyGroup__c).toBe(
      '{"Level2": {"GroupName": "S\\u00fcd", "Weight": 5.0}, "Level1": {"GroupName": "EMEA", "ARN": "arn:x"}, "Level3": null}',
    );
  });

  it('an agent without hierarchy groups ({} or null) gets a null AgentHierarchyGroup__c, not "null"', async () => {
    const sf = await org();
    for (const [id, groups] of [
      ['c-json-2', '{}'],
      ['c-json-3', 'null'],
    ]) {
      const text = `{"ContactId": "${id}", "Attributes": {}, "Agent": {"Username": "jdoe", "HierarchyGroups": ${groups}}}`;
      const ctr = decodeContactTraceRecord(Buffer.from(text, 'utf8').toString('base64'));
      await importContact({
        contactId: id,
        kind: 'ctrRefresh',
        plan: ctrRefreshPlan(),
        ctr: compactCtrForExecution(ctr),
      });
    }
    for (const record of sf.records(CTR)) {
      expect(record.amazonconnect__AgentHierarchyGroup__c ?? null).toBeNull();
      expect(record.amazonconnect__Attributes__c).toBe('{}');
    }
    expect(sf.records(CTR)).toHaveLength(2);
  });

  it('creates the redacted variant without a recording path', async () => {
    const sf = await org();
    const ctr = loadCtrFixture('inbound-voice-agent-recording');
    ctr.Attributes = { postcallCTRImportEnabled: 'true', postcallRedactedRecordingImportEnabled: 'true' };
    const event = payload(ctr);
    expect(event.plan.redactedRecording).toBe(true);
    const result = await importContact(event);
    const [cca] = sf.records(CCA);
    expect(result.analyticsRecordId).toBe(cca.Id);
    expect(cca.amazonconnect__RecordingPath__c ?? null).toBeNull();
  });

  it('an agentless call with null Agent, Queue and Recording imports only the CTR', async () => {
    const sf = await org();
    const result = await importContact(payload('agentless-voice'));
    expect(result.analyticsRecordId).toBeNull();
    const [ctr] = sf.records(CTR);
    expect(ctr.Id).toBe(result.ctrRecordId);
    expect(ctr.amazonconnect__AgentUsername__c ?? null).toBeNull();
    expect(sf.records(CCA)).toHaveLength(0);
  });

  it('works in an org without Region__c and DisconnectReason__c, and without a namespace', async () => {
    const sf = await org(
      {
        omitFields: {
          AC_ContactTraceRecord__c: ['Region__c', 'DisconnectReason__c'],
          AC_ContactChannelAnalytics__c: ['Region__c', 'InstanceId__c'],
        },
      },
      '',
    );
    const result = await importContact(payload('inbound-voice-agent-recording'));
    const [ctr] = sf.records('AC_ContactTraceRecord__c');
    const [cca] = sf.records('AC_ContactChannelAnalytics__c');
    expect(ctr.Id).toBe(result.ctrRecordId);
    expect(cca.Id).toBe(result.analyticsRecordId);
    expect(ctr).not.toHaveProperty('Region__c');
    expect(ctr).not.toHaveProperty('DisconnectReason__c');
    expect(ctr.QueueName__c).toBe('BasicQueue');
  });

  it('a transient fault fails the whole composite (nothing half-written) with Salesforce.Transient', async () => {
    const sf = await org();
    const event = payload('inbound-voice-agent-recording');
    await importContact(payload('chat')); // warm the describe cache
    // Every composite attempt (the client's own retries included) hits a locked row.
    sf.setFaults({
      sequence: ['UNABLE_TO_LOCK_ROW', 'UNABLE_TO_LOCK_ROW', 'UNABLE_TO_LOCK_ROW', 'UNABLE_TO_LOCK_ROW'],
    });
    await expect(importContact(event)).rejects.toMatchObject({ name: 'Salesforce.Transient' });
    expect(sf.records(CCA)).toHaveLength(0);
    sf.setFaults({});
    const result = await importContact(event);
    expect(result.analyticsRecordId).toBe(sf.records(CCA)[0]?.Id);
  });

  it('a rejected upsert fails with Salesforce.Request naming the error code', async () => {
    await org({ omitFields: { AC_ContactTraceRecord__c: ['QueueName__c'] } });
    await expect(importContact(payload('inbound-voice-agent-recording'))).rejects.toMatchObject({
      name: 'Salesforce.Request',
      message: expect.stringContaining('INVALID_FIELD'),
    });
  });

  describe('a CTR text longer than its field', () => {
    /** The fixture with `length` characters of notes in its attributes (Attributes__c holds 131,072). */
    function oversize(length: number, fill = 'n') {
      const ctr = loadCtrFixture('inbound-voice-agent-recording');
      ctr.Attributes = { ...(ctr.Attributes as Record<string, string>), notes: fill.repeat(length) };
      return payload(ctr);
    }
    const attachments = (sf: SalesforceEmulator) =>
      sf.records('Attachment').map((attachment) => ({
        parentId: attachment.ParentId,
        name: attachment.Name,
        contentType: attachment.ContentType,
        text: Buffer.from(String(attachment.Body), 'base64').toString('utf8'),
      }));

    it('is written as null with its full text attached in the same call; a Retry leaves one attachment (2 calls)', async () => {
      const sf = await org();
      const event = oversize(200_000);
      const first = await importContact(event);
      // The attachment travels in the import's composite call (the rest is the cold container's describes).
      expect(sf.apiUsage().byEndpoint['POST /composite']).toBe(1);
      const [record] = sf.records(CTR).filter((r) => r.Id === first.ctrRecordId);
      expect(record?.amazonconnect__Attributes__c).toBeNull();
      expect(record?.amazonconnect__AgentUsername__c).toBe('jdoe');
      const text = event.ctr.jsonText.attributes as string;
      expect(first.oversizeFields).toEqual([
        {
          field: 'amazonconnect__Attributes__c',
          length: text.length,
          limit: 131_072,
          attachment: 'Attributes__c.json',
          attachmentId: sf.records('Attachment')[0]?.Id,
        },
      ]);
      expect(attachments(sf)).toEqual([
        { parentId: first.ctrRecordId, name: 'Attributes__c.json', contentType: 'application/json', text },
      ]);

      // The same version again (Retry, redrive): the older copy is found and deleted in a second call.
      sf.resetApiUsage();
      const again = await importContact(event);
      expect(sf.apiUsage().byEndpoint).toEqual({ 'POST /composite': 2 });
      expect(again.ctrRecordId).toBe(first.ctrRecordId);
      expect(attachments(sf)).toEqual([
        { parentId: first.ctrRecordId, name: 'Attributes__c.json', contentType: 'application/json', text },
      ]);
      expect(again.oversizeFields[0]?.attachmentId).toBe(sf.records('Attachment')[0]?.Id);
    });

    it('a contact that fits sends the same single request as ever: no attachment subrequest', async () => {
      const sf = await org();
      const sent: CompositeSubrequest[][] = [];
      const client = getSalesforceClient();
      const recording = new Proxy(client, {
        get(target, key) {
          if (key === 'composite') {
            return (subrequests: CompositeSubrequest[], options: unknown) => {
              sent.push(subrequests);
              return target.composite(subrequests, options as Parameters<typeof target.composite>[1]);
            };
          }
          const value = Reflect.get(target, key, target);
          return typeof value === 'function' ? value.bind(target) : value;
        },
      });
      const run = createImportHandler({ salesforce: () => recording });
      const event = payload('inbound-voice-agent-recording');
      await run(event, lambdaContext({ functionName: 'contact-import', timeoutMs: 120_000 }));
      sf.resetApiUsage();
      const result = await run(event, lambdaContext({ functionName: 'contact-import', timeoutMs: 120_000 }));
      expect(sf.apiUsage().apiCalls).toBe(1);
      expect(result.oversizeFields).toEqual([]);
      expect(sent.at(-1)?.map((sub) => [sub.method, sub.referenceId])).toEqual([
        ['PATCH', 'ctr'],
        ['PATCH', 'analytics'],
      ]);
      expect(sent.at(-1)?.[0]?.body).toMatchObject({
        amazonconnect__Attributes__c: event.ctr.jsonText.attributes,
      });
      expect(sf.records('Attachment')).toEqual([]);
    });
  });

  describe('version fence (dynalite)', () => {
    const updatedVersion = () =>
      String(loadCtrFixture('inbound-voice-agent-recording-updated').LastUpdateTimestamp);

    it('an older version after a newer one is superseded: no Salesforce call, the newer CTR stays', async () => {
      const sf = await org();
      await importContact(payload('inbound-voice-agent-recording'));
      await importContact(payload('inbound-voice-agent-recording-updated', 'ctrRefresh'));
      const calls = sf.apiUsage().apiCalls;
      const stale = await importContact(payload('inbound-voice-agent-recording', 'ctrRefresh'));
      expect(stale).toMatchObject({
        ctrRecordId: null,
        analyticsRecordId: null,
        recordingLocation: null,
        ctrImport: `superseded by ${updatedVersion()}`,
      });
      expect(sf.apiUsage().apiCalls).toBe(calls);
      expect(JSON.parse(String(sf.records(CTR)[0]?.amazonconnect__Attributes__c))).toEqual(
        loadCtrFixture('inbound-voice-agent-recording-updated').Attributes,
      );
    });

    it('a full execution whose CTR is superseded still creates the analytics record, in one call', async () => {
      const sf = await org();
      await importContact(payload('inbound-voice-agent-recording-updated', 'ctrRefresh'));
      const composites = () => sf.apiUsage().byEndpoint['POST /composite'] ?? 0;
      const before = composites();
      const full = await importContact(payload('inbound-voice-agent-recording'));
      expect(full.ctrImport).toBe(`superseded by ${updatedVersion()}`);
      expect(full.analyticsRecordId).toBe(sf.records(CCA)[0]?.Id);
      expect(composites()).toBe(before + 1);
      expect(JSON.parse(String(sf.records(CTR)[0]?.amazonconnect__Attributes__c))).toEqual(
        loadCtrFixture('inbound-voice-agent-recording-updated').Attributes,
      );
    });

    it.each([
      ['the newer claims first', ['updated', 'original']],
      ['the older claims first', ['original', 'updated']],
    ])('two imports of one contact in flight at once (%s): the newest stays', async (_, order) => {
      const sf = await org();
      await importContact(payload('chat')); // warm the describe cache
      const events = {
        original: payload('inbound-voice-agent-recording'),
        updated: payload('inbound-voice-agent-recording-updated', 'ctrRefresh'),
      } as const;
      const results = await Promise.all(
        order.map((name) => importContact(events[name as keyof typeof events])),
      );
      expect(
        results.map((result) => result.ctrImport).filter((outcome) => outcome === 'imported').length,
      ).toBeGreaterThan(0);
      const ctr = sf
        .records(CTR)
        .find((record) => record.amazonconnect__ContactId__c === events.original.contactId);
      expect(JSON.parse(String(ctr?.amazonconnect__Attributes__c))).toEqual(
        loadCtrFixture('inbound-voice-agent-recording-updated').Attributes,
      );
    });
  });
});
