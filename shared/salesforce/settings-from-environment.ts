/**
 * The Salesforce client's settings from the functions' environment: the connection
 * ({@link salesforceSettingsFromEnvironment}) and where the credentials are
 * ({@link credentialsSettingsFromEnvironment}). A missing or invalid value raises
 * `Salesforce.Config` naming the variable. The variable names are exported once here, for the
 * readers and for the stack that sets them.
 *
 * @example
 * ```ts
 * const settings = salesforceSettingsFromEnvironment(process.env);
 * const credentials = credentialsSettingsFromEnvironment(process.env); // { source: 'secret', secretArn, shareToken: true }
 * ```
 */
import { renameConfigurationErrors } from '../config/configuration-error.js';
import { optionalEnv, readBooleanEnv, readEnumEnv, readIntegerEnv, requireEnv } from '../config/index.js';
import { SalesforceConfigError } from './errors.js';
import type { AuthMode, SalesforceSettings } from './types.js';

/** The accepted `SF_AUTH_MODE` values; `password` is the default. */
export const AUTH_MODES: readonly AuthMode[] = ['password', 'client_credentials', 'jwt_bearer'];

/** My Domain host of the org (stack parameter SalesforceHost). Required. */
export const SALESFORCE_HOST_ENV = 'SF_HOST';
/** REST API version such as `v62.0` (stack parameter SalesforceVersion). Required. */
export const SALESFORCE_VERSION_ENV = 'SF_VERSION';
/** API user (stack parameter SalesforceUsername); required except for `client_credentials`. */
export const SALESFORCE_USERNAME_ENV = 'SF_USERNAME';
/** Production org or sandbox (stack parameter SalesforceProduction); default false. */
export const SALESFORCE_PRODUCTION_ENV = 'SF_PRODUCTION';
/** OAuth flow (stack parameter SalesforceAuthMode); default `password`. */
export const SALESFORCE_AUTH_MODE_ENV = 'SF_AUTH_MODE';
/** Login host override; default login.salesforce.com or test.salesforce.com by SF_PRODUCTION. */
export const SALESFORCE_LOGIN_HOST_ENV = 'SF_LOGIN_HOST';
/** Per-request timeout of the client, in milliseconds (default 10 000). */
export const SALESFORCE_REQUEST_TIMEOUT_ENV = 'SF_REQUEST_TIMEOUT_MS';
/** JWT audience for `jwt_bearer`; default the login host. */
export const SALESFORCE_JWT_AUDIENCE_ENV = 'SF_JWT_AUDIENCE';
/** The credentials secret (stack parameter SalesforceCredentialsSecretsManagerARN). */
export const SALESFORCE_CREDENTIALS_SECRET_ENV = 'SF_CREDENTIALS_SECRETS_MANAGER_ARN';
/** Write a new token back to the secret for other containers (stack parameter SalesforceShareAuthToken); default true. */
export const SALESFORCE_SHARE_AUTH_TOKEN_ENV = 'SF_SHARE_AUTH_TOKEN';
/** A local JSON file with the secret's content instead of Secrets Manager (workstation runs only). */
export const SALESFORCE_CREDENTIALS_FILE_ENV = 'SF_CREDENTIALS_FILE';

/** Every environment variable the Salesforce client reads. */
export const SALESFORCE_CLIENT_ENV_VARS = [
  SALESFORCE_HOST_ENV,
  SALESFORCE_VERSION_ENV,
  SALESFORCE_USERNAME_ENV,
  SALESFORCE_PRODUCTION_ENV,
  SALESFORCE_AUTH_MODE_ENV,
  SALESFORCE_LOGIN_HOST_ENV,
  SALESFORCE_REQUEST_TIMEOUT_ENV,
  SALESFORCE_JWT_AUDIENCE_ENV,
  SALESFORCE_CREDENTIALS_SECRET_ENV,
  SALESFORCE_SHARE_AUTH_TOKEN_ENV,
  SALESFORCE_CREDENTIALS_FILE_ENV,
] as const;

/** Accepted range of {@link SALESFORCE_REQUEST_TIMEOUT_ENV}. */
export const REQUEST_TIMEOUT_BOUNDS = { min: 100, max: 900_000 } as const;

/** Where the client reads its credentials: a local file, or the Secrets Manager secret. */
export type CredentialsSettings =
  | { source: 'file'; file: string; shareToken: false }
  | { source: 'secret'; secretArn: string; shareToken: boolean };

type Env = Record<string, string | undefined>;

const asSalesforceConfigError = (error: { message: string; setting: string }) =>
  new SalesforceConfigError(error.message, error.setting, { cause: error });

/** The connection settings; a missing or invalid value is a `Salesforce.Config` error naming it. */
export function salesforceSettingsFromEnvironment(env: Env = process.env): SalesforceSettings {
  return renameConfigurationErrors(() => {
    const authMode = readEnumEnv(SALESFORCE_AUTH_MODE_ENV, AUTH_MODES, 'password', env);
    const username = optionalEnv(SALESFORCE_USERNAME_ENV, env);
    if (authMode !== 'client_credentials' && username === undefined) {
      requireEnv(SALESFORCE_USERNAME_ENV, env);
    }
    return {
      host: requireEnv(SALESFORCE_HOST_ENV, env),
      version: requireEnv(SALESFORCE_VERSION_ENV, env),
      username,
      production: readBooleanEnv(SALESFORCE_PRODUCTION_ENV, false, env),
      authMode,
      loginHost: optionalEnv(SALESFORCE_LOGIN_HOST_ENV, env),
      requestTimeoutMs: readIntegerEnv(SALESFORCE_REQUEST_TIMEOUT_ENV, 10_000, REQUEST_TIMEOUT_BOUNDS, env),
      jwtAudience: optionalEnv(SALESFORCE_JWT_AUDIENCE_ENV, env),
    };
  }, asSalesforceConfigError);
}

/**
 * Where the credentials are: `SF_CREDENTIALS_FILE` when set (tokens then stay per process), else
 * the secret `SF_CREDENTIALS_SECRETS_MANAGER_ARN` with token sharing per `SF_SHARE_AUTH_TOKEN`.
 */
export function credentialsSettingsFromEnvironment(env: Env = process.env): CredentialsSettings {
  return renameConfigurationErrors((): CredentialsSettings => {
    const file = optionalEnv(SALESFORCE_CREDENTIALS_FILE_ENV, env);
    if (file !== undefined) return { source: 'file', file, shareToken: false };
    const shareToken = readBooleanEnv(SALESFORCE_SHARE_AUTH_TOKEN_ENV, true, env);
    return { source: 'secret', secretArn: requireEnv(SALESFORCE_CREDENTIALS_SECRET_ENV, env), shareToken };
  }, asSalesforceConfigError);
}
