/**
 * One Salesforce client per Lambda container, configured from the environment, with the
 * credentials secret read through Powertools `SecretsProvider` (cached) and the access token
 * cached by the client. Handlers call `getSalesforceClient()` on every invocation; only the
 * first builds anything.
 *
 * `SF_SHARE_AUTH_TOKEN` (default true) keeps the original package's token sharing: a cold
 * container starts with the secret's `AuthToken`, and a new token is written back (after it has
 * served a successful call) so other containers skip their token request. Set it to false to keep
 * tokens per container only (no secretsmanager:PutSecretValue needed).
 *
 * `getSalesforceClient()` talks HTTP through undici pools. `getSalesforceClientUsing(transport)`
 * is the same client over another transport; recording-upload uses it with `nodeHttpTransport()`,
 * and since it never calls `getSalesforceClient()`, its bundle does not contain undici at all.
 *
 * @example
 * ```ts
 * const salesforce = getSalesforceClient({ logger });
 * await salesforce.upsert('AC_ContactTraceRecord__c', 'ContactId__c', contactId, fields);
 * ```
 */
import { readBooleanEnv, requireEnv } from '../config/index.js';
import { ConfigurationError } from '../config/configuration-error.js';
import { type ClientLogger, SalesforceClient, type SalesforceClientOptions } from './client.js';
import { SecretsManagerCredentialsSource } from './credentials.js';
import { SalesforceConfigError } from './errors.js';
import type { HttpTransportFactory } from './http-transport.js';
import { salesforceSettingsFromEnvironment } from './settings-from-environment.js';
import { undiciTransport } from './undici-transport.js';

/** Seconds a warm container reuses the secret before reading it again. */
export const SECRET_MAX_AGE_SECONDS = 300;

let cached: SalesforceClient | undefined;

/** Options that apply only when the container's client is first built (cold start). */
export interface ContainerClientOptions {
  logger?: ClientLogger;
  retry?: SalesforceClientOptions['retry'];
}

/** The container's client, over undici keep-alive pools. */
export function getSalesforceClient(options: ContainerClientOptions = {}): SalesforceClient {
  return cached ?? getSalesforceClientUsing(undiciTransport(), options);
}

/**
 * The container's client over `transport` (which, like the options, applies only when the client
 * is first built).
 */
export function getSalesforceClientUsing(
  transport: HttpTransportFactory,
  options: ContainerClientOptions = {},
): SalesforceClient {
  if (cached !== undefined) return cached;
  const settings = salesforceSettingsFromEnvironment();
  let secretId: string;
  let shareToken: boolean;
  try {
    secretId = requireEnv('SF_CREDENTIALS_SECRETS_MANAGER_ARN');
    shareToken = readBooleanEnv('SF_SHARE_AUTH_TOKEN', true);
  } catch (error) {
    if (error instanceof ConfigurationError) throw new SalesforceConfigError(error.message);
    throw error;
  }
  cached = new SalesforceClient({
    settings,
    credentials: new SecretsManagerCredentialsSource(secretId, {
      maxAgeSeconds: SECRET_MAX_AGE_SECONDS,
      saveAuthToken: shareToken,
    }),
    shareToken,
    logger: options.logger,
    retry: options.retry,
    transport,
  });
  return cached;
}

/** Drops the cached client (and with it the token, describe cache and secret cache). */
export function resetSalesforceClient(): void {
  const previous = cached;
  cached = undefined;
  // Let in-flight requests finish; then release the sockets.
  previous?.close().catch(() => undefined);
}
