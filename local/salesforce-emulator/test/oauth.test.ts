import { createHmac, generateKeyPairSync } from 'node:crypto';
import { importPKCS8, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSalesforceEmulator } from '../index.js';
import type { SalesforceEmulator } from '../types.js';

const JWT_GRANT = 'urn:ietf:params:oauth:grant-type:jwt-bearer';

async function token(url: string, params: Record<string, string>, headers: Record<string, string> = {}) {
  const response = await fetch(`${url}/services/oauth2/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams(params),
  });
  return { status: response.status, body: (await response.json()) as Record<string, string> };
}

describe('OAuth token endpoint', () => {
  let emulator: SalesforceEmulator;
  let passwordParams: Record<string, string>;

  const jwt = async (
    claims: { iss?: string; sub?: string; aud?: string; expSeconds?: number },
    pem?: string,
  ) => {
    const { credentials } = emulator;
    const key = await importPKCS8(pem ?? credentials.privateKeyPem, 'RS256');
    const now = Math.floor(Date.now() / 1000);
    return new SignJWT({})
      .setProtectedHeader({ alg: 'RS256' })
      .setIssuer(claims.iss ?? credentials.consumerKey)
      .setSubject(claims.sub ?? credentials.username)
      .setAudience(claims.aud ?? emulator.loginUrl)
      .setExpirationTime(now + (claims.expSeconds ?? 120))
      .sign(key);
  };

  beforeAll(async () => {
    emulator = await startSalesforceEmulator({ seed: false });
    const { credentials } = emulator;
    passwordParams = {
      grant_type: 'password',
      client_id: credentials.consumerKey,
      client_secret: credentials.consumerSecret,
      username: credentials.username,
      password: credentials.password + credentials.securityToken,
    };
  });
  afterAll(() => emulator.stop());

  it('password flow returns the documented token shape, no expires_in, a valid signature', async () => {
    const { status, body } = await token(emulator.url, passwordParams);
    expect(status).toBe(200);
    expect(body).toMatchObject({ instance_url: emulator.url, token_type: 'Bearer' });
    expect(body.access_token).toMatch(/^00D[A-Za-z0-9]{12}!/);
    expect(body.issued_at).toMatch(/^\d{13}$/);
    expect(body).not.toHaveProperty('expires_in');
    expect(body).not.toHaveProperty('refresh_token');
    expect(body.id).toMatch(new RegExp(`^${emulator.url}/id/00D[A-Za-z0-9]{15}/005[A-Za-z0-9]{15}$`));
    const expected = createHmac('sha256', emulator.credentials.consumerSecret)
      .update(body.id + body.issued_at)
      .digest('base64');
    expect(body.signature).toBe(expected);
    const data = await fetch(`${emulator.url}/services/data/v62.0/limits`, {
      headers: { authorization: `Bearer ${body.access_token}` },
    });
    expect(data.status).toBe(200);
  });

  it('the identity URL answers with the bearer token, 401 without', async () => {
    const { body } = await token(emulator.url, passwordParams);
    const identity = await fetch(body.id, { headers: { authorization: `Bearer ${body.access_token}` } });
    expect(identity.status).toBe(200);
    expect(await identity.json()).toMatchObject({
      id: body.id,
      username: emulator.credentials.username,
      active: true,
    });
    expect((await fetch(body.id)).status).toBe(401);
  });

  it('password flow accepts credentials in the query string (the original package)', async () => {
    const response = await fetch(
      `${emulator.url}/services/oauth2/token?${new URLSearchParams(passwordParams)}`,
      {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      },
    );
    expect(response.status).toBe(200);
  });

  it('password flow without the security token, or with a wrong password, is invalid_grant', async () => {
    for (const password of [emulator.credentials.password, 'wrong']) {
      const { status, body } = await token(emulator.url, { ...passwordParams, password });
      expect(status).toBe(400);
      expect(body).toEqual({ error: 'invalid_grant', error_description: 'authentication failure' });
    }
  });

  it('unknown consumer key and wrong secret have their own error codes', async () => {
    expect(await token(emulator.url, { ...passwordParams, client_id: 'nope' })).toEqual({
      status: 400,
      body: { error: 'invalid_client_id', error_description: 'client identifier invalid' },
    });
    expect(await token(emulator.url, { ...passwordParams, client_secret: 'nope' })).toEqual({
      status: 400,
      body: { error: 'invalid_client', error_description: 'invalid client credentials' },
    });
  });

  it('missing and unsupported grant types', async () => {
    expect(await token(emulator.url, {})).toEqual({
      status: 400,
      body: { error: 'invalid_request', error_description: 'grant type is missing' },
    });
    expect(await token(emulator.url, { grant_type: 'authorization_code' })).toEqual({
      status: 400,
      body: { error: 'unsupported_grant_type', error_description: 'grant type not supported' },
    });
  });

  it('client_credentials works on the My Domain host, in the body or with HTTP Basic', async () => {
    const { credentials } = emulator;
    const inBody = await token(emulator.url, {
      grant_type: 'client_credentials',
      client_id: credentials.consumerKey,
      client_secret: credentials.consumerSecret,
    });
    expect(inBody.status).toBe(200);
    expect(inBody.body.token_type).toBe('Bearer');
    const basic = Buffer.from(`${credentials.consumerKey}:${credentials.consumerSecret}`).toString('base64');
    const withBasic = await token(
      emulator.url,
      { grant_type: 'client_credentials' },
      { authorization: `Basic ${basic}` },
    );
    expect(withBasic.status).toBe(200);
  });

  it('client_credentials on the login host is "request not supported on this domain"', async () => {
    const { credentials } = emulator;
    const result = await token(emulator.loginUrl, {
      grant_type: 'client_credentials',
      client_id: credentials.consumerKey,
      client_secret: credentials.consumerSecret,
    });
    expect(result).toEqual({
      status: 400,
      body: { error: 'invalid_grant', error_description: 'request not supported on this domain' },
    });
  });

  it('password and JWT flows work on the login host; the identity URL follows it', async () => {
    const result = await token(emulator.loginUrl, passwordParams);
    expect(result.status).toBe(200);
    expect(result.body.id.startsWith(`${emulator.loginUrl}/id/`)).toBe(true);
    expect(result.body.instance_url).toBe(emulator.url);
  });

  it('JWT bearer: a valid assertion (aud = login host or emulator URL) gets a token', async () => {
    for (const aud of [emulator.loginUrl, emulator.url, 'https://login.salesforce.com']) {
      const result = await token(emulator.url, { grant_type: JWT_GRANT, assertion: await jwt({ aud }) });
      expect(result.status, aud).toBe(200);
      expect(result.body.token_type).toBe('Bearer');
    }
  });

  it('JWT bearer: wrong issuer, subject, audience, expiry or signing key are rejected', async () => {
    const other = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({
      type: 'pkcs8',
      format: 'pem',
    }) as string;
    const cases: Array<[Promise<string>, Record<string, string>]> = [
      [
        jwt({ iss: 'someone-else' }),
        { error: 'invalid_client_id', error_description: 'client identifier invalid' },
      ],
      [
        jwt({ sub: 'stranger@example.com' }),
        { error: 'invalid_grant', error_description: "user hasn't approved this consumer" },
      ],
      [
        jwt({ aud: 'https://evil.example.com' }),
        { error: 'invalid_grant', error_description: 'audience is invalid' },
      ],
      [
        jwt({ expSeconds: -600 }),
        { error: 'invalid_grant', error_description: 'expired authorization code' },
      ],
      [jwt({}, other), { error: 'invalid_grant', error_description: 'invalid assertion' }],
      [Promise.resolve('not.a.jwt'), { error: 'invalid_grant', error_description: 'invalid assertion' }],
    ];
    for (const [assertion, expected] of cases) {
      const result = await token(emulator.url, { grant_type: JWT_GRANT, assertion: await assertion });
      expect(result).toEqual({ status: 400, body: expected });
    }
  });

  it('GET on the token endpoint is rejected', async () => {
    const response = await fetch(`${emulator.url}/services/oauth2/token`);
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      error: 'invalid_request',
      error_description: 'must use HTTP POST',
    });
  });

  it('data-API faults never touch the token endpoint; tokenEndpoint faults do', async () => {
    emulator.setFaults({ serverUnavailableRate: 1, requestLimitExceededRate: 1 });
    expect((await token(emulator.url, passwordParams)).status).toBe(200);
    emulator.setFaults({ tokenEndpoint: { serverUnavailableRate: 1 } });
    expect((await token(emulator.url, passwordParams)).status).toBe(503);
    emulator.setFaults({});
    expect((await token(emulator.url, passwordParams)).status).toBe(200);
  });

  it('counts token requests separately from API calls', async () => {
    emulator.resetApiUsage();
    await token(emulator.url, passwordParams);
    await token(emulator.url, { ...passwordParams, password: 'bad' });
    expect(emulator.apiUsage()).toMatchObject({ tokenRequests: 2, apiCalls: 0 });
  });
});

describe('OAuth org policy options', () => {
  it('blocked username-password flow and a connected app without a Run As user', async () => {
    const emulator = await startSalesforceEmulator({
      seed: false,
      oauth: { blockPasswordFlow: true, clientCredentialsRunAs: false },
    });
    try {
      const { credentials } = emulator;
      const password = await token(emulator.url, {
        grant_type: 'password',
        client_id: credentials.consumerKey,
        client_secret: credentials.consumerSecret,
        username: credentials.username,
        password: credentials.password + credentials.securityToken,
      });
      expect(password).toEqual({
        status: 400,
        body: { error: 'unsupported_grant_type', error_description: 'grant type not supported' },
      });
      const clientCredentials = await token(emulator.url, {
        grant_type: 'client_credentials',
        client_id: credentials.consumerKey,
        client_secret: credentials.consumerSecret,
      });
      expect(clientCredentials).toEqual({
        status: 400,
        body: { error: 'invalid_grant', error_description: 'no client credentials user enabled' },
      });
    } finally {
      await emulator.stop();
    }
  });
});
