/**
 * Builds `SalesforceSettings` from the functions' environment: SF_HOST,
 * SF_VERSION, SF_USERNAME, SF_PRODUCTION, SF_AUTH_MODE, SF_LOGIN_HOST, SF_REQUEST_TIMEOUT_MS,
 * SF_JWT_AUDIENCE. A missing or invalid value raises `Salesforce.Config` naming the variable.
 *
 * @example
 * ```ts
 * const settings = salesforceSettingsFromEnvironment();
 * ```
 */
import {
  ConfigurationError,
  optionalEnv,
  readBooleanEnv,
  readEnumEnv,
  readIntegerEnv,
  requireEnv,
} from '../config/index.js';
import { SalesforceConfigError } from './errors.js';
import type { AuthMode, SalesforceSettings } from './types.js';

export const AUTH_MODES: readonly AuthMode[] = ['password', 'client_credentials', 'jwt_bearer'];

/** Per-request timeout of the client, in milliseconds (default 10 000). */
export const SALESFORCE_REQUEST_TIMEOUT_ENV = 'SF_REQUEST_TIMEOUT_MS';
/** Accepted range of {@link SALESFORCE_REQUEST_TIMEOUT_ENV}. */
export const REQUEST_TIMEOUT_BOUNDS = { min: 100, max: 900_000 } as const;

export function salesforceSettingsFromEnvironment(
  env: Record<string, string | undefined> = process.env,
): SalesforceSettings {
  try {
    const authMode = readEnumEnv('SF_AUTH_MODE', AUTH_MODES, 'password', env);
    const username = optionalEnv('SF_USERNAME', env);
    if (authMode !== 'client_credentials' && username === undefined) {
      requireEnv('SF_USERNAME', env);
    }
    return {
      host: requireEnv('SF_HOST', env),
      version: requireEnv('SF_VERSION', env),
      username,
      production: readBooleanEnv('SF_PRODUCTION', false, env),
      authMode,
      loginHost: optionalEnv('SF_LOGIN_HOST', env),
      requestTimeoutMs: readIntegerEnv(SALESFORCE_REQUEST_TIMEOUT_ENV, 10_000, REQUEST_TIMEOUT_BOUNDS, env),
      jwtAudience: optionalEnv('SF_JWT_AUDIENCE', env),
    };
  } catch (error) {
    if (error instanceof ConfigurationError) throw new SalesforceConfigError(error.message);
    throw error;
  }
}
