/**
 * Validation of the names and ids a flow puts into a query or URL. Values are escaped
 * (`shared/salesforce/soql.ts`); names cannot be, so they must look like Salesforce names.
 *
 * @example
 * ```ts
 * splitFieldList('lookup', 'sf_fields', 'Id,Name , Account.Name'); // ['Id', 'Name', 'Account.Name']
 * requireRecordId('update', 'sf_id', '5001r000023P6WQAA0');
 * ```
 */
import { InvalidParameterError } from './errors.js';

const NAME = '[A-Za-z][A-Za-z0-9_]*';
const SOBJECT = new RegExp(`^${NAME}$`);
const FIELD_PATH = `${NAME}(?:\\.${NAME})*`;
/** A field path, optionally wrapped in one of the SOQL field functions flows use. */
const FIELD = new RegExp(`^(?:${FIELD_PATH}|(?:toLabel|format|convertCurrency)\\(${FIELD_PATH}\\))$`, 'i');
const RECORD_ID = /^[A-Za-z0-9]{15}(?:[A-Za-z0-9]{3})?$/;

/**
 * Salesforce's name lengths: an object or field name is at most 40 characters before its suffix,
 * after a namespace prefix of at most 15 (`ns__`). Objects: the longest suffix is `__ChangeEvent`
 * (13); fields and relationships: `__c` / `__r` (3). A field path follows at most 5 relationships.
 * Longer names are refused before any call (Salesforce would only answer with an error echoing them).
 */
export const MAX_SOBJECT_NAME_CHARS = 15 + 2 + 40 + 13;
/** Longest field API name accepted: a 15-character namespace, `__`, a 40-character name and `__c`. */
export const MAX_FIELD_NAME_CHARS = 15 + 2 + 40 + 3;
/** Most parts a relationship field path may have (`Account.Owner.Name` has three). */
export const MAX_FIELD_PATH_SEGMENTS = 6;

function fieldTooLong(field: string): boolean {
  const path = field.replace(/^[A-Za-z]+\((.*)\)$/, '$1');
  const segments = path.split('.');
  return (
    segments.length > MAX_FIELD_PATH_SEGMENTS ||
    segments.some((segment) => segment.length > MAX_FIELD_NAME_CHARS)
  );
}

/**
 * Splits a field list on commas, trimming whitespace (the original split only on ", ").
 * Every entry must be a field name or path; an empty list is an error.
 */
export function splitFieldList(operation: string, parameter: string, value: string): string[] {
  const fields = value
    .split(',')
    .map((field) => field.trim())
    .filter((field) => field !== '');
  if (fields.length === 0) throw new InvalidParameterError(operation, parameter, 'lists no field');
  const long = fields.find(fieldTooLong);
  if (long !== undefined) {
    throw new InvalidParameterError(
      operation,
      parameter,
      `has a field name longer than Salesforce allows (${MAX_FIELD_NAME_CHARS} characters, ${MAX_FIELD_PATH_SEGMENTS} levels)`,
    );
  }
  const bad = fields.find((field) => !FIELD.test(field));
  if (bad !== undefined) {
    throw new InvalidParameterError(operation, parameter, `has an invalid field name '${bad.slice(0, 80)}'`);
  }
  return fields;
}

/** An sObject API name (`Contact`, `amazonconnect__AC_ContactTraceRecord__c`). */
export function requireSObjectName(operation: string, parameter: string, value: string): string {
  const name = value.trim();
  if (name.length > MAX_SOBJECT_NAME_CHARS) {
    throw new InvalidParameterError(
      operation,
      parameter,
      `is longer than an sObject API name can be (${MAX_SOBJECT_NAME_CHARS} characters)`,
    );
  }
  if (!SOBJECT.test(name))
    throw new InvalidParameterError(operation, parameter, 'is not an sObject API name');
  return name;
}

/** A field name used as a WHERE key or record field (`Phone`, `Account.Name`). */
export function requireFieldName(operation: string, parameter: string): string {
  if (fieldTooLong(parameter)) {
    throw new InvalidParameterError(
      operation,
      parameter,
      `is longer than a field name can be (${MAX_FIELD_NAME_CHARS} characters, ${MAX_FIELD_PATH_SEGMENTS} levels)`,
    );
  }
  if (!FIELD.test(parameter)) {
    throw new InvalidParameterError(operation, parameter, 'is not a field name');
  }
  return parameter;
}

/** A 15- or 18-character Salesforce record id. */
export function requireRecordId(operation: string, parameter: string, value: string): string {
  const id = value.trim();
  if (!RECORD_ID.test(id)) {
    throw new InvalidParameterError(
      operation,
      parameter,
      'is not a Salesforce record id (15 or 18 letters and digits)',
    );
  }
  return id;
}
