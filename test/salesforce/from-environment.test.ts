import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { EMULATOR_SECRET_ARN, useSalesforceEmulator } from '../../local/salesforce-environment.js';
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
      // The refresh reused the secret from Powertools' cache (maxAge), not Secrets Manager.
      expect(env.secretReads()).toBe(1);
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
