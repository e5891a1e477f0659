/**
 * Record writes with the validation a real org applies: unknown / read-only fields, required
 * fields, value types, unique external ids, deleted records. Every write path (REST, composite,
 * collections, files, Chatter, seed) goes through here.
 */
import { type EmulatorContext, formatDateTime } from '../context.js';
import { entityIsDeleted, invalidField, notFound, SalesforceApiError } from '../errors.js';
import { normalizeId } from '../ids.js';
import { findField } from '../schema/registry.js';
import type { FieldSchema, ObjectSchema } from '../schema/types.js';
import { applyDerivedFields, formatAutoNumber } from './derived-fields.js';
import { coerceFieldValue } from './field-values.js';
import type { StoredRecord } from './record-store.js';

/** Object-specific behaviour (files, Chatter) plugged into the generic write path. */
export interface WriteHooks {
  /** May fill computed fields; runs before required-field and uniqueness checks. */
  beforeCreate?(record: Record<string, unknown>, service: RecordService): void;
  /** Validation against other records (e.g. duplicate ContentDocumentLink). */
  validateCreate?(record: Record<string, unknown>, service: RecordService): void;
  afterCreate?(record: StoredRecord, service: RecordService): void;
  afterDelete?(record: StoredRecord, service: RecordService): void;
}

/** Upsert by external id found several records (HTTP 300). */
export class MultipleMatchesError extends SalesforceApiError {
  constructor(
    readonly object: string,
    readonly field: string,
    readonly ids: string[],
  ) {
    super(
      300,
      'MULTIPLE_CHOICES',
      `${field}: more than one record found for external id field: [${ids.join(', ')}]`,
    );
  }
}

/** The record an upsert wrote and whether it was created. */
export interface UpsertOutcome {
  record: StoredRecord;
  created: boolean;
}

/**
 * Record writes as the org applies them on every write path: field checks and conversion, derived
 * fields, the org's automation, unique and external id rules, and per-object hooks.
 */
export class RecordService {
  readonly #hooks = new Map<string, WriteHooks>();
  readonly #autoNumbers = new Map<string, number>();

  constructor(readonly context: EmulatorContext) {
    // External ids and unique fields are looked up on every upsert and write, reference fields by
    // queries and file/Chatter hooks (`WHERE FirstPublishLocationId = ...`): index them all, so no
    // lookup scans a table.
    for (const object of context.schema.objects()) {
      for (const field of object.fields) {
        if (field.type === 'base64') context.store.defineBlobField(object.name, field.name);
        if (field.externalId !== true && field.unique !== true && field.type !== 'reference') continue;
        context.store.defineIndex(object.name, field.name, (value) => indexKey(field, value));
      }
    }
  }

  registerHooks(localObjectName: string, hooks: WriteHooks): void {
    this.#hooks.set(localObjectName.toLowerCase(), hooks);
  }

  /** Object schema by API name, or INVALID_TYPE-style NOT_FOUND for REST paths. */
  object(name: string): ObjectSchema {
    const object = this.context.schema.object(name);
    if (object === undefined) throw notFound();
    return object;
  }

  /**
   * @param options.system internal write (seed, files, Chatter): read-only fields allowed.
   * @param options.blobs base64 blob values from a multipart body (no JSON size limit).
   */
  create(
    object: ObjectSchema,
    input: Record<string, unknown>,
    options: { system?: boolean; blobs?: Record<string, string> } = {},
  ): StoredRecord {
    const record: Record<string, unknown> = {};
    const readOnly: string[] = [];
    for (const [key, value] of Object.entries(input)) {
      if (key === 'attributes') continue;
      const field = this.#field(object, key);
      if (field.name === 'Id' && options.system !== true) {
        throw invalidField('Id: cannot specify Id in an insert call', ['Id']);
      }
      if (!field.createable && options.system !== true) {
        readOnly.push(field.name);
        continue;
      }
      record[field.name] = field.name === 'Id' ? value : coerceFieldValue(this.context, field, value);
    }
    if (readOnly.length > 0) throw readOnlyError(readOnly);
    for (const [key, value] of Object.entries(options.blobs ?? {}))
      record[this.#field(object, key).name] = value;
    for (const field of object.fields) {
      if (record[field.name] === undefined && field.defaultValue !== undefined)
        record[field.name] = field.defaultValue;
    }
    const hooks = this.#hooks.get(object.localName.toLowerCase());
    hooks?.beforeCreate?.(record, this);
    this.#checkRequired(object, record);
    hooks?.validateCreate?.(record, this);
    if (options.system !== true) this.context.automation.check(object, record, 'insert');
    const now = formatDateTime(this.context.now());
    const id =
      typeof record.Id === 'string'
        ? this.#seedId(object, record.Id)
        : this.context.ids.next(object.keyPrefix);
    delete record.Id;
    const stored: Record<string, unknown> = {
      Id: id,
      IsDeleted: false,
      CreatedDate: now,
      CreatedById: this.context.apiUserId,
      LastModifiedDate: now,
      LastModifiedById: this.context.apiUserId,
      SystemModstamp: now,
    };
    for (const field of object.fields) {
      if (!(field.name in stored)) stored[field.name] = record[field.name] ?? null;
    }
    if (object.fieldIndex.has('ownerid') && stored.OwnerId === null) stored.OwnerId = this.context.apiUserId;
    if (object.nameAutoNumber !== undefined && object.fieldIndex.get('name')?.autoNumber) {
      stored.Name = formatAutoNumber(object.nameAutoNumber, this.#nextAutoNumber(object.name));
    }
    if (object.name === 'Case')
      stored.CaseNumber = formatAutoNumber('{00000000}', this.#nextAutoNumber('Case'));
    applyDerivedFields(this.context, object, stored, undefined);
    this.#checkUnique(object, stored);
    const frozen = stored as StoredRecord;
    this.context.store.put(object.name, frozen);
    hooks?.afterCreate?.(this.context.store.get(object.name, id)!, this);
    return this.context.store.get(object.name, id)!;
  }

  /** @param options.system internal write: read-only fields allowed. */
  update(
    object: ObjectSchema,
    rawId: string,
    input: Record<string, unknown>,
    options: { system?: boolean } = {},
  ): StoredRecord {
    const existing = this.live(object, rawId);
    const changes: Record<string, unknown> = {};
    const readOnly: string[] = [];
    for (const [key, value] of Object.entries(input)) {
      if (key === 'attributes') continue;
      const field = this.#field(object, key);
      if (field.name === 'Id') {
        if (normalizeId(String(value)) !== existing.Id)
          throw invalidField('Id: the Id in the body does not match', ['Id']);
        continue;
      }
      if (!field.updateable && options.system !== true) {
        readOnly.push(field.name);
        continue;
      }
      changes[field.name] = coerceFieldValue(this.context, field, value);
    }
    if (readOnly.length > 0) throw readOnlyError(readOnly);
    const updated: Record<string, unknown> = { ...existing, ...changes };
    this.#checkRequired(object, updated);
    if (options.system !== true) this.context.automation.check(object, updated, 'update');
    const now = formatDateTime(this.context.now());
    updated.LastModifiedDate = now;
    updated.LastModifiedById = this.context.apiUserId;
    updated.SystemModstamp = now;
    applyDerivedFields(this.context, object, updated, existing);
    this.#checkUnique(object, updated);
    this.context.store.put(object.name, updated as StoredRecord);
    return this.context.store.get(object.name, existing.Id)!;
  }

  delete(object: ObjectSchema, rawId: string): StoredRecord {
    const existing = this.live(object, rawId);
    const deleted = { ...existing, IsDeleted: true, SystemModstamp: formatDateTime(this.context.now()) };
    this.context.store.put(object.name, deleted);
    this.#hooks.get(object.localName.toLowerCase())?.afterDelete?.(deleted, this);
    return deleted;
  }

  /**
   * Upsert by external id (`field` = `Id` upserts by record id). Several matches →
   * {@link MultipleMatchesError}; nothing is written in that case.
   */
  upsert(
    object: ObjectSchema,
    fieldName: string,
    value: string,
    input: Record<string, unknown>,
    options: {
      updateOnly?: boolean;
      /** sObject Collections carry the external id in each record (the URL names only the field). */
      externalIdInBody?: boolean;
    } = {},
  ): UpsertOutcome {
    if (fieldName.toLowerCase() === 'id') {
      if (Object.keys(input).some((key) => key.toLowerCase() === 'id')) {
        throw invalidField(
          'Id: the record id must not be in the request body of an upsert (it is in the URL)',
          ['Id'],
        );
      }
      const id = normalizeId(value);
      const existing = id === undefined ? undefined : this.context.store.get(object.name, id);
      if (existing !== undefined && existing.IsDeleted !== true) {
        return { record: this.update(object, existing.Id, input), created: false };
      }
      if (options.updateOnly) throw notFound();
      const { Id: _ignored, ...rest } = input;
      return { record: this.create(object, rest), created: true };
    }
    const field = findField(object, fieldName);
    if (field === undefined || field.externalId !== true) {
      throw notFound(`Provided external ID field does not exist or is not accessible: ${fieldName}`);
    }
    const bodyKey = Object.keys(input).find((key) => key.toLowerCase() === field.name.toLowerCase());
    if (bodyKey !== undefined && options.externalIdInBody !== true) {
      // The REST upsert takes the value from the URL only; the body must not name the field.
      throw invalidField(
        `${field.name}: the external id field must not be in the request body of an upsert (its value is in the URL)`,
        [field.name],
      );
    }
    const matches = this.withValue(object, field, value);
    if (matches.length > 1) {
      throw new MultipleMatchesError(
        object.name,
        field.name,
        matches.map((record) => record.Id),
      );
    }
    const { [bodyKey ?? '']: _ext, ...fields } = input;
    if (matches.length === 1) {
      return { record: this.update(object, matches[0].Id, fields), created: false };
    }
    if (options.updateOnly) throw notFound();
    return { record: this.create(object, { ...fields, [field.name]: value }), created: true };
  }

  /** A record that exists and is not deleted, or the REST error for it. */
  live(object: ObjectSchema, rawId: string): StoredRecord {
    const id = normalizeId(rawId);
    if (id === undefined || id.slice(0, 3) !== object.keyPrefix) throw notFound();
    const record = this.context.store.get(object.name, id);
    if (record === undefined) throw notFound();
    if (record.IsDeleted === true) throw entityIsDeleted();
    return record;
  }

  /** A fixed id from seed data: must be a valid id of this object and unused. */
  #seedId(object: ObjectSchema, raw: string): string {
    const id = normalizeId(raw);
    if (
      id === undefined ||
      !id.startsWith(object.keyPrefix) ||
      this.context.store.get(object.name, id) !== undefined
    ) {
      throw new SalesforceApiError(
        400,
        'MALFORMED_ID',
        `${object.name} seed id is invalid or already used: ${raw}`,
        ['Id'],
      );
    }
    return id;
  }

  #field(object: ObjectSchema, key: string): FieldSchema {
    const field = findField(object, key);
    if (field === undefined) {
      throw invalidField(`No such column '${key}' on sobject of type ${object.name}`, [key]);
    }
    return field;
  }

  #checkRequired(object: ObjectSchema, record: Record<string, unknown>): void {
    const missing = object.fields
      .filter((field) => field.required === true)
      .filter(
        (field) =>
          record[field.name] === undefined || record[field.name] === null || record[field.name] === '',
      )
      .map((field) => field.name);
    if (missing.length > 0) {
      throw new SalesforceApiError(
        400,
        'REQUIRED_FIELD_MISSING',
        `Required fields are missing: [${missing.join(', ')}]`,
        missing,
      );
    }
  }

  #checkUnique(object: ObjectSchema, record: Record<string, unknown>): void {
    for (const field of object.fields) {
      if (field.unique !== true) continue;
      const value = record[field.name];
      if (value === null || value === undefined || value === '') continue;
      const duplicate = this.withValue(object, field, value).find((other) => other.Id !== record.Id);
      if (duplicate !== undefined) {
        throw new SalesforceApiError(
          400,
          'DUPLICATE_VALUE',
          `duplicate value found: ${field.name} duplicates value on record with id: ${duplicate.Id}`,
          [],
        );
      }
    }
  }

  /** Live records whose `field` equals `value` (indexed for external ids, unique and reference fields). */
  withValue(object: ObjectSchema, field: FieldSchema, value: unknown): StoredRecord[] {
    const candidates =
      this.context.store.withValue(object.name, field.name, value) ?? this.context.store.live(object.name);
    return candidates.filter((record) => sameValue(field, record[field.name], value));
  }

  #nextAutoNumber(object: string): number {
    const next = (this.#autoNumbers.get(object) ?? 1000) + 1;
    this.#autoNumbers.set(object, next);
    return next;
  }
}

/**
 * Index key of a value: lower-cased text, so one index answers both SOQL (case-insensitive) and
 * case-sensitive external ids (whose lookups then compare exactly, see {@link sameValue}); a
 * reference's key is the 18-character id it is stored as.
 */
function indexKey(field: FieldSchema, value: unknown): string | undefined {
  if (value === null || value === undefined) return undefined;
  if (field.type === 'reference') return normalizeId(String(value));
  return String(value).toLowerCase();
}

/** External-id / unique comparison: case-insensitive unless the field is case-sensitive. */
export function sameValue(field: FieldSchema, stored: unknown, candidate: unknown): boolean {
  if (stored === null || stored === undefined || candidate === null || candidate === undefined) return false;
  const a = String(stored);
  const b = String(candidate);
  return field.caseSensitive === true ? a === b : a.toLowerCase() === b.toLowerCase();
}

function readOnlyError(fields: string[]): SalesforceApiError {
  return new SalesforceApiError(
    400,
    'INVALID_FIELD_FOR_INSERT_UPDATE',
    `Unable to create/update fields: ${fields.join(', ')}. Please check the security settings of this field and verify that it is read/write for your profile or permission set.`,
    fields,
  );
}
