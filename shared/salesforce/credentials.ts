/**
 * Credential sources: Secrets Manager through Powertools Parameters (cached for `maxAgeSeconds`,
 * so a warm container does not call Secrets Manager on every invocation), or a static object for
 * local runs and tests.
 *
 * @example
 * ```ts
 * const credentials = new SecretsManagerCredentialsSource(process.env.SF_CREDENTIALS_SECRETS_MANAGER_ARN!);
 * const local = new StaticCredentialsSource({ ConsumerKey: 'k', ConsumerSecret: 's' });
 * ```
 */
import { SecretsProvider } from '@aws-lambda-powertools/parameters/secrets';
import { SalesforceConfigError } from './errors.js';
import type { CredentialsSource, SalesforceCredentials } from './types.js';

const KEYS: Array<keyof SalesforceCredentials> = [
  'Password',
  'AccessToken',
  'ConsumerKey',
  'ConsumerSecret',
  'PrivateKey',
  'AuthToken',
];

/** Keeps only the known keys, as strings (a secret edited by hand may hold numbers). */
export function toCredentials(value: unknown): SalesforceCredentials {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new SalesforceConfigError('The Salesforce credentials secret must be a JSON object');
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

export class StaticCredentialsSource implements CredentialsSource {
  private readonly credentials: SalesforceCredentials;

  constructor(credentials: SalesforceCredentials) {
    this.credentials = { ...credentials };
  }

  async get(): Promise<SalesforceCredentials> {
    return this.credentials;
  }
}

export class SecretsManagerCredentialsSource implements CredentialsSource {
  private readonly provider: SecretsProvider;

  constructor(
    private readonly secretId: string,
    private readonly maxAgeSeconds = 300,
    provider?: SecretsProvider,
  ) {
    this.provider = provider ?? new SecretsProvider();
  }

  async get(): Promise<SalesforceCredentials> {
    let value: unknown;
    try {
      value = await this.provider.get(this.secretId, { maxAge: this.maxAgeSeconds, transform: 'json' });
    } catch (error) {
      const name = error instanceof Error ? error.name : 'Error';
      // The message names the secret and the failure, never its content.
      throw new SalesforceConfigError(
        `Could not read the Salesforce credentials secret (SF_CREDENTIALS_SECRETS_MANAGER_ARN): ${name}`,
      );
    }
    return toCredentials(value);
  }
}
