/**
 * Credential sources: Secrets Manager through Powertools Parameters (cached for `maxAgeSeconds`,
 * so a warm container does not call Secrets Manager on every invocation), a JSON file with the
 * secret's keys (a workstation running the functions' code against an org without AWS), or a
 * static object for tests.
 *
 * @example
 * ```ts
 * const credentials = new SecretsManagerCredentialsSource(process.env.SF_CREDENTIALS_SECRETS_MANAGER_ARN!);
 * const local = new StaticCredentialsSource({ ConsumerKey: 'k', ConsumerSecret: 's' });
 * const file = new FileCredentialsSource('/home/me/.salesforce-dev-org.json');
 * ```
 */
import { readFile } from 'node:fs/promises';
import { SecretsProvider } from '@aws-lambda-powertools/parameters/secrets';
import { PutSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SalesforceConfigError } from './errors.js';
import {
  SALESFORCE_CREDENTIALS_FILE_ENV,
  SALESFORCE_CREDENTIALS_SECRET_ENV,
} from './settings-from-environment.js';
import type { CredentialsSource, SalesforceCredentials } from './types.js';

const KEYS: Array<keyof SalesforceCredentials> = [
  'Password',
  'AccessToken',
  'ConsumerKey',
  'ConsumerSecret',
  'PrivateKey',
  'AuthToken',
];

/**
 * Keeps only the known keys, as strings (a secret edited by hand may hold numbers). `setting`
 * names where the value came from, for the error when it is not a JSON object.
 */
export function toCredentials(
  value: unknown,
  setting: string = SALESFORCE_CREDENTIALS_SECRET_ENV,
): SalesforceCredentials {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new SalesforceConfigError('The Salesforce credentials secret must be a JSON object', setting);
  }
  const source = value as Record<string, unknown>;
  const credentials: SalesforceCredentials = {};
  for (const key of KEYS) {
    const item = source[key];
    if (typeof item === 'string') credentials[key] = item;
    else if (typeof item === 'number') credentials[key] = String(item);
  }
  return credentials;
}

/** Credentials given in code (tests, local runs, the emulator): returned as given on every call. */
export class StaticCredentialsSource implements CredentialsSource {
  private readonly credentials: SalesforceCredentials;

  constructor(credentials: SalesforceCredentials) {
    this.credentials = { ...credentials };
  }

  async get(): Promise<SalesforceCredentials> {
    return this.credentials;
  }
}

/** The secret's JSON in a local file (`SF_CREDENTIALS_FILE`), read once; tokens are never written back. */
export class FileCredentialsSource implements CredentialsSource {
  private cached?: Promise<SalesforceCredentials>;

  constructor(private readonly path: string) {}

  get(): Promise<SalesforceCredentials> {
    this.cached ??= readFile(this.path, 'utf8').then(
      (text) => {
        try {
          return toCredentials(JSON.parse(text), SALESFORCE_CREDENTIALS_FILE_ENV);
        } catch (error) {
          if (error instanceof SalesforceConfigError) throw error;
          // Never echo the content: it holds the credentials.
          throw new SalesforceConfigError(
            `SF_CREDENTIALS_FILE ${this.path} is not valid JSON`,
            SALESFORCE_CREDENTIALS_FILE_ENV,
          );
        }
      },
      (error: NodeJS.ErrnoException) => {
        throw new SalesforceConfigError(
          `Cannot read SF_CREDENTIALS_FILE ${this.path}: ${error.code ?? error.name}`,
          SALESFORCE_CREDENTIALS_FILE_ENV,
        );
      },
    );
    this.cached.catch(() => {
      this.cached = undefined;
    });
    return this.cached;
  }
}

/** Backoff before each retry of a conflicting secret write (upstream v5.28: 0.3, 0.6, 1.2 s). */
const WRITE_RETRY_DELAYS_MS = [300, 600, 1_200];

/** Options of {@link SecretsManagerCredentialsSource}. */
export interface SecretsManagerCredentialsOptions {
  /** Seconds the secret is cached (default 300). */
  maxAgeSeconds?: number;
  /** Write working tokens back as `AuthToken` (default true; needs secretsmanager:PutSecretValue). */
  saveAuthToken?: boolean;
  /** Injected for tests. */
  client?: SecretsManagerClient;
  sleep?: (ms: number) => Promise<void>;
}

/**
 * Credentials from the Secrets Manager secret, cached for `maxAgeSeconds` (default 300 s) so a
 * warm container does not read the secret on every call; can write a working access token back as
 * `AuthToken`, as the original package did.
 *
 * @example
 * ```ts
 * const credentials = new SecretsManagerCredentialsSource(secretArn, { maxAgeSeconds: 300 });
 * ```
 */
export class SecretsManagerCredentialsSource implements CredentialsSource {
  private readonly provider: SecretsProvider;
  private readonly client: SecretsManagerClient;
  private readonly maxAgeSeconds: number;
  private readonly sleep: (ms: number) => Promise<void>;
  readonly saveAuthToken?: (token: string) => Promise<void>;

  constructor(
    private readonly secretId: string,
    options: SecretsManagerCredentialsOptions = {},
  ) {
    this.client = options.client ?? new SecretsManagerClient({});
    this.provider = new SecretsProvider({ awsSdkV3Client: this.client });
    this.maxAgeSeconds = options.maxAgeSeconds ?? 300;
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    if (options.saveAuthToken !== false) this.saveAuthToken = (token) => this.writeAuthToken(token);
  }

  async get(): Promise<SalesforceCredentials> {
    return toCredentials(await this.read(false));
  }

  /**
   * Writes `AuthToken` into the secret, keeping every other key as it is now (re-read, not from
   * the cache, so a credential rotated meanwhile is never overwritten). Conflicting concurrent
   * writes are retried up to 3 times; `LimitExceededException` (too many versions) is ignored.
   */
  private async writeAuthToken(token: string): Promise<void> {
    const current = await this.read(true);
    if (current === null || typeof current !== 'object' || Array.isArray(current)) return;
    if ((current as Record<string, unknown>).AuthToken === token) return;
    const SecretString = JSON.stringify({ ...(current as Record<string, unknown>), AuthToken: token });
    for (let attempt = 0; ; attempt++) {
      try {
        await this.client.send(new PutSecretValueCommand({ SecretId: this.secretId, SecretString }));
        return;
      } catch (error) {
        const name = error instanceof Error ? error.name : '';
        if (name === 'LimitExceededException') return;
        if (name !== 'ResourceConflictException' || attempt >= WRITE_RETRY_DELAYS_MS.length) {
          throw new SalesforceConfigError(
            `Could not write AuthToken to the Salesforce credentials secret: ${name || 'Error'}`,
            SALESFORCE_CREDENTIALS_SECRET_ENV,
          );
        }
        await this.sleep(WRITE_RETRY_DELAYS_MS[attempt]);
      }
    }
  }

  private async read(forceFetch: boolean): Promise<unknown> {
    try {
      return await this.provider.get(this.secretId, {
        maxAge: this.maxAgeSeconds,
        transform: 'json',
        forceFetch,
      });
    } catch (error) {
      const name = error instanceof Error ? error.name : 'Error';
      // The message names the secret and the failure, never its content.
      throw new SalesforceConfigError(
        `Could not read the Salesforce credentials secret (SF_CREDENTIALS_SECRETS_MANAGER_ARN): ${name}`,
        SALESFORCE_CREDENTIALS_SECRET_ENV,
      );
    }
  }
}
