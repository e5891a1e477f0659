/**
 * Points the functions' Salesforce configuration at a running emulator: sets the SF_* variables,
 * mocks `SecretsManagerClient` (aws-sdk-client-mock) so the credentials secret holds the
 * emulator's credentials under the seed's key names, and drops the cached client so the next
 * `getSalesforceClient()` uses all of it. `restore()` puts everything back.
 *
 * @example
 * ```ts
 * const emulator = await startSalesforceEmulator();
 * const env = useSalesforceEmulator(emulator, { authMode: 'client_credentials' });
 * try { await handler(event); } finally { env.restore(); await emulator.stop(); }
 * ```
 */
import {
  GetSecretValueCommand,
  PutSecretValueCommand,
  SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import { resetSalesforceClient } from '../../shared/salesforce/from-environment.js';
import type { AuthMode, SalesforceCredentials } from '../../shared/salesforce/types.js';
import type { SalesforceEmulator } from '../salesforce-emulator/types.js';

/** The secret ARN offline runs use for the emulator's credentials. */
export const EMULATOR_SECRET_ARN =
  'arn:aws:secretsmanager:us-east-1:000000000000:secret:salesforce-emulator-credentials-AbCdEf';

/** How the `SF_*` environment and the mocked secret are set up for the emulator. */
export interface UseSalesforceEmulatorOptions {
  /** Default `password`. */
  authMode?: AuthMode;
  /** Default `v62.0`. */
  version?: string;
  /** SF_ADAPTER_NAMESPACE; unset when omitted. */
  namespace?: string;
  /**
   * Log in (password, jwt_bearer) at the emulator's login.salesforce.com stand-in
   * (`emulator.loginUrl`, via SF_LOGIN_HOST) instead of its My Domain host. Default false.
   */
  useLoginHost?: boolean;
  /** SF_REQUEST_TIMEOUT_MS. */
  requestTimeoutMs?: number;
  /** Replace or remove (undefined) keys of the secret, e.g. a wrong ConsumerSecret for failure tests. */
  secretOverrides?: Partial<Record<keyof SalesforceCredentials, string | undefined>>;
  /** Extra environment variables to set (restored too). */
  env?: Record<string, string | undefined>;
}

/**
 * The environment {@link useSalesforceEmulator} set up: the served secret, its reads and the tokens
 * written back; `restore` puts the previous environment back.
 */
export interface SalesforceEnvironment {
  /** The secret as served by the mocked Secrets Manager. */
  readonly secret: SalesforceCredentials;
  /** How many GetSecretValue calls reached the mocked Secrets Manager (caching checks). */
  secretReads(): number;
  /**
   * `AuthToken` values the client wrote back (PutSecretValue). The mock does not apply them: the
   * served secret stays as set up, so every new client in a test logs in afresh.
   */
  savedAuthTokens(): string[];
  restore(): void;
}

/** The secret JSON an admin would store for this emulator (the key names the admin guide uses). */
export function emulatorSecret(emulator: SalesforceEmulator): SalesforceCredentials {
  const { credentials } = emulator;
  return {
    Password: credentials.password,
    AccessToken: credentials.securityToken,
    ConsumerKey: credentials.consumerKey,
    ConsumerSecret: credentials.consumerSecret,
    PrivateKey: credentials.privateKeyPem,
  };
}

/**
 * Points the functions' Salesforce settings (`SF_*`) and a mocked Secrets Manager at a running
 * emulator, so handlers run unchanged against it.
 *
 * @example
 * ```ts
 * const environment = useSalesforceEmulator(emulator);
 * try { await handler(event, context); } finally { environment.restore(); }
 * ```
 */
export function useSalesforceEmulator(
  emulator: SalesforceEmulator,
  options: UseSalesforceEmulatorOptions = {},
): SalesforceEnvironment {
  const secret: Record<string, string | undefined> = {
    ...emulatorSecret(emulator),
    ...options.secretOverrides,
  };
  for (const key of Object.keys(secret)) if (secret[key] === undefined) delete secret[key];

  const variables: Record<string, string | undefined> = {
    SF_HOST: emulator.url,
    SF_LOGIN_HOST: options.useLoginHost === true ? emulator.loginUrl : undefined,
    SF_VERSION: options.version ?? 'v62.0',
    SF_USERNAME: emulator.credentials.username,
    SF_PRODUCTION: 'false',
    SF_AUTH_MODE: options.authMode ?? 'password',
    SF_CREDENTIALS_SECRETS_MANAGER_ARN: EMULATOR_SECRET_ARN,
    SF_REQUEST_TIMEOUT_MS:
      options.requestTimeoutMs === undefined ? undefined : String(options.requestTimeoutMs),
    ...(options.namespace === undefined
      ? {}
      : { SF_ADAPTER_NAMESPACE: options.namespace === '' ? '-' : options.namespace }),
    ...options.env,
  };
  const previous: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(variables)) {
    previous[name] = process.env[name];
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }

  const secretsManager = mockClient(SecretsManagerClient);
  secretsManager.on(GetSecretValueCommand, { SecretId: EMULATOR_SECRET_ARN }).resolves({
    ARN: EMULATOR_SECRET_ARN,
    Name: 'salesforce-emulator-credentials',
    SecretString: JSON.stringify(secret),
  });
  secretsManager
    .on(PutSecretValueCommand)
    .resolves({ ARN: EMULATOR_SECRET_ARN, Name: 'salesforce-emulator-credentials' });
  resetSalesforceClient();

  let restored = false;
  return {
    secret: secret as SalesforceCredentials,
    secretReads: () => secretsManager.commandCalls(GetSecretValueCommand).length,
    savedAuthTokens: () =>
      secretsManager
        .commandCalls(PutSecretValueCommand)
        .map(
          (call) =>
            (JSON.parse(call.args[0].input.SecretString ?? '{}') as SalesforceCredentials).AuthToken ?? '',
        ),
    restore(): void {
      if (restored) return;
      restored = true;
      resetSalesforceClient();
      secretsManager.restore();
      for (const [name, value] of Object.entries(previous)) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
    },
  };
}
