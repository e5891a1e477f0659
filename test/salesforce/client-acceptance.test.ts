/**
 * Acceptance tests of the Salesforce client against the emulator over real HTTP:
 * auth modes and their failures, token economy, session expiry, error names, pagination.
 */
import { generateKeyPairSync } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { emulatorClient } from '../../local/emulator-connection/emulator-client.js';
import { useSalesforceEmulator } from '../../local/emulator-connection/salesforce-environment.js';
import { startSalesforceEmulator } from '../../local/salesforce-emulator/index.js';
import type { EmulatorOptions, SalesforceEmulator } from '../../local/salesforce-emulator/types.js';
import { SalesforceClient } from '../../shared/salesforce/client.js';
import { StaticCredentialsSource } from '../../shared/salesforce/credentials.js';
import { getSalesforceClient } from '../../shared/salesforce/from-environment.js';
import { soql } from '../../shared/salesforce/soql.js';
import type { AuthMode, SalesforceCredentials } from '../../shared/salesforce/types.js';
import { undiciTransport } from '../../shared/salesforce/undici-transport.js';

const SAMPLE_PHONE = '+441122334455';
const byPhone = soql`SELECT Id, LastName FROM Contact WHERE Phone = ${SAMPLE_PHONE}`;

let emulator: SalesforceEmulator;
const cleanups: Array<() => void | Promise<void>> = [];

beforeAll(async () => {
  emulator = await startSalesforceEmulator();
});
afterAll(async () => {
  await emulator.stop();
});
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  emulator.setFaults({});
  emulator.resetApiUsage();
});

function useEnv(options: Parameters<typeof useSalesforceEmulator>[1], target = emulator) {
  const env = useSalesforceEmulator(target, options);
  cleanups.push(() => env.restore());
  return env;
}

/** A client built directly (no retries, so each failure is seen once). */
function directClient(
  target: SalesforceEmulator,
  authMode: AuthMode = 'password',
  credentials: Partial<SalesforceCredentials> = {},
  options: { loginHost?: string; retry?: false } = {},
): SalesforceClient {
  const client = emulatorClient(target, {
    authMode,
    credentials,
    loginHost: options.loginHost,
    retry: options.retry,
  });
  cleanups.push(() => client.close());
  return client;
}

async function withEmulator(options: EmulatorOptions): Promise<SalesforceEmulator> {
  const other = await startSalesforceEmulator(options);
  cleanups.push(() => other.stop());
  return other;
}

describe('auth modes (getSalesforceClient, secret from mocked Secrets Manager)', () => {
  it.each([
    ['password', false],
    ['password', true],
    ['client_credentials', false],
    ['jwt_bearer', false],
    ['jwt_bearer', true],
  ] as Array<[AuthMode, boolean]>)(
    '%s (login host stand-in: %s) logs in once and queries',
    async (authMode, useLoginHost) => {
      useEnv({ authMode, useLoginHost });
      const client = getSalesforceClient();
      const result = await client.query(byPhone);
      expect(result.records.map((r) => r.LastName)).toContain('Doe');
      await client.limits();
      expect(client.stats.tokenRequests).toBe(1);
      expect(emulator.apiUsage().tokenRequests).toBe(1);
      expect(getSalesforceClient()).toBe(client);
    },
  );

  it('password: a wrong password is Salesforce.Auth invalid_grant with guidance', async () => {
    useEnv({ authMode: 'password', secretOverrides: { Password: 'wrong-password' } });
    const error = await getSalesforceClient()
      .query(byPhone)
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'Salesforce.Auth', errorCode: 'invalid_grant' });
    expect((error as Error).message).toMatch(/authentication failure.*security token/);
  });

  it('password: an org that blocks the flow points to the other auth modes', async () => {
    const blocked = await withEmulator({ oauth: { blockPasswordFlow: true } });
    await expect(directClient(blocked).limits()).rejects.toMatchObject({
      name: 'Salesforce.Auth',
      message: expect.stringMatching(/unsupported_grant_type.*client_credentials or jwt_bearer/),
    });
  });

  it('client_credentials: a wrong consumer secret is invalid_client → check ConsumerSecret', async () => {
    useEnv({ authMode: 'client_credentials', secretOverrides: { ConsumerSecret: 'nope' } });
    await expect(getSalesforceClient().limits()).rejects.toMatchObject({
      name: 'Salesforce.Auth',
      errorCode: 'invalid_client',
      message: expect.stringContaining('Check ConsumerSecret'),
    });
  });

  it('client_credentials: no Run As user → set a Run As user', async () => {
    const noRunAs = await withEmulator({ oauth: { clientCredentialsRunAs: false } });
    await expect(directClient(noRunAs, 'client_credentials').limits()).rejects.toMatchObject({
      name: 'Salesforce.Auth',
      message: expect.stringContaining('Run As'),
    });
  });

  it('client_credentials goes to the My Domain host even when a login host is configured', async () => {
    const client = directClient(emulator, 'client_credentials', {}, { loginHost: emulator.loginUrl });
    await expect(client.limits()).resolves.toBeTypeOf('object');
  });

  it('jwt_bearer: an unknown user is refused with pre-authorization guidance', async () => {
    useEnv({ authMode: 'jwt_bearer', env: { SF_USERNAME: 'someone.else@example.com' } });
    await expect(getSalesforceClient().limits()).rejects.toMatchObject({
      name: 'Salesforce.Auth',
      message: expect.stringMatching(/hasn't approved this consumer.*Pre-authorize/),
    });
  });

  it('jwt_bearer: a key the connected app does not trust is an invalid assertion', async () => {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const stranger = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    await expect(
      directClient(emulator, 'jwt_bearer', { PrivateKey: stranger }).limits(),
    ).rejects.toMatchObject({ name: 'Salesforce.Auth', errorCode: 'invalid_grant' });
  });

  it('a missing secret key is Salesforce.Config naming it', async () => {
    useEnv({ authMode: 'jwt_bearer', secretOverrides: { PrivateKey: undefined } });
    await expect(getSalesforceClient().limits()).rejects.toMatchObject({
      name: 'Salesforce.Config',
      message: expect.stringContaining('PrivateKey'),
    });
  });
});

describe('token economy and sessions', () => {
  it('1,000 warm calls make one token request', async () => {
    useEnv({ authMode: 'password' });
    const client = getSalesforceClient();
    const { records } = await client.query(byPhone);
    const id = String(records[0].Id);
    for (let i = 1; i < 1000; i++) await client.get('Contact', id, ['Id']);
    expect(client.stats).toMatchObject({ apiCalls: 1000, tokenRequests: 1 });
    expect(emulator.apiUsage()).toMatchObject({ apiCalls: 1000, tokenRequests: 1 });
  });

  it('a session expiring mid-run costs exactly one refresh and the call succeeds', async () => {
    useEnv({ authMode: 'client_credentials' });
    const client = getSalesforceClient();
    const { records } = await client.query(byPhone);
    const id = String(records[0].Id);
    for (let i = 0; i < 50; i++) await client.get('Contact', id);
    emulator.expireAllSessions();
    await expect(client.get('Contact', id)).resolves.toMatchObject({ Id: id });
    for (let i = 0; i < 50; i++) await client.get('Contact', id);
    expect(client.stats.tokenRequests).toBe(2);
    expect(emulator.apiUsage().tokenRequests).toBe(2);
    // 1 query + 50 + (401 + retry) + 50
    expect(client.stats.apiCalls).toBe(103);
  });

  it('20 concurrent callers hitting an expired session share one token request', async () => {
    useEnv({ authMode: 'jwt_bearer' });
    const client = getSalesforceClient();
    await client.limits();
    emulator.expireAllSessions();
    emulator.resetApiUsage();
    const results = await Promise.all(Array.from({ length: 20 }, () => client.query(byPhone)));
    expect(results.every((r) => r.records.length > 0)).toBe(true);
    expect(emulator.apiUsage().tokenRequests).toBe(1);
    expect(client.stats.tokenRequests).toBe(2);
  });
});

describe('frozen API user (upstream v5.28 circuit breaker)', () => {
  it('a second 401 after the refresh is Salesforce.Auth, and no token is written back', async () => {
    const env = useEnv({ authMode: 'client_credentials' });
    const client = getSalesforceClient();
    await client.limits();
    const savedBefore = env.savedAuthTokens().length;
    emulator.setFaults({ rejectAllSessions: true });
    await expect(client.limits()).rejects.toMatchObject({ name: 'Salesforce.Auth', status: 401 });
    expect(client.stats.tokenRequests).toBe(2);
    expect(env.savedAuthTokens()).toHaveLength(savedBefore);
  });
});

describe('error names', () => {
  it('REQUEST_LIMIT_EXCEEDED → Salesforce.RateLimited (not retried), 503 → Salesforce.Transient', async () => {
    useEnv({ authMode: 'password' });
    const client = getSalesforceClient({ retry: false });
    await client.limits();
    emulator.setFaults({ sequence: ['REQUEST_LIMIT_EXCEEDED', 'SERVER_UNAVAILABLE', 'UNABLE_TO_LOCK_ROW'] });
    await expect(client.query(byPhone)).rejects.toMatchObject({
      name: 'Salesforce.RateLimited',
      status: 403,
      errorCode: 'REQUEST_LIMIT_EXCEEDED',
    });
    await expect(client.query(byPhone)).rejects.toMatchObject({ name: 'Salesforce.Transient', status: 503 });
    await expect(client.create('Case', { Subject: 'lock' })).rejects.toMatchObject({
      name: 'Salesforce.Transient',
      errorCode: 'UNABLE_TO_LOCK_ROW',
    });
  });

  it('a spent daily allocation is RateLimited and is never retried', async () => {
    const small = await withEmulator({ dailyApiLimit: 3 });
    const client = new SalesforceClient({
      transport: undiciTransport(),
      settings: {
        host: small.url,
        version: 'v62.0',
        username: small.credentials.username,
        production: false,
        authMode: 'password',
      },
      credentials: new StaticCredentialsSource({
        Password: small.credentials.password,
        AccessToken: small.credentials.securityToken,
        ConsumerKey: small.credentials.consumerKey,
        ConsumerSecret: small.credentials.consumerSecret,
      }),
      retry: { maxAttempts: 5, sleep: async () => undefined },
    });
    cleanups.push(() => client.close());
    for (let i = 0; i < 3; i++) await client.limits();
    const before = client.stats.apiCalls;
    await expect(client.limits()).rejects.toMatchObject({ name: 'Salesforce.RateLimited' });
    expect(client.stats.apiCalls - before).toBe(1);
    expect(client.stats.lastLimitInfo?.max).toBe(3);
  });

  it('transient failures of safe operations are retried within the client', async () => {
    useEnv({ authMode: 'password' });
    const client = getSalesforceClient({ retry: { maxAttempts: 3, baseDelayMs: 1 } });
    await client.limits();
    emulator.setFaults({ sequence: ['SERVER_UNAVAILABLE', 'SERVER_UNAVAILABLE'] });
    await expect(client.query(byPhone)).resolves.toMatchObject({ done: true });
  });

  it('a response slower than the request timeout is Salesforce.Transient', async () => {
    useEnv({ authMode: 'password', requestTimeoutMs: 200 });
    const client = getSalesforceClient({ retry: false });
    await client.limits();
    emulator.setFaults({ latencyMs: 1_000 });
    await expect(client.limits()).rejects.toMatchObject({
      name: 'Salesforce.Transient',
      message: expect.stringContaining('timed out'),
    });
  });

  it('validation errors are Salesforce.Request with errorCode, message and fields', async () => {
    useEnv({ authMode: 'password' });
    const client = getSalesforceClient();
    const error = await client.create('Contact', { FirstName: 'No last name' }).catch((e: unknown) => e);
    expect(error).toMatchObject({
      name: 'Salesforce.Request',
      errorCode: 'REQUIRED_FIELD_MISSING',
      status: 400,
    });
    expect((error as Error).message).toMatch(/REQUIRED_FIELD_MISSING: .*\(fields: LastName\)/);
    await expect(client.query('SELECT Id FRM Contact')).rejects.toMatchObject({
      name: 'Salesforce.Request',
      errorCode: 'MALFORMED_QUERY',
    });
  });
});

describe('pagination and collections', () => {
  it('a query over 5,000 records pages to the end (seeded with createMany, 200 per call)', async () => {
    useEnv({ authMode: 'client_credentials' });
    const client = getSalesforceClient();
    const records = Array.from({ length: 5_001 }, (_, i) => ({
      attributes: { type: 'Contact' },
      LastName: 'Paged',
      FirstName: `P${String(i).padStart(5, '0')}`,
    }));
    const saved = await client.createMany(records, { allOrNone: true });
    expect(saved).toHaveLength(5_001);
    expect(saved.every((r) => r.success)).toBe(true);
    expect(emulator.apiUsage().byEndpoint).toMatchObject({ 'POST /composite/sobjects': 26 });

    const before = client.stats.apiCalls;
    const result = await client.query(soql`SELECT Id, FirstName FROM Contact WHERE LastName = ${'Paged'}`);
    expect(result.totalSize).toBe(5_001);
    expect(result.done).toBe(true);
    expect(new Set(result.records.map((r) => r.Id))).toEqual(new Set(saved.map((r) => r.id)));
    expect(client.stats.apiCalls - before).toBeGreaterThanOrEqual(3);

    const capped = await client.query(soql`SELECT Id FROM Contact WHERE LastName = ${'Paged'}`, {
      maxRecords: 2_500,
    });
    expect(capped.records).toHaveLength(2_500);
    expect(capped.done).toBe(false);
  });
});
