/**
 * The client's mapping of what a strict org refuses, from real answers of the emulator over HTTP:
 * each is a typed error with the Salesforce code, message and fields, raised after one API call
 * (never retried), and the trigger-wrapped "Insufficient Privileges" is access denied.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { emulatorClient } from '../../local/emulator-connection/emulator-client.js';
import { rejectField, startSalesforceEmulator } from '../../local/salesforce-emulator/index.js';
import type { SalesforceEmulator } from '../../local/salesforce-emulator/types.js';
import type { SalesforceClient } from '../../shared/salesforce/client.js';

const CTR = 'AC_ContactTraceRecord__c';

describe('refusals of a strict org, through the client', () => {
  let emulator: SalesforceEmulator;
  let client: SalesforceClient;
  beforeAll(async () => {
    emulator = await startSalesforceEmulator({ seed: false });
    client = emulatorClient(emulator);
    await client.limits(); // log in once, so each case below counts its own calls
  });
  afterEach(() => emulator.setOrgBehaviour({}));
  afterAll(async () => {
    await client.close();
    await emulator.stop();
  });

  /** The error of one write, and how many API calls it took. */
  async function refusal(write: () => Promise<unknown>): Promise<{ error: unknown; calls: number }> {
    const before = emulator.apiUsage().apiCalls;
    const error = await write().then(
      () => undefined,
      (caught: unknown) => caught,
    );
    return { error, calls: emulator.apiUsage().apiCalls - before };
  }

  it.each([
    [
      'a validation rule',
      () =>
        emulator.setOrgBehaviour({
          validationRules: [rejectField(CTR, 'Attributes__c', 'No attributes here')],
        }),
      () => client.upsert(CTR, 'ContactId__c', 'c-1', { Attributes__c: '{}' }),
      {
        errorCode: 'FIELD_CUSTOM_VALIDATION_EXCEPTION',
        message: 'No attributes here',
        fields: ['Attributes__c'],
      },
    ],
    [
      'a number outside precision − scale',
      () => undefined,
      () => client.upsert(CTR, 'ContactId__c', 'c-2', { QueueDuration__c: 1e17 }),
      { errorCode: 'NUMBER_OUTSIDE_VALID_RANGE', fields: ['QueueDuration__c'] },
    ],
    [
      'a value outside a restricted picklist',
      () => undefined,
      () => client.create('Case', { Subject: 's', Origin: 'Carrier Pigeon' }),
      { errorCode: 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST', fields: ['Origin'] },
    ],
    [
      'a value of the wrong type',
      () => undefined,
      () =>
        client.create('Attachment', {
          Name: 'n',
          Body: 'YQ==',
          ParentId: emulator.records('User')[0].Id,
          IsPrivate: 2,
        }),
      { errorCode: 'INVALID_TYPE_ON_FIELD_IN_RECORD', fields: ['IsPrivate'] },
    ],
    [
      'a trigger exception',
      () =>
        emulator.setOrgBehaviour({
          triggerErrors: [
            { object: 'Case', name: 'CaseSync', kind: 'exception', message: 'System.LimitException' },
          ],
        }),
      () => client.create('Case', { Subject: 's' }),
      {
        errorCode: 'CANNOT_INSERT_UPDATE_ACTIVATE_ENTITY',
        message: 'CaseSync: execution of BeforeInsert caused by: System.LimitException',
      },
    ],
  ])(
    '%s → Salesforce.Request with code, message and fields, after one call',
    async (_case, arrange, write, detail) => {
      arrange();
      const { error, calls } = await refusal(write);
      expect(error).toMatchObject({ name: 'Salesforce.Request', status: 400, errorCode: detail.errorCode });
      expect((error as { details: unknown[] }).details).toEqual([expect.objectContaining(detail)]);
      expect((error as Error).message).toContain(detail.errorCode);
      expect(calls).toBe(1);
    },
  );

  it('a trigger answering "Insufficient Privileges" is Salesforce.AccessDenied, not retried', async () => {
    emulator.setOrgBehaviour({
      triggerErrors: [
        { object: CTR, name: 'Guard', message: 'Insufficient Privileges: you cannot edit this record' },
      ],
    });
    const { error, calls } = await refusal(() => client.upsert(CTR, 'ContactId__c', 'c-3', {}));
    expect(error).toMatchObject({
      name: 'Salesforce.AccessDenied',
      errorCode: 'FIELD_CUSTOM_VALIDATION_EXCEPTION',
    });
    expect(calls).toBe(1);
    expect(emulator.records(CTR)).toHaveLength(0);
  });
});
