/**
 * An org's own automation refusing writes: validation rules, trigger errors, and the
 * value-of-the-wrong-type answer, on every write path, with the documented bodies.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parseRejectField, rejectField, startSalesforceEmulator } from '../index.js';
import { type Session, startSession } from './helpers.js';

type ErrorBody = Array<{ message: string; errorCode: string; fields?: string[] }>;
type SaveResult = {
  success: boolean;
  errors: Array<{ statusCode: string; message: string; fields: string[] }>;
};

const CTR = 'amazonconnect__AC_ContactTraceRecord__c';
const CONTACT_ID = 'amazonconnect__ContactId__c';
const ATTRIBUTES = 'amazonconnect__Attributes__c';

describe('org behaviour: validation rules and trigger errors', () => {
  let session: Session;
  beforeAll(async () => {
    session = await startSession({ namespace: 'amazonconnect' });
  });
  afterAll(() => session.emulator.stop());
  afterEach(() => session.emulator.setOrgBehaviour({}));

  const ctrsWith = (contactId: string) =>
    session.emulator.records(CTR).filter((record) => record[CONTACT_ID] === contactId);

  it('a validation rule on a field answers 400 FIELD_CUSTOM_VALIDATION_EXCEPTION with its message and field', async () => {
    session.emulator.setOrgBehaviour({
      validationRules: [
        rejectField('AC_ContactTraceRecord__c', 'Attributes__c', 'Attributes may not be stored'),
      ],
    });
    const refused = await session.api<ErrorBody>('PATCH', `/sobjects/${CTR}/${CONTACT_ID}/vr-1`, {
      [ATTRIBUTES]: '{"a":"1"}',
    });
    expect(refused.status).toBe(400);
    expect(refused.body).toEqual([
      {
        errorCode: 'FIELD_CUSTOM_VALIDATION_EXCEPTION',
        message: 'Attributes may not be stored',
        fields: [ATTRIBUTES],
      },
    ]);
    expect(ctrsWith('vr-1')).toHaveLength(0);
    // The same record without the field passes; removing the rule lets the value in.
    expect((await session.api('PATCH', `/sobjects/${CTR}/${CONTACT_ID}/vr-1`, {})).status).toBe(201);
    session.emulator.setOrgBehaviour({});
    expect(
      (await session.api('PATCH', `/sobjects/${CTR}/${CONTACT_ID}/vr-1`, { [ATTRIBUTES]: '{}' })).status,
    ).toBe(200);
    expect(ctrsWith('vr-1')).toEqual([expect.objectContaining({ [ATTRIBUTES]: '{}' })]);
  });

  it('a rule sees the record as it would be saved, per operation; without a field it reports fields: []', async () => {
    session.emulator.setOrgBehaviour({
      validationRules: [
        {
          object: 'Case',
          name: 'Closed_Needs_Reason',
          message: 'Give a reason before closing the case',
          on: ['update'],
          when: (record) => record.get('Status') === 'Closed' && record.get('Reason') === null,
        },
      ],
    });
    const created = await session.api<{ id: string }>('POST', '/sobjects/Case', {
      Subject: 's',
      Status: 'Closed',
    });
    expect(created.status).toBe(201); // inserts are not checked by this rule
    const path = `/sobjects/Case/${created.body.id}`;
    const refused = await session.api<ErrorBody>('PATCH', path, { Subject: 't' });
    expect(refused.body).toEqual([
      {
        errorCode: 'FIELD_CUSTOM_VALIDATION_EXCEPTION',
        message: 'Give a reason before closing the case',
        fields: [],
      },
    ]);
    expect((await session.api('PATCH', path, { Reason: 'Other' })).status).toBe(204);
  });

  it('trigger errors: addError answers like a rule, an exception answers CANNOT_INSERT_UPDATE_ACTIVATE_ENTITY', async () => {
    session.emulator.setOrgBehaviour({
      triggerErrors: [
        {
          object: 'Contact',
          name: 'ContactGuard',
          message: 'No test contacts',
          field: 'LastName',
          when: (r) => r.get('LastName') === 'Test',
        },
        {
          object: 'Account',
          name: 'AccountSync',
          kind: 'exception',
          message: 'System.NullPointerException: Attempt to de-reference a null object',
        },
      ],
    });
    const contact = await session.api<ErrorBody>('POST', '/sobjects/Contact', { LastName: 'Test' });
    expect(contact.body).toEqual([
      { errorCode: 'FIELD_CUSTOM_VALIDATION_EXCEPTION', message: 'No test contacts', fields: ['LastName'] },
    ]);
    const account = await session.api<ErrorBody>('POST', '/sobjects/Account', { Name: 'A' });
    expect(account.status).toBe(400);
    expect(account.body).toEqual([
      {
        errorCode: 'CANNOT_INSERT_UPDATE_ACTIVATE_ENTITY',
        message:
          'AccountSync: execution of BeforeInsert caused by: System.NullPointerException: Attempt to de-reference a null object',
        fields: [],
      },
    ]);
  });

  it('inside /composite with allOrNone the refused subrequest carries the error, the others PROCESSING_HALTED, nothing is written', async () => {
    session.emulator.setOrgBehaviour({
      validationRules: [parseRejectField('AC_ContactTraceRecord__c.Attributes__c')],
    });
    const response = await session.api<{
      compositeResponse: Array<{ httpStatusCode: number; body: ErrorBody; referenceId: string }>;
    }>('POST', '/composite', {
      allOrNone: true,
      compositeRequest: [
        {
          method: 'PATCH',
          url: `/services/data/v62.0/sobjects/amazonconnect__AC_ContactChannelAnalytics__c/${CONTACT_ID}/vr-2`,
          referenceId: 'analytics',
          body: {},
        },
        {
          method: 'PATCH',
          url: `/services/data/v62.0/sobjects/${CTR}/${CONTACT_ID}/vr-2`,
          referenceId: 'ctr',
          body: { [ATTRIBUTES]: '{}' },
        },
      ],
    });
    expect(response.status).toBe(200);
    const [analytics, ctr] = response.body.compositeResponse;
    expect(ctr.httpStatusCode).toBe(400);
    expect(ctr.body[0]).toMatchObject({
      errorCode: 'FIELD_CUSTOM_VALIDATION_EXCEPTION',
      fields: [ATTRIBUTES],
    });
    expect(analytics.body[0].errorCode).toBe('PROCESSING_HALTED');
    expect(ctrsWith('vr-2')).toHaveLength(0);
    expect(session.emulator.records('amazonconnect__AC_ContactChannelAnalytics__c')).toHaveLength(0);
  });

  it('in sObject Collections the refused record gets a SaveResult with statusCode FIELD_CUSTOM_VALIDATION_EXCEPTION', async () => {
    session.emulator.setOrgBehaviour({ validationRules: [rejectField(CTR, ATTRIBUTES)] });
    const response = await session.api<SaveResult[]>('PATCH', `/composite/sobjects/${CTR}/${CONTACT_ID}`, {
      allOrNone: false,
      records: [
        { attributes: { type: CTR }, [CONTACT_ID]: 'vr-3', [ATTRIBUTES]: '{}' },
        { attributes: { type: CTR }, [CONTACT_ID]: 'vr-4' },
      ],
    });
    expect(response.body[0]).toEqual({
      success: false,
      errors: [
        {
          statusCode: 'FIELD_CUSTOM_VALIDATION_EXCEPTION',
          message: 'This org does not accept a value in amazonconnect__Attributes__c.',
          fields: [ATTRIBUTES],
        },
      ],
    });
    expect(response.body[1]).toMatchObject({ success: true });
  });

  it('a value of the wrong type for a checkbox answers 400 INVALID_TYPE_ON_FIELD_IN_RECORD', async () => {
    const response = await session.api<ErrorBody>('POST', '/sobjects/Attachment', {
      Name: 'a.txt',
      Body: 'YQ==',
      ParentId: session.emulator.records('User')[0].Id,
      IsPrivate: 2,
    });
    expect(response.status).toBe(400);
    expect(response.body).toEqual([
      {
        errorCode: 'INVALID_TYPE_ON_FIELD_IN_RECORD',
        message: 'Is Private: value not of required type: 2',
        fields: ['IsPrivate'],
      },
    ]);
  });

  it('refuses a rule on an object the org does not have, and a malformed --reject-field', async () => {
    expect(() =>
      session.emulator.setOrgBehaviour({ validationRules: [rejectField('Nope__c', 'X__c')] }),
    ).toThrow(/unknown sObject Nope__c/);
    expect(() => parseRejectField('Attributes__c')).toThrow(/Object\.Field/);
  });

  it('applies rules given at start', async () => {
    const emulator = await startSalesforceEmulator({
      seed: false,
      orgBehaviour: { validationRules: [{ object: 'Lead', name: 'No_Leads', message: 'Leads are closed' }] },
    });
    try {
      const token = await (await import('./helpers.js')).passwordToken(emulator);
      const response = await fetch(`${emulator.url}/services/data/v62.0/sobjects/Lead`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ LastName: 'L', Company: 'C' }),
      });
      expect(response.status).toBe(400);
      expect(((await response.json()) as ErrorBody)[0].errorCode).toBe('FIELD_CUSTOM_VALIDATION_EXCEPTION');
    } finally {
      await emulator.stop();
    }
  });
});
