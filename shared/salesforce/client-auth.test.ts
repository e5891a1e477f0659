import { generateKeyPairSync } from 'node:crypto';
import { decodeProtectedHeader, importSPKI, jwtVerify } from 'jose';
import { MockAgent } from 'undici';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SalesforceClient } from './client.js';
import { StaticCredentialsSource } from './credentials.js';
import type { SalesforceCredentials, SalesforceSettings } from './types.js';
import { undiciTransport } from './undici-transport.js';

const HOST = 'https://acme.my.salesforce.com';
const LIMITS = '/services/data/v62.0/limits';
const base: SalesforceSettings = {
  host: HOST,
  version: 'v62.0',
  username: 'api@acme.example',
  production: false,
  authMode: 'password',
};
const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const privatePem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
const publicPem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
const secret: SalesforceCredentials = {
  Password: 'pa55word',
  AccessToken: 'SECTOKEN',
  ConsumerKey: 'ckey',
  ConsumerSecret: 'csecret',
  PrivateKey: privatePem,
};

let agent: MockAgent;
beforeEach(() => {
  agent = new MockAgent();
  agent.disableNetConnect();
});
afterEach(async () => {
  await agent.close();
});

function client(settings: Partial<SalesforceSettings> = {}, credentials: SalesforceCredentials = secret) {
  return new SalesforceClient({
    settings: { ...base, ...settings },
    credentials: new StaticCredentialsSource(credentials),
    transport: undiciTransport({ dispatcher: agent }),
    retry: false,
  });
}

function tokenEndpoint(origin: string, bodies: string[] = [], tokens: string[] = ['T1', 'T2', 'T3']) {
  let n = 0;
  agent
    .get(origin)
    .intercept({ path: '/services/oauth2/token', method: 'POST' })
    .reply(200, (opts) => {
      bodies.push(String(opts.body));
      return { access_token: tokens[n++], instance_url: 'https://ignored.example' };
    })
    .persist();
  return bodies;
}

describe('auth modes', () => {
  it('client_credentials sends only the client credentials, in the body, to the My Domain host', async () => {
    const bodies = tokenEndpoint(HOST);
    agent.get(HOST).intercept({ path: LIMITS }).reply(200, {});
    await client({
      authMode: 'client_credentials',
      username: undefined,
      production: true,
      loginHost: 'https://test.salesforce.com',
    }).limits();
    expect(Object.fromEntries(new URLSearchParams(bodies[0]))).toEqual({
      grant_type: 'client_credentials',
      client_id: 'ckey',
      client_secret: 'csecret',
    });
  });

  it('jwt_bearer signs RS256 with iss=ConsumerKey, sub=username, aud=login host', async () => {
    const bodies = tokenEndpoint('https://login.salesforce.com');
    agent.get(HOST).intercept({ path: LIMITS }).reply(200, {});
    await client({ authMode: 'jwt_bearer', production: true }).limits();
    const form = new URLSearchParams(bodies[0]);
    expect(form.get('grant_type')).toBe('urn:ietf:params:oauth:grant-type:jwt-bearer');
    const assertion = form.get('assertion') ?? '';
    expect(decodeProtectedHeader(assertion).alg).toBe('RS256');
    const { payload } = await jwtVerify(assertion, await importSPKI(publicPem, 'RS256'));
    expect(payload).toMatchObject({
      iss: 'ckey',
      sub: 'api@acme.example',
      aud: 'https://login.salesforce.com',
    });
    expect((payload.exp ?? 0) - Date.now() / 1000).toBeLessThanOrEqual(180);
  });

  it('loginHost overrides the login host for password and jwt_bearer', async () => {
    tokenEndpoint('https://test.salesforce.com');
    agent.get(HOST).intercept({ path: LIMITS }).reply(200, {}).times(2);
    await client({ production: true, loginHost: 'https://test.salesforce.com' }).limits();
    await client({ authMode: 'jwt_bearer', loginHost: 'https://test.salesforce.com' }).limits();
    agent.assertNoPendingInterceptors();
  });

  it('names a missing secret key or setting', async () => {
    await expect(client({}, { ...secret, ConsumerSecret: '' }).limits()).rejects.toMatchObject({
      name: 'Salesforce.Config',
      message: expect.stringContaining('ConsumerSecret'),
    });
    await expect(
      client({ authMode: 'jwt_bearer' }, { ...secret, PrivateKey: 'not a key' }).limits(),
    ).rejects.toMatchObject({
      name: 'Salesforce.Config',
      message: expect.stringContaining('PrivateKey'),
    });
    await expect(client({ username: undefined }).limits()).rejects.toMatchObject({
      message: expect.stringContaining('SF_USERNAME'),
    });
    expect(() => client({ host: 'http://acme.my.salesforce.com' })).toThrow(/https/);
    expect(() => client({ version: '62' })).toThrow(/SF_VERSION/);
  });

  it.each([
    ['invalid_grant', 'no client credentials user enabled', /Run As/],
    ['invalid_grant', 'client credentials flow not enabled', /Enable Client Credentials Flow/],
    ['invalid_client_id', 'client identifier invalid', /ConsumerKey/],
    ['invalid_client', 'invalid client credentials', /ConsumerSecret/],
    ['invalid_grant', 'request not supported on this domain', /My Domain/],
  ])('maps token error %s / %s to Salesforce.Auth with guidance', async (error, description, guidance) => {
    agent
      .get(HOST)
      .intercept({ path: '/services/oauth2/token', method: 'POST' })
      .reply(400, { error, error_description: description });
    const sf = client({ authMode: 'client_credentials' });
    const failure = await sf.limits().catch((e: unknown) => e);
    expect(failure).toMatchObject({ name: 'Salesforce.Auth', status: 400, errorCode: error });
    expect((failure as Error).message).toContain(`${error}: ${description}`);
    expect((failure as Error).message).toMatch(guidance);
  });

  it('a token endpoint 5xx is transient', async () => {
    agent.get(HOST).intercept({ path: '/services/oauth2/token', method: 'POST' }).reply(503, 'down');
    await expect(client().limits()).rejects.toMatchObject({ name: 'Salesforce.Transient' });
  });
});

describe('session handling', () => {
  it('caches the token, refreshes once on 401 and retries the call', async () => {
    const bodies = tokenEndpoint(HOST);
    const seen: string[] = [];
    const pool = agent.get(HOST);
    pool
      .intercept({ path: LIMITS })
      .reply(200, (opts) => {
        seen.push(String((opts.headers as Record<string, string>).authorization));
        return {};
      })
      .times(3);
    pool
      .intercept({ path: LIMITS })
      .reply(401, [{ message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' }]);
    pool
      .intercept({ path: LIMITS })
      .reply(200, (opts) => {
        seen.push(String((opts.headers as Record<string, string>).authorization));
        return {};
      })
      .times(2);
    const sf = client();
    for (let i = 0; i < 5; i++) await sf.limits();
    expect(bodies).toHaveLength(2);
    expect(seen).toEqual(['Bearer T1', 'Bearer T1', 'Bearer T1', 'Bearer T2', 'Bearer T2']);
    expect(sf.stats).toMatchObject({ tokenRequests: 2, apiCalls: 6 });
  });

  it('concurrent callers that hit an expired session share one refresh', async () => {
    const bodies = tokenEndpoint(HOST);
    let valid = 'T1';
    agent
      .get(HOST)
      .intercept({ path: LIMITS })
      .reply((opts) =>
        (opts.headers as Record<string, string>).authorization === `Bearer ${valid}`
          ? { statusCode: 200, data: {} }
          : {
              statusCode: 401,
              data: [{ message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' }],
            },
      )
      .persist();
    const sf = client();
    await expect(sf.limits()).resolves.toEqual({});
    expect(bodies).toHaveLength(1);
    valid = 'T2'; // every session issued so far expires
    const results = await Promise.all(Array.from({ length: 20 }, () => sf.limits()));
    expect(results).toHaveLength(20);
    expect(bodies).toHaveLength(2);
    expect(sf.stats.apiCalls).toBe(1 + 20 + 20);
  });

  it('a second 401 after the refresh is Salesforce.Auth', async () => {
    tokenEndpoint(HOST);
    agent
      .get(HOST)
      .intercept({ path: LIMITS })
      .reply(401, [{ message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' }])
      .persist();
    const sf = client();
    await expect(sf.limits()).rejects.toMatchObject({ name: 'Salesforce.Auth', status: 401 });
    expect(sf.stats.tokenRequests).toBe(2);
  });

  it('access denied never refreshes the token', async () => {
    tokenEndpoint(HOST);
    agent
      .get(HOST)
      .intercept({ path: LIMITS })
      .reply(403, [{ errorCode: 'INSUFFICIENT_ACCESS', message: 'insufficient access rights on object id' }]);
    const sf = client({ authMode: 'client_credentials' });
    const error = await sf.limits().catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'Salesforce.AccessDenied', status: 403 });
    expect((error as Error).message).toMatch(/Run As user/);
    expect(sf.stats.tokenRequests).toBe(1);
  });
});

describe('token write-back (upstream v5.28 circuit breaker)', () => {
  function sharingClient(saved: string[], options: { fail?: boolean; AuthToken?: string } = {}) {
    const warnings: string[] = [];
    const sf = new SalesforceClient({
      settings: base,
      credentials: {
        get: async () => ({ ...secret, AuthToken: options.AuthToken }),
        saveAuthToken: async (token: string) => {
          saved.push(token);
          if (options.fail) throw new Error('AccessDeniedException');
        },
      },
      transport: undiciTransport({ dispatcher: agent }),
      retry: false,
      logger: {
        debug() {},
        info() {},
        warn(message) {
          warnings.push(message);
        },
        error() {},
      },
    });
    return { sf, warnings };
  }

  it('persists a new token only after a call with it succeeded, once', async () => {
    tokenEndpoint(HOST);
    agent.get(HOST).intercept({ path: LIMITS }).reply(200, {}).times(3);
    const saved: string[] = [];
    const { sf } = sharingClient(saved);
    await Promise.all([sf.limits(), sf.limits(), sf.limits()]);
    expect(saved).toEqual(['T1']);
  });

  it('never persists when the retried call is still unauthorized or the token request fails', async () => {
    tokenEndpoint(HOST);
    agent
      .get(HOST)
      .intercept({ path: LIMITS })
      .reply(401, [{ message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' }])
      .persist();
    const saved: string[] = [];
    const { sf } = sharingClient(saved, { AuthToken: 'OLD' });
    await expect(sf.limits()).rejects.toMatchObject({ name: 'Salesforce.Auth' });
    expect(sf.stats.tokenRequests).toBe(1);
    expect(saved).toEqual([]);
  });

  it('a failed write never fails the call', async () => {
    tokenEndpoint(HOST);
    agent.get(HOST).intercept({ path: LIMITS }).reply(200, { ok: true });
    const saved: string[] = [];
    const { sf, warnings } = sharingClient(saved, { fail: true });
    await expect(sf.limits()).resolves.toEqual({ ok: true });
    expect(saved).toEqual(['T1']);
    expect(warnings).toEqual(['Could not store the access token in the credentials secret; continuing']);
  });

  it('does not persist a token it adopted from the secret', async () => {
    agent
      .get(HOST)
      .intercept({ path: LIMITS })
      .reply(200, (opts) => ({ auth: (opts.headers as Record<string, string>).authorization }));
    const saved: string[] = [];
    const { sf } = sharingClient(saved, { AuthToken: 'SHARED' });
    await expect(sf.limits()).resolves.toEqual({ auth: 'Bearer SHARED' });
    expect(sf.stats.tokenRequests).toBe(0);
    expect(saved).toEqual([]);
  });
});
