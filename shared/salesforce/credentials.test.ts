import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  GetSecretValueCommand,
  PutSecretValueCommand,
  SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import {
  FileCredentialsSource,
  SecretsManagerCredentialsSource,
  StaticCredentialsSource,
  toCredentials,
} from './credentials.js';

const secretsManager = mockClient(SecretsManagerClient);
afterEach(() => {
  secretsManager.reset();
});

const SECRET = { Password: 'p', AccessToken: 't', ConsumerKey: 'k', ConsumerSecret: 's', Other: 'kept' };

function conflict(): Error {
  const error = new Error('conflict');
  error.name = 'ResourceConflictException';
  return error;
}

describe('SecretsManagerCredentialsSource', () => {
  it('reads the JSON secret once within maxAge', async () => {
    secretsManager.on(GetSecretValueCommand).resolves({ SecretString: JSON.stringify(SECRET) });
    const source = new SecretsManagerCredentialsSource('arn:secret', {
      client: new SecretsManagerClient({}),
    });
    await expect(source.get()).resolves.toEqual({
      Password: 'p',
      AccessToken: 't',
      ConsumerKey: 'k',
      ConsumerSecret: 's',
    });
    await source.get();
    expect(secretsManager).toHaveReceivedCommandTimes(GetSecretValueCommand, 1);
  });

  it('writes AuthToken back keeping every other key, retrying conflicts with backoff', async () => {
    secretsManager.on(GetSecretValueCommand).resolves({ SecretString: JSON.stringify(SECRET) });
    secretsManager.on(PutSecretValueCommand).rejectsOnce(conflict()).rejectsOnce(conflict()).resolves({});
    const delays: number[] = [];
    const source = new SecretsManagerCredentialsSource('arn:secret', {
      client: new SecretsManagerClient({}),
      sleep: async (ms) => {
        delays.push(ms);
      },
    });
    await source.saveAuthToken?.('NEWTOKEN');
    expect(delays).toEqual([300, 600]);
    expect(secretsManager).toHaveReceivedCommandTimes(PutSecretValueCommand, 3);
    const written = JSON.parse(
      String(secretsManager.commandCalls(PutSecretValueCommand)[0].args[0].input.SecretString),
    ) as Record<string, string>;
    expect(written).toEqual({ ...SECRET, AuthToken: 'NEWTOKEN' });
  });

  it('gives up after 3 conflicting retries; ignores LimitExceededException', async () => {
    secretsManager.on(GetSecretValueCommand).resolves({ SecretString: JSON.stringify(SECRET) });
    secretsManager.on(PutSecretValueCommand).rejects(conflict());
    const source = new SecretsManagerCredentialsSource('arn:secret', {
      client: new SecretsManagerClient({}),
      sleep: async () => undefined,
    });
    await expect(source.saveAuthToken?.('X')).rejects.toMatchObject({ name: 'Salesforce.Config' });
    expect(secretsManager).toHaveReceivedCommandTimes(PutSecretValueCommand, 4);

    secretsManager.reset();
    const limit = new Error('too many versions');
    limit.name = 'LimitExceededException';
    secretsManager.on(GetSecretValueCommand).resolves({ SecretString: JSON.stringify(SECRET) });
    secretsManager.on(PutSecretValueCommand).rejects(limit);
    await expect(source.saveAuthToken?.('Y')).resolves.toBeUndefined();
  });

  it('does not write when the secret already holds the token, or when disabled', async () => {
    secretsManager
      .on(GetSecretValueCommand)
      .resolves({ SecretString: JSON.stringify({ ...SECRET, AuthToken: 'SAME' }) });
    const source = new SecretsManagerCredentialsSource('arn:secret', {
      client: new SecretsManagerClient({}),
    });
    await source.saveAuthToken?.('SAME');
    expect(secretsManager).not.toHaveReceivedCommand(PutSecretValueCommand);
    expect(
      new SecretsManagerCredentialsSource('arn:secret', { saveAuthToken: false }).saveAuthToken,
    ).toBeUndefined();
  });

  it('a missing or non-JSON secret is Salesforce.Config without its content', async () => {
    secretsManager.on(GetSecretValueCommand).resolves({ SecretString: 'Password=hunter2' });
    const source = new SecretsManagerCredentialsSource('arn:secret', {
      client: new SecretsManagerClient({}),
    });
    const error = await source.get().catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'Salesforce.Config' });
    expect((error as Error).message).not.toContain('hunter2');
  });
});

describe('toCredentials / StaticCredentialsSource', () => {
  it('keeps known keys as strings', async () => {
    expect(toCredentials({ Password: 12345, Foo: 'x', ConsumerKey: 'k' })).toEqual({
      Password: '12345',
      ConsumerKey: 'k',
    });
    expect(() => toCredentials('text')).toThrow(/JSON object/);
    await expect(new StaticCredentialsSource({ ConsumerKey: 'k' }).get()).resolves.toEqual({
      ConsumerKey: 'k',
    });
  });
});

describe('FileCredentialsSource (SF_CREDENTIALS_FILE)', () => {
  it('reads the secret JSON from the file; a missing or broken file is Salesforce.Config without its content', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'sf-credentials-'));
    try {
      const file = join(directory, 'secret.json');
      writeFileSync(file, JSON.stringify(SECRET));
      expect(await new FileCredentialsSource(file).get()).toEqual({
        Password: 'p',
        AccessToken: 't',
        ConsumerKey: 'k',
        ConsumerSecret: 's',
      });
      writeFileSync(file, '{"Password": "hunter2"');
      const broken = new FileCredentialsSource(file).get();
      await expect(broken).rejects.toMatchObject({ name: 'Salesforce.Config' });
      await expect(broken).rejects.not.toThrow(/hunter2/);
      await expect(new FileCredentialsSource(join(directory, 'none.json')).get()).rejects.toThrow(
        /Cannot read SF_CREDENTIALS_FILE .*none\.json: ENOENT/,
      );
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });
});
