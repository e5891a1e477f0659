import { MockAgent } from 'undici';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SalesforceClient } from './client.js';
import { StaticCredentialsSource } from './credentials.js';
import type { SalesforceSettings } from './types.js';
import { undiciTransport } from './undici-transport.js';

const HOST = 'https://acme.my.salesforce.com';
const settings: SalesforceSettings = {
  host: HOST,
  version: 'v62.0',
  username: 'api@acme.example',
  production: false,
  authMode: 'password',
};
const secret = {
  Password: 'pa55word',
  AccessToken: 'SECTOKEN',
  ConsumerKey: 'ckey',
  ConsumerSecret: 'csecret',
};

let agent: MockAgent;
beforeEach(() => {
  agent = new MockAgent();
  agent.disableNetConnect();
});
afterEach(async () => {
  await agent.close();
});

function client(overrides: Partial<SalesforceSettings> = {}, retry: false | { maxAttempts: number } = false) {
  return new SalesforceClient({
    settings: { ...settings, ...overrides },
    credentials: new StaticCredentialsSource(secret),
    transport: undiciTransport({ dispatcher: agent }),
    retry: retry === false ? false : { ...retry, sleep: async () => undefined },
  });
}

function tokenOk(origin: string, token = 'TOKEN1', seen?: string[]) {
  agent
    .get(origin)
    .intercept({ path: '/services/oauth2/token', method: 'POST' })
    .reply(200, (opts) => {
      seen?.push(String(opts.body));
      return { access_token: token, instance_url: 'https://elsewhere.example', token_type: 'Bearer' };
    });
}

describe('SalesforceClient (MockAgent)', () => {
  it('logs in with a form-encoded password grant and calls the API on SalesforceHost', async () => {
    const bodies: string[] = [];
    tokenOk(HOST, 'TOKEN1', bodies);
    agent
      .get(HOST)
      .intercept({ path: '/services/data/v62.0/sobjects/Contact/003000000000001AAA', method: 'GET' })
      .reply(200, { Id: '003000000000001AAA' }, { headers: { 'content-type': 'application/json' } });
    const sf = client();
    await expect(sf.get('Contact', '003000000000001AAA')).resolves.toEqual({ Id: '003000000000001AAA' });
    const form = new URLSearchParams(bodies[0]);
    expect(Object.fromEntries(form)).toEqual({
      grant_type: 'password',
      client_id: 'ckey',
      client_secret: 'csecret',
      username: 'api@acme.example',
      password: 'pa55wordSECTOKEN',
    });
    expect(sf.stats).toMatchObject({ apiCalls: 1, tokenRequests: 1 });
  });

  it('uses login.salesforce.com for password in production, and the My Domain host for client_credentials', async () => {
    tokenOk('https://login.salesforce.com');
    agent.get(HOST).intercept({ path: '/services/data/v62.0/limits', method: 'GET' }).reply(200, {});
    await client({ production: true }).limits();

    tokenOk(HOST);
    agent.get(HOST).intercept({ path: '/services/data/v62.0/limits', method: 'GET' }).reply(200, {});
    await client({ production: true, authMode: 'client_credentials' }).limits();
    agent.assertNoPendingInterceptors();
  });

  it('URL-encodes ids and external ids as one path segment', async () => {
    tokenOk(HOST);
    agent
      .get(HOST)
      .intercept({ path: '/services/data/v62.0/sobjects/Queue__c/Name__c/a%2Fb%20%23c%3F', method: 'PATCH' })
      .reply(201, { id: 'a00000000000001AAA', created: true, success: true, errors: [] });
    await expect(client().upsert('Queue__c', 'Name__c', 'a/b #c?', {})).resolves.toEqual({
      id: 'a00000000000001AAA',
      created: true,
    });
  });

  it('maps errors to their names', async () => {
    tokenOk(HOST);
    const pool = agent.get(HOST);
    pool
      .intercept({ path: /\/query/, method: 'GET' })
      .reply(403, [{ errorCode: 'REQUEST_LIMIT_EXCEEDED', message: 'TotalRequests Limit exceeded.' }]);
    pool
      .intercept({ path: /\/query/, method: 'GET' })
      .reply(503, [{ errorCode: 'SERVER_UNAVAILABLE', message: 'x' }]);
    pool.intercept({ path: '/services/data/v62.0/sobjects/Case', method: 'POST' }).reply(400, [
      {
        errorCode: 'REQUIRED_FIELD_MISSING',
        message: 'Required fields are missing: [Subject]',
        fields: ['Subject'],
      },
    ]);
    pool
      .intercept({ path: '/services/data/v62.0/sobjects/Case', method: 'POST' })
      .reply(400, [{ errorCode: 'INSUFFICIENT_ACCESS_OR_READONLY', message: 'insufficient access rights' }]);
    const sf = client();
    await expect(sf.query('SELECT Id FROM Case')).rejects.toMatchObject({ name: 'Salesforce.RateLimited' });
    await expect(sf.query('SELECT Id FROM Case')).rejects.toMatchObject({
      name: 'Salesforce.Transient',
      status: 503,
    });
    await expect(sf.create('Case', {})).rejects.toMatchObject({
      name: 'Salesforce.Request',
      message: expect.stringContaining(
        'REQUIRED_FIELD_MISSING: Required fields are missing: [Subject] (fields: Subject)',
      ),
    });
    await expect(sf.create('Case', {})).rejects.toMatchObject({ name: 'Salesforce.AccessDenied' });
    expect(sf.stats.tokenRequests).toBe(1);
  });
});
