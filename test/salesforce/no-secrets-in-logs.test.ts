/**
 * With DEBUG logging on, no password, security token, consumer secret/key, private key or access
 * token appears in any captured log line — across every auth mode, success and failure.
 */
import { generateKeyPairSync } from 'node:crypto';
import { Logger } from '@aws-lambda-powertools/logger';
import { Agent, type Dispatcher } from 'undici';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startSalesforceEmulator } from '../../local/salesforce-emulator/index.js';
import type { EmulatorOptions, SalesforceEmulator } from '../../local/salesforce-emulator/types.js';
import { SalesforceClient } from '../../shared/salesforce/client.js';
import { StaticCredentialsSource } from '../../shared/salesforce/credentials.js';
import type { AuthMode, SalesforceCredentials } from '../../shared/salesforce/types.js';
import { undiciTransport } from '../../shared/salesforce/undici-transport.js';

const captured: string[] = [];
const accessTokens = new Set<string>();
const emulators: SalesforceEmulator[] = [];

/** Records every Authorization header sent, i.e. every access token the clients used. */
const recordingAgent: Dispatcher = new Agent().compose((dispatch) => (options, handler) => {
  const headers = options.headers as Record<string, string> | undefined;
  const authorization = headers?.authorization;
  if (typeof authorization === 'string') accessTokens.add(authorization.replace(/^Bearer /, ''));
  return dispatch(options, handler);
});

beforeAll(() => {
  const capture =
    (original: (...args: unknown[]) => unknown) =>
    (...args: unknown[]) => {
      captured.push(args.map((arg) => (typeof arg === 'string' ? arg : JSON.stringify(arg))).join(' '));
      return original;
    };
  for (const method of ['log', 'debug', 'info', 'warn', 'error', 'trace'] as const) {
    vi.spyOn(console, method).mockImplementation(capture(console[method]) as never);
  }
  vi.spyOn(process.stdout, 'write').mockImplementation(((chunk: unknown) => {
    captured.push(String(chunk));
    return true;
  }) as never);
  vi.spyOn(process.stderr, 'write').mockImplementation(((chunk: unknown) => {
    captured.push(String(chunk));
    return true;
  }) as never);
});

afterAll(async () => {
  vi.restoreAllMocks();
  await Promise.all(emulators.map((e) => e.stop()));
  await recordingAgent.close();
});

async function emulator(options: EmulatorOptions = {}): Promise<SalesforceEmulator> {
  const started = await startSalesforceEmulator(options);
  emulators.push(started);
  return started;
}

function secretOf(target: SalesforceEmulator): SalesforceCredentials {
  return {
    Password: target.credentials.password,
    AccessToken: target.credentials.securityToken,
    ConsumerKey: target.credentials.consumerKey,
    ConsumerSecret: target.credentials.consumerSecret,
    PrivateKey: target.credentials.privateKeyPem,
  };
}

function debugLogger(): Logger {
  return new Logger({ serviceName: 'no-secrets-test', logLevel: 'DEBUG' });
}

function client(
  target: SalesforceEmulator,
  authMode: AuthMode,
  logger: Logger,
  overrides: Partial<SalesforceCredentials> = {},
  extra: { requestTimeoutMs?: number; loginHost?: string } = {},
): SalesforceClient {
  return new SalesforceClient({
    settings: {
      host: target.url,
      version: 'v62.0',
      username: target.credentials.username,
      production: false,
      authMode,
      ...extra,
    },
    credentials: new StaticCredentialsSource({ ...secretOf(target), ...overrides }),
    logger,
    transport: undiciTransport({ dispatcher: recordingAgent }),
    retry: { maxAttempts: 2, baseDelayMs: 1 },
  });
}

/** Runs `work` and logs its failure the way a handler would (error object at ERROR). */
async function run(logger: Logger, work: () => Promise<unknown>): Promise<void> {
  try {
    await work();
  } catch (error) {
    logger.error('operation failed', error as Error);
  }
}

describe('no secrets in logs at DEBUG', () => {
  it('every auth mode, success and failure, leaks nothing', async () => {
    const org = await emulator();
    const blocked = await emulator({ oauth: { blockPasswordFlow: true, clientCredentialsRunAs: false } });
    const slow = await emulator({ faults: { latencyMs: 500 } });
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const strangerKey = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const secrets = new Set<string>();
    for (const target of [org, blocked, slow]) {
      for (const value of Object.values(secretOf(target))) if (value) secrets.add(value);
    }
    secrets.add(strangerKey);
    secrets.add('wrong-password-Zq9');
    secrets.add('wrong-consumer-secret-Zq9');

    for (const authMode of ['password', 'client_credentials', 'jwt_bearer'] as AuthMode[]) {
      const logger = debugLogger();
      // Success, a session expiry (refresh + retry), validation and query errors, faults.
      const sf = client(org, authMode, logger);
      await run(logger, () => sf.query("SELECT Id, LastName FROM Contact WHERE Phone = '+441122334455'"));
      org.expireAllSessions();
      await run(logger, () => sf.limits());
      await run(logger, () => sf.create('Contact', { FirstName: 'no last name' }));
      await run(logger, () => sf.query('SELECT Id FRM Contact'));
      org.setFaults({ sequence: ['SERVER_UNAVAILABLE', 'REQUEST_LIMIT_EXCEEDED', 'UNABLE_TO_LOCK_ROW'] });
      await run(logger, () => sf.query('SELECT Id FROM Contact LIMIT 1'));
      await run(logger, () => sf.create('Case', { Subject: 'x' }));
      org.setFaults({});
      await run(logger, () =>
        sf.uploadContentVersion({ title: 't', pathOnClient: 't.txt', body: Buffer.from('hello') }),
      );
      // Token failures.
      await run(logger, () => client(org, authMode, logger, { Password: 'wrong-password-Zq9' }).limits());
      await run(logger, () =>
        client(org, authMode, logger, { ConsumerSecret: 'wrong-consumer-secret-Zq9' }).limits(),
      );
      await run(logger, () => client(org, authMode, logger, { PrivateKey: strangerKey }).limits());
      await run(logger, () => client(org, authMode, logger, { PrivateKey: 'not a pem' }).limits());
      await run(logger, () => client(blocked, authMode, logger).limits());
      await run(logger, () => client(org, authMode, logger, {}, { loginHost: org.loginUrl }).limits());
      // Timeouts.
      await run(logger, () => client(slow, authMode, logger, {}, { requestTimeoutMs: 100 }).limits());
      await sf.close();
    }

    const output = captured.join('\n');
    // The capture works and DEBUG request lines were written (the test could fail).
    expect(output).toContain('Salesforce request');
    expect(output).toContain('operation failed');
    expect(output).toContain('Retrieving new Salesforce OAuth token');
    expect(accessTokens.size).toBeGreaterThanOrEqual(6);
    for (const token of accessTokens) secrets.add(token);

    const leaks = [...secrets].filter((secret) => output.includes(secret));
    expect(leaks).toEqual([]);
    // PEM bodies line by line too.
    for (const secret of secrets) {
      if (!secret.includes('-----BEGIN')) continue;
      const lines = secret.split('\n').filter((line) => line.length >= 16 && !line.startsWith('-----'));
      expect(lines.filter((line) => output.includes(line))).toEqual([]);
    }
    expect(output).not.toMatch(/Bearer [A-Za-z0-9!._-]{8,}/);
  });
});
