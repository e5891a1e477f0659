/**
 * REST API errors. Top-level REST errors are a JSON array of `{message, errorCode, fields?}`
 * (Salesforce's REST error shape); inside SaveResults the same error uses the key `statusCode` instead.
 */

export class SalesforceApiError extends Error {
  override readonly name = 'SalesforceApiError';

  constructor(
    readonly status: number,
    readonly errorCode: string,
    message: string,
    readonly fields?: string[],
  ) {
    super(message);
  }

  /** The REST body: `[{message, errorCode, fields?}]`. */
  toBody(): Array<{ message: string; errorCode: string; fields?: string[] }> {
    return [
      this.fields === undefined
        ? { message: this.message, errorCode: this.errorCode }
        : { message: this.message, errorCode: this.errorCode, fields: this.fields },
    ];
  }

  /** The SaveResult error entry (composite/sobjects): `{statusCode, message, fields}`. */
  toSaveError(): { statusCode: string; message: string; fields: string[] } {
    return { statusCode: this.errorCode, message: this.message, fields: this.fields ?? [] };
  }
}

/** 404 `NOT_FOUND`, Salesforce's answer for an unknown resource or record. */
export const notFound = (message = 'The requested resource does not exist'): SalesforceApiError =>
  new SalesforceApiError(404, 'NOT_FOUND', message);

/** 404 `ENTITY_IS_DELETED`: the record was deleted. */
export const entityIsDeleted = (): SalesforceApiError =>
  new SalesforceApiError(404, 'ENTITY_IS_DELETED', 'entity is deleted', []);

/** 400 `INVALID_FIELD`, naming the offending fields. */
export const invalidField = (message: string, fields?: string[]): SalesforceApiError =>
  new SalesforceApiError(400, 'INVALID_FIELD', message, fields);

/** 400 `MALFORMED_QUERY`: SOQL the org cannot parse. */
export const malformedQuery = (message: string): SalesforceApiError =>
  new SalesforceApiError(400, 'MALFORMED_QUERY', message);

/** 400 `MALFORMED_SEARCH`: SOSL the org cannot parse. */
export const malformedSearch = (message: string): SalesforceApiError =>
  new SalesforceApiError(400, 'MALFORMED_SEARCH', message);

/** 400 `JSON_PARSER_ERROR`: a request body that is not the JSON expected. */
export const jsonParserError = (message: string): SalesforceApiError =>
  new SalesforceApiError(400, 'JSON_PARSER_ERROR', message);

/** 405 `METHOD_NOT_ALLOWED`, listing the methods the resource accepts. */
export const methodNotAllowed = (method: string, allowed: string[]): SalesforceApiError =>
  new SalesforceApiError(
    405,
    'METHOD_NOT_ALLOWED',
    `HTTP Method '${method}' not allowed. Allowed are ${allowed.join(',')}`,
  );
