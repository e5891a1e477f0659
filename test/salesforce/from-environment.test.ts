import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  EMULATOR_SECRET_ARN,
  emulatorSecret,
  useSalesforceEmulator,
} from '../../local/emulator-connection/salesforce-environment.js';
import { startSalesforceEmulator } from '../../local/salesforce-emulator/index.js';
import type { SalesforceEmulator } from '../../local/salesforce-emulator/types.js';
import { getSalesforceClient, resetSalesforceClient } from '../../shared/salesforce/from-environment.js';
import { salesforceSettingsFromEnvironment } from '../../shared/salesforce/settings-from-environment.js';

describe('salesforceSettingsFromEnvironment', () => {
  const env = {
    SF_HOST: 'https://acme.my.salesforce.com',
    SF_VERSION: 'v62.0',
    SF_USERNAME: 'api@acme.example',
    SF_CREDENTIALS_SECRETS_MANAGER_ARN: 'arn',
  };

  it('reads every variable with defaults', () => {
    expect(salesforceSettingsFromEnvironment(env)).toEqual({
      host: 'https://acme.my.salesforce.com',
      version: 'v62.0',
      username: 'api@acme.example',
      production: false,
      authMode: 'password',
      loginHost: undefined,
      requestTimeoutMs: 10_000,
      jwtAudience: undefined,
    });
    expect(
      salesforceSettingsFromEnvironment({
        ...env,
        SF_PRODUCTION: 'TRUE',
        SF_AUTH_MODE: 'Client_Credentials',
        SF_USERNAME: '',
        SF_REQUEST_TIMEOUT_MS: '2500',
        SF_LOGIN_HOST: 'https://test.salesforce.com',
      }),
    ).toMatchObject({
      production: true,
      authMode: 'client_credentials',
      username: undefined,
      requestTimeoutMs: 2500,
    });
  });

  it.each([
    [{ SF_HOST: undefined }, /SF_HOST/],
    [{ SF_VERSION: '' }, /SF_VERSION/],
    [{ SF_USERNAME: undefined }, /SF_USERNAME/],
    [{ SF_AUTH_MODE: 'oauth\u0007x' }, /SF_AUTH_MODE.*'oauth\?x'.*password, client_credentials, jwt_bearer/],
    [{ SF_PRODUCTION: 'maybe' }, /SF_PRODUCTION/],
    [{ SF_REQUEST_TIMEOUT_MS: '10s' }, /SF_REQUEST_TIMEOUT_MS/],
  ])('names the bad variable (%j)', (change, message) => {
    expect(() => salesforceSettingsFromEnvironment({ ...env, ...change })).toThrow(
      expect.objectContaining({ name: 'Salesforce.Config', message: expect.stringMatching(message) }),
    );
  });
});

describe('getSalesforceClient with useSalesforceEmulator', () => {
  let emulator: SalesforceEmulator;
  beforeAll(async () => {
    emulator = await startSalesforceEmulator();
  });
  afterAll(async () => {
    await emulator.stop();
  });
  afterEach(() => {
    resetSalesforceClient();
  });

  it('one client per container; the secret is read once and cached', async () => {
    const env = useSalesforceEmulator(emulator, { authMode: 'client_credentials' });
    try {
      const client = getSalesforceClient();
      await client.limits();
      emulator.expireAllSessions();
      await client.limits();
      expect(getSalesforceClient()).toBe(client);
      expect(client.stats.tokenRequests).toBe(2);
      // Each new token was written back once it had worked (re-reading the secret first, so a
      // rotated credential is never overwritten); otherwise the secret came from Powertools' cache.
      expect(env.savedAuthTokens()).toHaveLength(2);
      expect(env.secretReads()).toBe(1 + env.savedAuthTokens().length);
      expect(env.secret.ConsumerSecret).toBe(emulator.credentials.consumerSecret);
    } finally {
      env.restore();
    }
  });

  it('restore() puts the environment back and drops the client', async () => {
    const before = process.env.SF_HOST;
    const env = useSalesforceEmulator(emulator);
    expect(process.env.SF_HOST).toBe(emulator.url);
    expect(process.env.SF_CREDENTIALS_SECRETS_MANAGER_ARN).toBe(EMULATOR_SECRET_ARN);
    const first = getSalesforceClient();
    env.restore();
    expect(process.env.SF_HOST).toBe(before);
    const again = useSalesforceEmulator(emulator, { authMode: 'jwt_bearer' });
    try {
      const second = getSalesforceClient();
      expect(second).not.toBe(first);
      await expect(second.limits()).resolves.toBeTypeOf('object');
    } finally {
      again.restore();
    }
  });

  it('a missing SF_CREDENTIALS_SECRETS_MANAGER_ARN is a Config error naming it', () => {
    const env = useSalesforceEmulator(emulator, { env: { SF_CREDENTIALS_SECRETS_MANAGER_ARN: undefined } });
    try {
      expect(() => getSalesforceClient()).toThrow(/SF_CREDENTIALS_SECRETS_MANAGER_ARN/);
    } finally {
      env.restore();
    }
  });

  it('SF_CREDENTIALS_FILE reads the secret from a local file instead of Secrets Manager, and writes no token back', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'sf-file-'));
    const file = join(directory, 'secret.json');
    writeFileSync(file, JSON.stringify(emulatorSecret(emulator)));
    const env = useSalesforceEmulator(emulator, {
      env: { SF_CREDENTIALS_SECRETS_MANAGER_ARN: undefined, SF_CREDENTIALS_FILE: file },
    });
    try {
      const client = getSalesforceClient();
      await client.limits();
      emulator.expireAllSessions();
      await client.limits();
      expect(client.stats.tokenRequests).toBe(2);
      expect(env.secretReads()).toBe(0);
      expect(env.savedAuthTokens()).toHaveLength(0);
    } finally {
      env.restore();
      rmSync(directory, { recursive: true, force: true });
    }
  });

  it('an unreadable secret is a Config error without its content', async () => {
    const env = useSalesforceEmulator(emulator, {
      env: { SF_CREDENTIALS_SECRETS_MANAGER_ARN: 'arn:unknown' },
    });
    try {
      await expect(getSalesforceClient().limits()).rejects.toMatchObject({
        name: 'Salesforce.Config',
        message: expect.stringContaining('SF_CREDENTIALS_SECRETS_MANAGER_ARN'),
      });
    } finally {
      env.restore();
    }
  });
});

describe('token sharing through the secret (AuthToken)', () => {
  let emulator: SalesforceEmulator;
  beforeAll(async () => {
    emulator = await startSalesforceEmulator();
  });
  afterAll(async () => {
    await emulator.stop();
  });
  afterEach(() => {
    resetSalesforceClient();
    emulator.resetApiUsage();
  });

  async function issueToken(): Promise<string> {
    const response = await fetch(`${emulator.url}/services/oauth2/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: emulator.credentials.consumerKey,
        client_secret: emulator.credentials.consumerSecret,
      }),
    });
    return ((await response.json()) as { access_token: string }).access_token;
  }

  it('a cold container adopts a working AuthToken: no token request at all', async () => {
    const shared = await issueToken();
    emulator.resetApiUsage();
    const env = useSalesforceEmulator(emulator, { secretOverrides: { AuthToken: shared } });
    try {
      const client = getSalesforceClient();
      await client.limits();
      expect(client.stats.tokenRequests).toBe(0);
      expect(emulator.apiUsage().tokenRequests).toBe(0);
      expect(env.savedAuthTokens()).toEqual([]);
    } finally {
      env.restore();
    }
  });

  it('a stale AuthToken costs one 401, one token request, and the new token is written back', async () => {
    const env = useSalesforceEmulator(emulator, {
      secretOverrides: { AuthToken: 'stale-token-from-yesterday' },
    });
    try {
      const client = getSalesforceClient();
      await client.limits();
      expect(client.stats).toMatchObject({ tokenRequests: 1, apiCalls: 2 });
      const saved = env.savedAuthTokens();
      expect(saved).toHaveLength(1);
      expect(saved[0]).not.toBe('stale-token-from-yesterday');
    } finally {
      env.restore();
    }
  });

  it('SF_SHARE_AUTH_TOKEN=false neither adopts nor writes', async () => {
    const shared = await issueToken();
    const env = useSalesforceEmulator(emulator, {
      secretOverrides: { AuthToken: shared },
      env: { SF_SHARE_AUTH_TOKEN: 'false' },
    });
    try {
      const client = getSalesforceClient();
      await client.limits();
      expect(client.stats.tokenRequests).toBe(1);
      expect(env.savedAuthTokens()).toEqual([]);
    } finally {
      env.restore();
    }
  });
});
