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
 * `SF_CREDENTIALS_FILE` (never set by the stack) reads the same JSON from a local file instead of
 * Secrets Manager, for running the functions' code on a workstation against an org without AWS
 * (`npm run invoke`, `npm run test:org`); tokens are then kept per process only.
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

import { type ClientLogger, SalesforceClient, type SalesforceClientOptions } from './client.js';
import { FileCredentialsSource, SecretsManagerCredentialsSource } from './credentials.js';
import type { HttpTransportFactory } from './http-transport.js';
import {
  credentialsSettingsFromEnvironment,
  salesforceSettingsFromEnvironment,
} from './settings-from-environment.js';
import type { CredentialsSource } from './types.js';
import { undiciTransport } from './undici-transport.js';

/** Seconds a warm container reuses the secret before reading it again. */
export const SECRET_MAX_AGE_SECONDS = 300;

let cached: SalesforceClient | undefined;

/** Options that apply only when the container's client is first built (cold start). */
export interface ContainerClientOptions {
  logger?: ClientLogger;
  retry?: SalesforceClientOptions['retry'];
  /** Per-request timeout in milliseconds, instead of `SF_REQUEST_TIMEOUT_MS` (or its 10 s default). */
  requestTimeoutMs?: number;
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
  const fromEnvironment = salesforceSettingsFromEnvironment();
  const settings =
    options.requestTimeoutMs === undefined
      ? fromEnvironment
      : { ...fromEnvironment, requestTimeoutMs: options.requestTimeoutMs };
  const location = credentialsSettingsFromEnvironment();
  const credentials: CredentialsSource =
    location.source === 'file'
      ? new FileCredentialsSource(location.file)
      : new SecretsManagerCredentialsSource(location.secretArn, {
          maxAgeSeconds: SECRET_MAX_AGE_SECONDS,
          saveAuthToken: location.shareToken,
        });
  cached = new SalesforceClient({
    settings,
    credentials,
    shareToken: location.shareToken,
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
