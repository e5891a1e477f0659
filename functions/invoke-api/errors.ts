/**
 * Typed errors of sfInvokeAPI. It is not a state machine task, so nothing retries these errors: a
 * thrown error makes Connect take the flow's Error branch (transient Salesforce failures are
 * retried by the client inside the deadline only); the
 * `name` is stable (CloudWatch metric filters, the `npm run invoke` CLI) and every message names
 * the operation and the parameter to fix.
 *
 * @example
 * ```ts
 * throw new MissingParameterError('update', 'sf_id');
 * // InvokeApi.MissingParameter: update: required parameter 'sf_id' is missing
 * ```
 */
import { printable } from '../../shared/values/printable.js';

/** Base class of every error raised by sfInvokeAPI itself (not by Salesforce). */
export class InvokeApiError extends Error {
  /** The `sf_operation` being run, when known. */
  readonly operation?: string;

  constructor(message: string, operation?: string) {
    super(operation === undefined ? message : `${operation}: ${message}`);
    this.name = 'InvokeApi.Error';
    this.operation = operation;
  }
}

/** The event is not a Connect contact-flow event (no `Details.Parameters`, nested values...). */
export class InvalidEventError extends InvokeApiError {
  constructor(message: string) {
    super(message);
    this.name = 'InvokeApi.InvalidEvent';
  }
}

/** `sf_operation` is missing or not one of the supported operations. */
export class UnknownOperationError extends InvokeApiError {
  constructor(operation: string | undefined, known: readonly string[]) {
    super(
      operation === undefined
        ? `required parameter 'sf_operation' is missing; supported operations: ${known.join(', ')}`
        : `sf_operation '${printable(operation, 80)}' is unknown; supported operations: ${known.join(', ')}`,
    );
    this.name = 'InvokeApi.UnknownOperation';
  }
}

/** A required parameter is missing or blank. */
export class MissingParameterError extends InvokeApiError {
  readonly parameter: string;

  constructor(operation: string, parameter: string) {
    super(`required parameter '${parameter}' is missing`, operation);
    this.name = 'InvokeApi.MissingParameter';
    this.parameter = parameter;
  }
}

/** A parameter the operation does not accept (e.g. an extra key on `delete`). */
export class UnexpectedParameterError extends InvokeApiError {
  readonly parameter: string;

  constructor(operation: string, parameter: string, accepted: readonly string[]) {
    super(
      `parameter '${printable(parameter, 80)}' is not accepted (accepted: ${accepted.join(', ')})`,
      operation,
    );
    this.name = 'InvokeApi.UnexpectedParameter';
    this.parameter = parameter;
  }
}

/** A parameter is present but its value cannot be used (not an Id, not a phone number...). */
export class InvalidParameterError extends InvokeApiError {
  readonly parameter: string;

  constructor(operation: string, parameter: string, reason: string) {
    super(`parameter '${printable(parameter, 80)}' ${reason}`, operation);
    this.name = 'InvokeApi.InvalidParameter';
    this.parameter = parameter;
  }
}

/** The flat result is larger than Connect accepts; answering with part of it would mislead the flow. */
export class ResponseTooLargeError extends InvokeApiError {
  readonly bytes: number;
  readonly limit: number;

  constructor(operation: string, bytes: number, limit: number) {
    super(
      `the result is ${bytes} bytes, over Amazon Connect's ${limit}-byte limit for a Lambda response; ` +
        'ask for fewer fields (sf_fields) or fewer records (a narrower WHERE, LIMIT, overallLimit)',
      operation,
    );
    this.name = 'InvokeApi.ResponseTooLarge';
    this.bytes = bytes;
    this.limit = limit;
  }
}

/** Salesforce did not answer within the configured deadline. */
export class InvokeApiTimeoutError extends InvokeApiError {
  readonly timeoutMs: number;

  constructor(operation: string, timeoutMs: number) {
    super(
      `Salesforce did not answer within ${timeoutMs} ms (deadline set by SF_INVOKE_API_TIMEOUT_MS ` +
        "or the Lambda's remaining time)",
      operation,
    );
    this.name = 'InvokeApi.Timeout';
    this.timeoutMs = timeoutMs;
  }
}

/**
 * A Salesforce failure, surfaced the way the original did: the message is `errorCode: message`
 * (e.g. `MALFORMED_QUERY: unexpected token: 'FRM'`). The `name` is the client's typed name
 * (`Salesforce.Request`, `Salesforce.Transient`...), and `cause` keeps the original error.
 */
export class SalesforceCallError extends Error {
  readonly operation: string;
  readonly errorCode?: string;
  readonly status?: number;

  constructor(
    operation: string,
    source: { name: string; message: string; errorCode?: string; status?: number },
    cause: unknown,
  ) {
    super(source.errorCode === undefined ? source.message : `${source.errorCode}: ${source.message}`, {
      cause,
    });
    this.name = source.name;
    this.operation = operation;
    this.errorCode = source.errorCode;
    this.status = source.status;
  }
}
