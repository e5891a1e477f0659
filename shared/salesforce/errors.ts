/**
 * Typed Salesforce errors. Each `name` is stable so that a state machine's Retry/Catch
 * (`ErrorEquals: ["Salesforce.Transient"]`) and callers can match on it.
 *
 * @example
 * ```ts
 * try { await client.create('Case', fields); }
 * catch (err) { if (err instanceof SalesforceRateLimitedError) { ... } }
 * ```
 */
import { ConfigurationError } from '../config/configuration-error.js';

/** One entry of a Salesforce REST error body (`[{ errorCode, message, fields }]`). */
export interface SalesforceErrorDetail {
  errorCode: string;
  message: string;
  fields?: string[];
}

/** Base class of the errors of Salesforce calls (configuration errors are {@link SalesforceConfigError}). */
export class SalesforceError extends Error {
  /** HTTP status of the response that caused the error, when there was one. */
  readonly status?: number;
  /** Salesforce error code (first entry of the body), e.g. `UNABLE_TO_LOCK_ROW`. */
  readonly errorCode?: string;
  /** Every error entry Salesforce returned. */
  readonly details: SalesforceErrorDetail[];

  constructor(
    message: string,
    options: { status?: number; details?: SalesforceErrorDetail[]; cause?: unknown } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'Salesforce.Error';
    this.status = options.status;
    this.details = options.details ?? [];
    this.errorCode = this.details[0]?.errorCode;
  }
}

/** 5xx, `UNABLE_TO_LOCK_ROW`, timeouts, connection resets: worth retrying later. */
export class SalesforceTransientError extends SalesforceError {
  constructor(message: string, options: ConstructorParameters<typeof SalesforceError>[1] = {}) {
    super(message, options);
    this.name = 'Salesforce.Transient';
  }
}

/**
 * A request may have reached Salesforce but its answer never came back: the client stopped waiting
 * for it (timeout) or the connection broke after the request went out. Salesforce may have
 * applied it, may still apply it later, or never will. Same `name` as every transient failure
 * (the state machine's Retry matches it unchanged); `instanceof` tells a caller that must know
 * whether a write can still land (see `write-outcome.ts`).
 */
export class SalesforceOutcomeUnknownError extends SalesforceTransientError {}

/** 403 `REQUEST_LIMIT_EXCEEDED`: the org's daily API allocation is spent. Retry much later. */
export class SalesforceRateLimitedError extends SalesforceError {
  constructor(message: string, options: ConstructorParameters<typeof SalesforceError>[1] = {}) {
    super(message, options);
    this.name = 'Salesforce.RateLimited';
  }
}

/** Authentication failed (token endpoint error, or a second 401 after a refresh). */
export class SalesforceAuthError extends SalesforceError {
  constructor(message: string, options: ConstructorParameters<typeof SalesforceError>[1] = {}) {
    super(message, options);
    this.name = 'Salesforce.Auth';
  }
}

/** The API user may not do this (`INSUFFICIENT_ACCESS*`, 403 with an error list). Never refreshes the token. */
export class SalesforceAccessDeniedError extends SalesforceError {
  constructor(message: string, options: ConstructorParameters<typeof SalesforceError>[1] = {}) {
    super(message, options);
    this.name = 'Salesforce.AccessDenied';
  }
}

/** The request itself was rejected (validation, malformed query, unknown field...). Retrying will not help. */
export class SalesforceRequestError extends SalesforceError {
  constructor(message: string, options: ConstructorParameters<typeof SalesforceError>[1] = {}) {
    super(message, options);
    this.name = 'Salesforce.Request';
  }
}

/**
 * Configuration or secret content is missing or invalid; `setting` names the environment variable
 * or secret key to fix. A {@link ConfigurationError} rather than a {@link SalesforceError}: it
 * carries no HTTP status or Salesforce error codes. No Retry of the post-call state machine
 * matches it (retrying cannot help until the stack or the secret is fixed), and the real-time
 * metrics loop stops at it.
 */
export class SalesforceConfigError extends ConfigurationError {
  constructor(message: string, setting: string, options?: ErrorOptions) {
    super(message, setting, options);
    this.name = 'Salesforce.Config';
  }
}
