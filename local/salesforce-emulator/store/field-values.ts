/**
 * Converts a JSON value written by a client into the stored value of a field, with the errors a
 * real org returns (STRING_TOO_LONG, JSON_PARSER_ERROR, MALFORMED_ID, NUMBER_OUTSIDE_VALID_RANGE,
 * INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST, …).
 */
import { type EmulatorContext, formatDateTime } from '../context.js';
import { entityIsDeleted, jsonParserError, SalesforceApiError } from '../errors.js';
import { normalizeId } from '../ids.js';
import type { FieldSchema } from '../schema/types.js';
import { NUMBER_TYPES, TEXT_TYPES } from '../schema/types.js';
import { dateOfDateTime, MAX_YEAR, MIN_YEAR, parseDate, parseDateTime, yearInRange } from './date-values.js';

const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const BASE64_PATTERN = /^[A-Za-z0-9+/\r\n]*={0,2}[\r\n]*$/;

/**
 * A written value converted to what the field stores, or the error a real org answers for it
 * (`STRING_TOO_LONG`, `NUMBER_OUTSIDE_VALID_RANGE`, `MALFORMED_ID`, a bad restricted picklist
 * value…).
 */
export function coerceFieldValue(context: EmulatorContext, field: FieldSchema, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  const { type } = field;
  if (typeof value === 'object') {
    throw jsonParserError(
      `Cannot deserialize instance of ${type} from ${Array.isArray(value) ? 'START_ARRAY' : 'START_OBJECT'} value or request may be missing a required field`,
    );
  }
  if (TEXT_TYPES.has(type)) return text(field, String(value));
  if (NUMBER_TYPES.has(type)) return number(field, value);
  switch (type) {
    case 'boolean':
      if (typeof value === 'boolean') return value;
      if (typeof value === 'string' && /^(true|false)$/i.test(value)) return value.toLowerCase() === 'true';
      // A checkbox given 2 or "yes": a value of the wrong type, not a malformed body.
      throw new SalesforceApiError(
        400,
        'INVALID_TYPE_ON_FIELD_IN_RECORD',
        `${field.label}: value not of required type: ${String(value)}`,
        [field.name],
      );
    case 'date': {
      const day = typeof value === 'string' ? (parseDate(value) ?? dateOfDateTime(value)) : undefined;
      if (day === undefined) {
        throw jsonParserError(
          `Cannot deserialize value of type date from String ${String(value)}: not a valid date`,
        );
      }
      return inYearRange(field, day);
    }
    case 'datetime': {
      const ms = typeof value === 'string' ? parseDateTime(value) : undefined;
      if (ms === undefined) {
        throw jsonParserError(
          `Cannot deserialize value of type datetime from String ${String(value)}: not a valid datetime`,
        );
      }
      return inYearRange(field, formatDateTime(ms));
    }
    case 'reference':
      return reference(context, field, String(value));
    case 'base64': {
      const text64 = String(value);
      if (!BASE64_PATTERN.test(text64)) throw jsonParserError(`${field.name}: invalid base64 value`);
      if (text64.length > context.maxBase64Length) {
        throw new SalesforceApiError(
          400,
          'STRING_TOO_LONG',
          `${field.label}: data value too large: base64 length ${text64.length} exceeds ${context.maxBase64Length}`,
          [field.name],
        );
      }
      return text64.replace(/[\r\n]/g, '');
    }
    default:
      throw new SalesforceApiError(
        400,
        'INVALID_FIELD_FOR_INSERT_UPDATE',
        `Unable to create/update fields: ${field.name}.`,
        [field.name],
      );
  }
}

function text(field: FieldSchema, value: string): string {
  if (field.length !== undefined && value.length > field.length) {
    throw new SalesforceApiError(
      400,
      'STRING_TOO_LONG',
      `${field.label}: data value too large: ${value.slice(0, 60)} (max length=${field.length})`,
      [field.name],
    );
  }
  if (
    field.type === 'picklist' &&
    field.restrictedPicklist === true &&
    value !== '' &&
    !(field.picklistValues ?? []).includes(value)
  ) {
    throw new SalesforceApiError(
      400,
      'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST',
      `${field.label}: bad value for restricted picklist field: ${value}`,
      [field.name],
    );
  }
  if (field.type === 'email' && value !== '' && !EMAIL_PATTERN.test(value)) {
    throw new SalesforceApiError(
      400,
      'INVALID_EMAIL_ADDRESS',
      `${field.label}: invalid email address: ${value}`,
      [field.name],
    );
  }
  return value;
}

function number(field: FieldSchema, value: unknown): number {
  const parsed =
    typeof value === 'number'
      ? value
      : typeof value === 'string' && value.trim() !== ''
        ? Number(value)
        : NaN;
  if (!Number.isFinite(parsed) || typeof value === 'boolean') {
    throw jsonParserError(
      `Cannot deserialize instance of ${field.type} from VALUE_STRING value ${String(value)}`,
    );
  }
  if (field.type === 'int' && !Number.isInteger(parsed)) {
    throw jsonParserError(`Cannot deserialize instance of int from value ${String(value)}`);
  }
  // Only the integer digits are bounded: decimals beyond the scale are stored as sent.
  const integerDigits =
    field.type === 'int' ? (field.digits ?? 9) : (field.precision ?? 18) - (field.scale ?? 0);
  if (Math.abs(parsed) >= 10 ** integerDigits) {
    throw new SalesforceApiError(
      400,
      'NUMBER_OUTSIDE_VALID_RANGE',
      `${field.label}: value outside of valid range on numeric field: ${javaDouble(parsed)}`,
      [field.name],
    );
  }
  return parsed;
}

/** A double as the Java platform prints it in messages (`100.0`, `1.0E20`). */
function javaDouble(value: number): string {
  if (Number.isInteger(value) && Math.abs(value) < 1e7) return `${value}.0`;
  if (Math.abs(value) >= 1e7 || (value !== 0 && Math.abs(value) < 1e-3)) {
    const [mantissa, exponent] = value.toExponential().split('e');
    return `${mantissa.includes('.') ? mantissa : `${mantissa}.0`}E${Number(exponent)}`;
  }
  return String(value);
}

function inYearRange<T extends string>(field: FieldSchema, value: T): T {
  if (!yearInRange(value)) {
    throw new SalesforceApiError(
      400,
      'FIELD_INTEGRITY_EXCEPTION',
      `${field.label}: year must be between ${MIN_YEAR} and ${MAX_YEAR}: ${value.slice(0, 10)}`,
      [field.name],
    );
  }
  return value;
}

function reference(context: EmulatorContext, field: FieldSchema, value: string): string {
  const id = normalizeId(value);
  if (id === undefined) {
    throw new SalesforceApiError(
      400,
      'MALFORMED_ID',
      `${field.label}: id value of incorrect type: ${value}`,
      [field.name],
    );
  }
  const target = context.schema.objectByKeyPrefix(id.slice(0, 3));
  const allowed = field.referenceTo ?? [];
  if (
    target === undefined ||
    !(allowed.includes('*') || allowed.some((name) => matchesObject(context, name, target.name)))
  ) {
    throw new SalesforceApiError(
      400,
      'FIELD_INTEGRITY_EXCEPTION',
      `${field.label}: id value of incorrect type: ${value}`,
      [field.name],
    );
  }
  const record = context.store.get(target.name, id);
  if (record === undefined) {
    throw new SalesforceApiError(400, 'INVALID_CROSS_REFERENCE_KEY', 'invalid cross reference id', [
      field.name,
    ]);
  }
  if (record.IsDeleted === true) throw entityIsDeleted();
  return id;
}

function matchesObject(context: EmulatorContext, referenceName: string, targetName: string): boolean {
  return context.schema.objectLenient(referenceName)?.name === targetName;
}
