import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { passwordToken, type Session, startSession } from './helpers.js';

describe('fault injection', () => {
  let session: Session;
  beforeAll(async () => {
    session = await startSession({ seed: false });
  });
  afterAll(() => session.emulator.stop());

  const statuses = async (count: number) => {
    const result: number[] = [];
    for (let index = 0; index < count; index++) result.push((await session.api('GET', '/')).status);
    return result;
  };

  it('is deterministic for a seed (and differs between seeds)', async () => {
    session.emulator.setFaults({ seed: 42, serverUnavailableRate: 0.5 });
    const first = await statuses(24);
    session.emulator.setFaults({ seed: 42, serverUnavailableRate: 0.5 });
    expect(await statuses(24)).toEqual(first);
    expect(first).toContain(503);
    expect(first).toContain(200);
    session.emulator.setFaults({ seed: 7, serverUnavailableRate: 0.5 });
    expect(await statuses(24)).not.toEqual(first);
    session.emulator.setFaults({});
  });

  it('503 SERVER_UNAVAILABLE is answered before any write is applied', async () => {
    session.emulator.setFaults({ serverUnavailableRate: 1 });
    const response = await session.api('POST', '/sobjects/Contact', { LastName: 'Never' });
    expect(response.status).toBe(503);
    expect(response.body).toEqual([
      { message: 'Server temporarily unavailable, please retry', errorCode: 'SERVER_UNAVAILABLE' },
    ]);
    const composite = await session.api('POST', '/composite', {
      compositeRequest: [
        {
          method: 'POST',
          url: '/services/data/v62.0/sobjects/Contact',
          referenceId: 'c',
          body: { LastName: 'Never' },
        },
      ],
    });
    expect(composite.status).toBe(503);
    session.emulator.setFaults({});
    expect(session.emulator.records('Contact')).toEqual([]);
  });

  it('UNABLE_TO_LOCK_ROW hits writes only, writes nothing, and counts as an API call', async () => {
    session.emulator.setFaults({ unableToLockRowRate: 1 });
    session.emulator.resetApiUsage();
    expect((await session.api('GET', '/limits')).status).toBe(200);
    const write = await session.api('PATCH', '/sobjects/AC_ContactTraceRecord__c/ContactId__c/c-1', {
      Channel__c: 'VOICE',
    });
    expect(write.status).toBe(400);
    expect(write.body).toEqual([
      {
        message: 'unable to obtain exclusive access to this record or 1 records',
        errorCode: 'UNABLE_TO_LOCK_ROW',
        fields: [],
      },
    ]);
    expect(session.emulator.records('AC_ContactTraceRecord__c')).toEqual([]);
    expect(session.emulator.apiUsage().apiCalls).toBe(2);
    session.emulator.setFaults({});
  });

  it('REQUEST_LIMIT_EXCEEDED rate answers 403 with the documented body', async () => {
    session.emulator.setFaults({ requestLimitExceededRate: 1 });
    const response = await session.api('GET', '/limits');
    expect(response.status).toBe(403);
    expect(response.body).toEqual([
      { message: 'TotalRequests Limit exceeded.', errorCode: 'REQUEST_LIMIT_EXCEEDED' },
    ]);
    session.emulator.setFaults({});
  });

  it('a scripted sequence fails exactly the chosen calls', async () => {
    session.emulator.setFaults({
      sequence: ['SERVER_UNAVAILABLE', null, 'UNABLE_TO_LOCK_ROW', 'REQUEST_LIMIT_EXCEEDED'],
    });
    const first = await session.api('POST', '/sobjects/Lead', { LastName: 'A', Company: 'C' });
    const second = await session.api('POST', '/sobjects/Lead', { LastName: 'B', Company: 'C' });
    const third = await session.api('POST', '/sobjects/Lead', { LastName: 'C', Company: 'C' });
    const fourth = await session.api('GET', '/limits');
    const fifth = await session.api('GET', '/limits');
    expect([first.status, second.status, third.status, fourth.status, fifth.status]).toEqual([
      503, 201, 400, 403, 200,
    ]);
    expect(session.emulator.records('Lead').map((lead) => lead.LastName)).toEqual(['B']);
  });

  it('lockRowInsideComposite reports UNABLE_TO_LOCK_ROW inside composite bodies, writing nothing', async () => {
    session.emulator.setFaults({ unableToLockRowRate: 1, lockRowInsideComposite: true });
    const composite = await session.api<{
      compositeResponse: Array<{ httpStatusCode: number; body: Array<{ errorCode: string }> }>;
    }>('POST', '/composite', {
      allOrNone: true,
      compositeRequest: [
        { method: 'GET', url: '/services/data/v62.0/limits', referenceId: 'read' },
        {
          method: 'POST',
          url: '/services/data/v62.0/sobjects/Account',
          referenceId: 'write',
          body: { Name: 'Locked' },
        },
      ],
    });
    expect(composite.status).toBe(200);
    expect(
      composite.body.compositeResponse.map((sub) => [sub.httpStatusCode, sub.body[0].errorCode]),
    ).toEqual([
      [400, 'PROCESSING_HALTED'],
      [400, 'UNABLE_TO_LOCK_ROW'],
    ]);
    const collection = await session.api<Array<{ success: boolean; errors: Array<{ statusCode: string }> }>>(
      'POST',
      '/composite/sobjects',
      {
        records: [
          { attributes: { type: 'Account' }, Name: 'Locked' },
          { attributes: { type: 'Account' }, Name: 'Locked 2' },
        ],
      },
    );
    expect(collection.status).toBe(200);
    expect(collection.body.map((result) => [result.success, result.errors[0].statusCode])).toEqual([
      [false, 'UNABLE_TO_LOCK_ROW'],
      [false, 'UNABLE_TO_LOCK_ROW'],
    ]);
    session.emulator.setFaults({});
    expect(session.emulator.records('Account')).toEqual([]);
  });

  it('rejectAllSessions: a fresh token still gets 401 (frozen API user)', async () => {
    session.emulator.setFaults({ rejectAllSessions: true });
    session.token = await passwordToken(session.emulator);
    expect(session.token).toMatch(/!/);
    expect((await session.api('GET', '/limits')).status).toBe(401);
    session.emulator.setFaults({});
    expect((await session.api('GET', '/limits')).status).toBe(200);
  });

  it('expireAllSessions makes the next call 401 INVALID_SESSION_ID', async () => {
    session.emulator.expireAllSessions();
    const response = await session.api('GET', '/limits');
    expect(response.status).toBe(401);
    expect(response.body).toEqual([
      { message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' },
    ]);
  });
});
