/**
 * Public surface of the Salesforce client.
 *
 * @example
 * ```ts
 * import { getSalesforceClient, soql } from '../../shared/salesforce/index.js';
 * const salesforce = getSalesforceClient({ logger });
 * const { records } = await salesforce.query(soql`SELECT Id FROM Contact WHERE Phone = ${phone}`);
 * ```
 */
export { AccessTokenCache } from './access-token-cache.js';
export {
  currentSalesforceObserver,
  type LimitInfo,
  observeSalesforceCalls,
  type SalesforceCallObserver,
  type SalesforceCallOutcome,
  type SalesforceCallSpan,
  type SalesforceOperation,
} from './call-observer.js';
export {
  type ClientLogger,
  COLLECTION_BATCH_SIZE,
  SalesforceClient,
  type SalesforceClientOptions,
} from './client.js';
export {
  compositeFailure,
  firstFailure,
  isConsequentialFailure,
  subresponseError,
} from './composite-failure.js';
export {
  type SecretsManagerCredentialsOptions,
  SecretsManagerCredentialsSource,
  StaticCredentialsSource,
  toCredentials,
} from './credentials.js';
export { apiOrigin, apiPathPrefix, loginBaseUrl, PRODUCTION_LOGIN_HOST, tokenUrl } from './endpoints.js';
export { describeDetails, errorDetails, mapResponseError } from './error-mapping.js';
export * from './errors.js';
export {
  type ContainerClientOptions,
  getSalesforceClient,
  getSalesforceClientUsing,
  resetSalesforceClient,
  SECRET_MAX_AGE_SECONDS,
} from './from-environment.js';
export type {
  HttpRequest,
  HttpResponse,
  HttpTransport,
  HttpTransportFactory,
  HttpTransportOptions,
} from './http-transport.js';
export { parseLimitInfo } from './limit-info.js';
export { NodeHttpTransport, nodeHttpTransport } from './node-http-transport.js';
export { REDACTED, SecretRedactor } from './redact.js';
export { type RetryOptions, RetryPolicy } from './retry-policy.js';
export { AUTH_MODES, salesforceSettingsFromEnvironment } from './settings-from-environment.js';
export * from './soql.js';
export type * from './types.js';
export { UndiciTransport, type UndiciTransportOptions, undiciTransport } from './undici-transport.js';
export { SALESFORCE_CALL_TIMEOUT_MS, writeMayStillLand } from './write-outcome.js';
