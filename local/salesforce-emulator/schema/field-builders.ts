/** Short constructors for field definitions, so object definitions read like a field list. */
import type { FieldDefinition } from './types.js';

type Extra = Partial<Omit<FieldDefinition, 'name' | 'type'>>;

/** A text field (`string`), 255 characters unless given. */
export const text = (name: string, length = 255, extra: Extra = {}): FieldDefinition => ({
  name,
  type: 'string',
  length,
  ...extra,
});
/** A long text area (`textarea`), 131,072 characters unless given. */
export const longText = (name: string, length = 131072, extra: Extra = {}): FieldDefinition => ({
  name,
  type: 'textarea',
  length,
  ...extra,
});
/** A phone field (40 characters). */
export const phone = (name: string, extra: Extra = {}): FieldDefinition => ({
  name,
  type: 'phone',
  length: 40,
  ...extra,
});
/** An email field (80 characters). */
export const email = (name: string, extra: Extra = {}): FieldDefinition => ({
  name,
  type: 'email',
  length: 80,
  ...extra,
});
/** A URL field (255 characters). */
export const url = (name: string, extra: Extra = {}): FieldDefinition => ({
  name,
  type: 'url',
  length: 255,
  ...extra,
});
/**
 * A picklist restricted to `values` (a write of another value is refused, as a restricted
 * picklist refuses it).
 */
export const picklist = (name: string, values: string[], extra: Extra = {}): FieldDefinition => ({
  name,
  type: 'picklist',
  length: 255,
  picklistValues: values,
  ...extra,
});
/** A checkbox (`boolean`), false unless another default is given. */
export const bool = (name: string, defaultValue = false, extra: Extra = {}): FieldDefinition => ({
  name,
  type: 'boolean',
  defaultValue,
  ...extra,
});
/** A number field with decimals (`double`). */
export const double = (name: string, extra: Extra = {}): FieldDefinition => ({
  name,
  type: 'double',
  ...extra,
});
/** A whole-number field (`int`). */
export const int = (name: string, extra: Extra = {}): FieldDefinition => ({ name, type: 'int', ...extra });
/** A date field. */
export const date = (name: string, extra: Extra = {}): FieldDefinition => ({ name, type: 'date', ...extra });
/** A date/time field (`datetime`). */
export const dateTime = (name: string, extra: Extra = {}): FieldDefinition => ({
  name,
  type: 'datetime',
  ...extra,
});
/** A file body field (`base64`), such as ContentVersion.VersionData. */
export const base64 = (name: string, extra: Extra = {}): FieldDefinition => ({
  name,
  type: 'base64',
  ...extra,
});
/** A lookup to one or more objects (`reference`), reachable in SOQL by `relationshipName`. */
export const lookup = (
  name: string,
  referenceTo: string[],
  relationshipName: string,
  extra: Extra = {},
): FieldDefinition => ({ name, type: 'reference', referenceTo, relationshipName, ...extra });
/** Read-only computed field. */
export const calculated = (definition: FieldDefinition): FieldDefinition => ({
  ...definition,
  calculated: true,
  createable: false,
  updateable: false,
});
