/**
 * Requests a real org refuses (or reads differently) and an emulator could easily accept:
 * number range, restricted picklists, calendar dates, datetimes without an offset, and the
 * sObject Collections rules per API version. Each answer is the documented status and error code.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type Session, startSession } from './helpers.js';

type ErrorBody = Array<{ message: string; errorCode: string; fields?: string[] }>;
type SaveResult = {
  id?: string;
  success: boolean;
  errors: Array<{ statusCode: string; message: string; fields: string[] }>;
  created?: boolean;
};
type DescribeField = {
  name: string;
  type: string;
  length: number;
  precision: number;
  scale: number;
  digits: number;
  restrictedPicklist: boolean;
  picklistValues: Array<{ value: string; active: boolean; defaultValue: boolean }>;
};

const CTR = 'amazonconnect__AC_ContactTraceRecord__c';
const CONTACT_ID = 'amazonconnect__ContactId__c';

describe('emulator strictness', () => {
  let session: Session;
  beforeAll(async () => {
    session = await startSession({ namespace: 'amazonconnect' });
  });
  afterAll(() => session.emulator.stop());

  const describeField = async (object: string, field: string): Promise<DescribeField> => {
    const { body } = await session.api<{ fields: DescribeField[] }>('GET', `/sobjects/${object}/describe`);
    const found = body.fields.find((entry) => entry.name === field);
    if (found === undefined) throw new Error(`${object}.${field} not in describe`);
    return found;
  };

  describe('numbers', () => {
    it('describes precision and scale, and digits for integers', async () => {
      expect(await describeField(CTR, 'amazonconnect__QueueDuration__c')).toMatchObject({
        type: 'double',
        precision: 18,
        scale: 2,
        length: 0,
      });
      expect(await describeField('Attachment', 'BodyLength')).toMatchObject({ type: 'int', digits: 9 });
      expect(await describeField('Contact', 'LastName')).toMatchObject({
        length: 80,
        precision: 0,
        scale: 0,
      });
    });

    it('refuses more integer digits than precision − scale with 400 NUMBER_OUTSIDE_VALID_RANGE', async () => {
      const response = await session.api<ErrorBody>('PATCH', `/sobjects/${CTR}/${CONTACT_ID}/num-1`, {
        amazonconnect__QueueDuration__c: 1e20,
      });
      expect(response.status).toBe(400);
      expect(response.body).toEqual([
        {
          errorCode: 'NUMBER_OUTSIDE_VALID_RANGE',
          message: 'Queue Duration: value outside of valid range on numeric field: 1.0E20',
          fields: ['amazonconnect__QueueDuration__c'],
        },
      ]);
      expect(session.emulator.records(CTR).some((record) => record[CONTACT_ID] === 'num-1')).toBe(false);
      // 16 integer digits fit (18, 2); 17 do not.
      const fits = await session.api('PATCH', `/sobjects/${CTR}/${CONTACT_ID}/num-2`, {
        amazonconnect__QueueDuration__c: 9_999_999_999_999_998,
      });
      expect(fits.status).toBe(201);
      const tooMany = await session.api<ErrorBody>('PATCH', `/sobjects/${CTR}/${CONTACT_ID}/num-2`, {
        amazonconnect__QueueDuration__c: -1e16,
      });
      expect(tooMany.body[0].errorCode).toBe('NUMBER_OUTSIDE_VALID_RANGE');
    });

    it('stores decimals beyond the scale as sent (the API does not round them)', async () => {
      const written = await session.api('PATCH', `/sobjects/${CTR}/${CONTACT_ID}/num-3`, {
        amazonconnect__QueueDuration__c: 1.23456,
      });
      expect(written.status).toBe(201);
      const { body } = await session.api<Record<string, unknown>>(
        'GET',
        `/sobjects/${CTR}/${CONTACT_ID}/num-3?fields=amazonconnect__QueueDuration__c`,
      );
      expect(body.amazonconnect__QueueDuration__c).toBe(1.23456);
    });
  });

  describe('picklists', () => {
    it('describes picklistValues and restrictedPicklist', async () => {
      const status = await describeField('Case', 'Status');
      expect(status.restrictedPicklist).toBe(true);
      expect(status.picklistValues.map((entry) => entry.value)).toEqual([
        'New',
        'Working',
        'Escalated',
        'Closed',
      ]);
      expect(status.picklistValues.find((entry) => entry.value === 'New')).toMatchObject({
        active: true,
        defaultValue: true,
      });
      expect((await describeField('Case', 'Subject')).restrictedPicklist).toBe(false);
    });

    it('refuses a value outside a restricted picklist with 400 INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST', async () => {
      const status = await session.api<ErrorBody>('POST', '/sobjects/Case', {
        Subject: 'x',
        Status: 'NotAStatus',
      });
      expect(status.status).toBe(400);
      expect(status.body).toEqual([
        {
          errorCode: 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST',
          message: 'Status: bad value for restricted picklist field: NotAStatus',
          fields: ['Status'],
        },
      ]);
      const origin = await session.api<ErrorBody>('POST', '/sobjects/Case', {
        Subject: 'x',
        Origin: 'Carrier Pigeon',
      });
      expect(origin.body[0]).toMatchObject({
        errorCode: 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST',
        fields: ['Origin'],
      });
      expect(session.emulator.records('Case').some((record) => record.Origin === 'Carrier Pigeon')).toBe(
        false,
      );

      const created = await session.api<{ id: string }>('POST', '/sobjects/Case', {
        Subject: 'x',
        Origin: 'Phone',
      });
      expect(created.status).toBe(201);
      const update = await session.api<ErrorBody>('PATCH', `/sobjects/Case/${created.body.id}`, {
        Status: 'closed',
      });
      expect(update.body[0].errorCode).toBe('INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST');
    });

    it('accepts any text in an unrestricted picklist, as the API documents', async () => {
      const emulator = await startSession({
        seed: false,
        extraFields: {
          Case: [
            { name: 'Channel__c', type: 'picklist', picklistValues: ['Voice'], restrictedPicklist: false },
          ],
        },
      });
      try {
        const created = await emulator.api('POST', '/sobjects/Case', {
          Subject: 'x',
          Channel__c: 'Carrier Pigeon',
        });
        expect(created.status).toBe(201);
      } finally {
        await emulator.emulator.stop();
      }
    });
  });

  describe('dates and datetimes', () => {
    const original = process.env.TZ;
    afterEach(() => {
      if (original === undefined) delete process.env.TZ;
      else process.env.TZ = original;
    });

    it('refuses a date that is not in the calendar with 400 JSON_PARSER_ERROR', async () => {
      for (const Birthdate of ['2023-02-30', '2023-13-01', '2023-04-31', '2023-2-3']) {
        const response = await session.api<ErrorBody>('POST', '/sobjects/Contact', {
          LastName: 'D',
          Birthdate,
        });
        expect(response.status, Birthdate).toBe(400);
        expect(response.body[0].errorCode, Birthdate).toBe('JSON_PARSER_ERROR');
      }
      const leap = await session.api('POST', '/sobjects/Contact', { LastName: 'D', Birthdate: '2024-02-29' });
      expect(leap.status).toBe(201);
    });

    it('refuses impossible times and offsets, and years outside 1700–4000', async () => {
      for (const value of ['2024-01-01T24:00:00Z', '2024-01-01T10:60:00Z', '2024-01-01T10:00:00+25:00']) {
        const response = await session.api<ErrorBody>('PATCH', `/sobjects/${CTR}/${CONTACT_ID}/dt-bad`, {
          amazonconnect__InitiationTimestamp__c: value,
        });
        expect(response.body[0].errorCode, value).toBe('JSON_PARSER_ERROR');
      }
      const ancient = await session.api<ErrorBody>('POST', '/sobjects/Contact', {
        LastName: 'D',
        Birthdate: '1699-12-31',
      });
      expect(ancient.body[0]).toMatchObject({
        errorCode: 'FIELD_INTEGRITY_EXCEPTION',
        fields: ['Birthdate'],
      });
    });

    it('reads a datetime without an offset as GMT, whatever the host time zone', async () => {
      process.env.TZ = 'Pacific/Auckland';
      expect(new Date(2024, 0, 1).getTimezoneOffset()).toBe(-780); // the zone really applies
      const stored: unknown[] = [];
      for (const [key, value] of [
        ['dt-1', '2024-01-01T10:00:00'],
        ['dt-2', '2024-01-01T10:00'],
        ['dt-3', '2024-01-01T10:00:00.123'],
        ['dt-4', '2024-01-01T23:00:00+13:00'],
        ['dt-5', '2024-01-01T10:00:00+0000'],
      ] as const) {
        const response = await session.api('PATCH', `/sobjects/${CTR}/${CONTACT_ID}/${key}`, {
          amazonconnect__InitiationTimestamp__c: value,
        });
        expect(response.status, value).toBe(201);
        stored.push(
          session.emulator.records(CTR).find((record) => record[CONTACT_ID] === key)
            ?.amazonconnect__InitiationTimestamp__c,
        );
      }
      expect(stored).toEqual([
        '2024-01-01T10:00:00.000+0000',
        '2024-01-01T10:00:00.000+0000',
        '2024-01-01T10:00:00.123+0000',
        '2024-01-01T10:00:00.000+0000',
        '2024-01-01T10:00:00.000+0000',
      ]);
      const query = await session.api<{ totalSize: number }>(
        'GET',
        `/query?q=${encodeURIComponent(
          `SELECT Id FROM ${CTR} WHERE amazonconnect__InitiationTimestamp__c = 2024-01-01T10:00:00Z`,
        )}`,
      );
      expect(query.body.totalSize).toBe(4);
    });
  });

  describe('sObject Collections', () => {
    const upsert = (version: string, records: unknown[]) =>
      session.api<SaveResult[] | ErrorBody>(
        'PATCH',
        `/services/data/${version}/composite/sobjects/${CTR}/${CONTACT_ID}`,
        { allOrNone: false, records },
      );

    it('upsert exists from v46.0: 404 NOT_FOUND at v45.0', async () => {
      const record = { attributes: { type: CTR }, [CONTACT_ID]: 'coll-1' };
      const old = await upsert('v45.0', [record]);
      expect(old.status).toBe(404);
      expect((old.body as ErrorBody)[0].errorCode).toBe('NOT_FOUND');
      const current = await upsert('v46.0', [record]);
      expect(current.status).toBe(200);
      expect((current.body as SaveResult[])[0]).toMatchObject({ success: true, created: true });
    });

    it('collections exist from v42.0: 404 NOT_FOUND at v41.0', async () => {
      const response = await session.api<ErrorBody>('POST', '/services/data/v41.0/composite/sobjects', {
        records: [{ attributes: { type: 'Account' }, Name: 'A' }],
      });
      expect(response.status).toBe(404);
      expect(response.body[0].errorCode).toBe('NOT_FOUND');
    });

    it('an upsert record without attributes.type fails like a create record does', async () => {
      const response = await upsert('v62.0', [
        { [CONTACT_ID]: 'coll-2' },
        { attributes: { type: CTR }, [CONTACT_ID]: 'coll-3' },
      ]);
      expect(response.status).toBe(200);
      const [untyped, typed] = response.body as SaveResult[];
      expect(untyped).toMatchObject({ success: false, errors: [{ statusCode: 'INVALID_TYPE' }] });
      expect(typed).toMatchObject({ success: true });
      expect(session.emulator.records(CTR).some((record) => record[CONTACT_ID] === 'coll-2')).toBe(false);
    });

    it('the same external id twice in one upsert fails both records with DUPLICATE_EXTERNAL_ID', async () => {
      const record = { attributes: { type: CTR }, [CONTACT_ID]: 'coll-dup' };
      const response = await upsert('v62.0', [record, record]);
      const results = response.body as SaveResult[];
      expect(results.map((result) => result.errors[0]?.statusCode)).toEqual([
        'DUPLICATE_EXTERNAL_ID',
        'DUPLICATE_EXTERNAL_ID',
      ]);
    });
  });

  describe('upsert by external id', () => {
    it('refuses the external id field (or Id) in the request body with 400 INVALID_FIELD', async () => {
      const same = await session.api<ErrorBody>('PATCH', `/sobjects/${CTR}/${CONTACT_ID}/ext-1`, {
        [CONTACT_ID]: 'ext-1',
        amazonconnect__Channel__c: 'VOICE',
      });
      expect(same.status).toBe(400);
      expect(same.body[0]).toMatchObject({ errorCode: 'INVALID_FIELD', fields: [CONTACT_ID] });
      const created = await session.api<{ id: string }>('POST', '/sobjects/Account', { Name: 'A' });
      const byId = await session.api<ErrorBody>('PATCH', `/sobjects/Account/Id/${created.body.id}`, {
        Id: created.body.id,
        Name: 'B',
      });
      expect(byId.body[0]).toMatchObject({ errorCode: 'INVALID_FIELD', fields: ['Id'] });
      expect(session.emulator.records(CTR).some((record) => record[CONTACT_ID] === 'ext-1')).toBe(false);
    });
  });
});
