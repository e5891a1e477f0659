/** sObject schema definitions from which describe results, validation and SOQL typing derive. */

export type FieldType =
  | 'id'
  | 'string'
  | 'textarea'
  | 'phone'
  | 'email'
  | 'url'
  | 'picklist'
  | 'boolean'
  | 'int'
  | 'double'
  | 'currency'
  | 'percent'
  | 'date'
  | 'datetime'
  | 'reference'
  | 'base64';

/** A field as declared in the schema tables (name without namespace). */
export interface FieldDefinition {
  /** API name without namespace (the namespace is applied when the schema is built). */
  name: string;
  type: FieldType;
  label?: string;
  /** Maximum length for text types. */
  length?: number;
  externalId?: boolean;
  unique?: boolean;
  /** Case-sensitive uniqueness/matching (default false, like Salesforce). */
  caseSensitive?: boolean;
  /** Required on create (nillable false, not defaulted). */
  required?: boolean;
  /** Default false for system fields; true otherwise. */
  createable?: boolean;
  updateable?: boolean;
  /** Read-only, computed by the emulator (Name of Contact, IsClosed, BodyLength, …). */
  calculated?: boolean;
  autoNumber?: boolean;
  defaultValue?: unknown;
  /** Target objects of a lookup; `['*']` = polymorphic (any object). */
  referenceTo?: string[];
  relationshipName?: string;
  picklistValues?: string[];
  /**
   * Only `picklistValues` may be written (else 400 INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST). An
   * unrestricted picklist takes any text, as the API documents. Default true for picklists.
   */
  restrictedPicklist?: boolean;
  /**
   * Number fields: total digits and digits after the decimal point (describe `precision`/`scale`).
   * A value with more than `precision - scale` integer digits is refused with
   * NUMBER_OUTSIDE_VALID_RANGE; extra decimals are stored as sent (the API does not round).
   * Default 18 and 2 for double, currency and percent.
   */
  precision?: number;
  scale?: number;
  /** Integer fields: maximum digits (describe `digits`, default 9). */
  digits?: number;
  /** Part of the managed package: gets the namespace prefix. */
  packaged?: boolean;
}

/** An object as declared in the schema tables. */
export interface ObjectDefinition {
  name: string;
  label: string;
  labelPlural: string;
  keyPrefix: string;
  /** Part of the managed package: gets the namespace prefix. */
  packaged?: boolean;
  /** Offered to SOSL searches without RETURNING. */
  searchable?: boolean;
  /** Auto-number format of Name, e.g. `CTR-{0000000}`. */
  nameAutoNumber?: string;
  fields: FieldDefinition[];
}

/** A field after namespacing: `name` is the full API name. */
export interface FieldSchema extends Omit<FieldDefinition, 'name'> {
  name: string;
  /** Name without namespace (`ContactId__c`). */
  localName: string;
  custom: boolean;
  createable: boolean;
  updateable: boolean;
}

/**
 * An object as the built schema holds it: namespaced name, fields and relationships indexed for
 * lookups.
 */
export interface ObjectSchema {
  name: string;
  localName: string;
  label: string;
  labelPlural: string;
  keyPrefix: string;
  custom: boolean;
  searchable: boolean;
  nameAutoNumber?: string;
  fields: FieldSchema[];
  /** Lower-cased field name → field. */
  fieldIndex: Map<string, FieldSchema>;
  /** Lower-cased relationship name → reference field. */
  relationshipIndex: Map<string, FieldSchema>;
}

/** Field types whose values are text (length limits apply). */
export const TEXT_TYPES: ReadonlySet<FieldType> = new Set([
  'string',
  'textarea',
  'phone',
  'email',
  'url',
  'picklist',
]);
/** Field types whose values are numbers. */
export const NUMBER_TYPES: ReadonlySet<FieldType> = new Set(['int', 'double', 'currency', 'percent']);
