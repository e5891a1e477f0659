import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { passwordToken, type Session, startSession } from './helpers.js';

const INVALID_SESSION = [{ message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' }];

describe('bearer check, versions, API allocation', () => {
  let clock = Date.parse('2026-01-01T00:00:00Z');
  let session: Session;

  beforeAll(async () => {
    session = await startSession({
      seed: false,
      dailyApiLimit: 5,
      sessionTimeoutMs: 60_000,
      now: () => clock,
    });
  });
  afterAll(() => session.emulator.stop());

  it('401 INVALID_SESSION_ID without, with an unknown, or with an expired token', async () => {
    const url = `${session.emulator.url}/services/data/v62.0/limits`;
    for (const headers of [{}, { authorization: 'Bearer 00Dxx!bogus' }] as Array<Record<string, string>>) {
      const response = await fetch(url, { headers });
      expect(response.status).toBe(401);
      expect(await response.json()).toEqual(INVALID_SESSION);
    }
    session.emulator.expireAllSessions();
    const expired = await session.api('GET', '/limits');
    expect(expired.status).toBe(401);
    expect(expired.body).toEqual(INVALID_SESSION);
    session.token = await passwordToken(session.emulator);
    expect((await session.api('GET', '/')).status).toBe(200);
  });

  it('a session expires after the inactivity timeout', async () => {
    clock += 61_000;
    expect((await session.api('GET', '/')).status).toBe(401);
    session.token = await passwordToken(session.emulator);
    clock += 30_000;
    expect((await session.api('GET', '/')).status).toBe(200);
    clock += 30_000; // activity above kept it alive
    expect((await session.api('GET', '/')).status).toBe(200);
  });

  it('lists versions without auth, 404s unknown versions and 410s retired ones', async () => {
    const list = await fetch(`${session.emulator.url}/services/data/`);
    expect(list.status).toBe(200);
    const versions = (await list.json()) as Array<{ version: string; url: string }>;
    expect(versions).toContainEqual({ label: 'v62.0', url: '/services/data/v62.0', version: '62.0' });
    expect(list.headers.get('sforce-limit-info')).toBeNull();
    expect((await session.api('GET', '/services/data/v99.0/limits')).status).toBe(404);
    expect((await session.api('GET', '/services/data/62.0/limits')).status).toBe(404);
    const retired = await session.api('GET', '/services/data/v30.0/limits');
    expect(retired.status).toBe(410);
  });

  it('counts calls in Sforce-Limit-Info and /limits, then answers 403 REQUEST_LIMIT_EXCEEDED', async () => {
    session.emulator.resetApiUsage();
    const first = await session.api('GET', '/sobjects');
    expect(first.headers.get('sforce-limit-info')).toBe('api-usage=1/5');
    const notFound = await session.api('GET', '/sobjects/NoSuchThing__c');
    expect(notFound.status).toBe(404);
    expect(notFound.headers.get('sforce-limit-info')).toBe('api-usage=2/5');
    const limits = await session.api<{ DailyApiRequests: { Max: number; Remaining: number } }>(
      'GET',
      '/limits',
    );
    expect(limits.headers.get('sforce-limit-info')).toBe('api-usage=3/5');
    expect(limits.body.DailyApiRequests).toEqual({ Max: 5, Remaining: 2 });
    await session.api('GET', '/');
    await session.api('GET', '/');
    const refused = await session.api('GET', '/limits');
    expect(refused.status).toBe(403);
    expect(refused.body).toEqual([
      { message: 'TotalRequests Limit exceeded.', errorCode: 'REQUEST_LIMIT_EXCEEDED' },
    ]);
    expect(refused.headers.get('sforce-limit-info')).toBe('api-usage=5/5');
    expect(session.emulator.apiUsage()).toEqual({
      apiCalls: 5,
      tokenRequests: 0,
      byEndpoint: { 'GET /sobjects': 1, 'GET /sobjects/NoSuchThing__c': 1, 'GET /limits': 1, 'GET /': 2 },
    });
  });

  it('the allocation is a rolling 24-hour window', async () => {
    clock += 23 * 60 * 60 * 1000;
    session.token = await passwordToken(session.emulator);
    expect((await session.api('GET', '/')).status).toBe(403);
    clock += 60 * 60 * 1000 + 60_000;
    session.token = await passwordToken(session.emulator);
    const again = await session.api('GET', '/');
    expect(again.status).toBe(200);
    expect(again.headers.get('sforce-limit-info')).toBe('api-usage=1/5');
  });

  it('a revoked token is refused', async () => {
    session.emulator.resetApiUsage();
    const revoke = await fetch(`${session.emulator.url}/services/oauth2/revoke`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ token: session.token }),
    });
    expect(revoke.status).toBe(200);
    expect((await session.api('GET', '/')).status).toBe(401);
  });
});
