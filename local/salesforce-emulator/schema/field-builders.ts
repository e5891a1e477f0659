/** Short constructors for field definitions, so object definitions read like a field list. */
import type { FieldDefinition } from './types.js';

type Extra = Partial<Omit<FieldDefinition, 'name' | 'type'>>;

export const text = (name: string, length = 255, extra: Extra = {}): FieldDefinition => ({
  name,
  type: 'string',
  length,
  ...extra,
});
export const longText = (name: string, length = 131072, extra: Extra = {}): FieldDefinition => ({
  name,
  type: 'textarea',
  length,
  ...extra,
});
export const phone = (name: string, extra: Extra = {}): FieldDefinition => ({
  name,
  type: 'phone',
  length: 40,
  ...extra,
});
export const email = (name: string, extra: Extra = {}): FieldDefinition => ({
  name,
  type: 'email',
  length: 80,
  ...extra,
});
export const url = (name: string, extra: Extra = {}): FieldDefinition => ({
  name,
  type: 'url',
  length: 255,
  ...extra,
});
export const picklist = (name: string, values: string[], extra: Extra = {}): FieldDefinition => ({
  name,
  type: 'picklist',
  length: 255,
  picklistValues: values,
  ...extra,
});
export const bool = (name: string, defaultValue = false, extra: Extra = {}): FieldDefinition => ({
  name,
  type: 'boolean',
  defaultValue,
  ...extra,
});
export const double = (name: string, extra: Extra = {}): FieldDefinition => ({
  name,
  type: 'double',
  ...extra,
});
export const int = (name: string, extra: Extra = {}): FieldDefinition => ({ name, type: 'int', ...extra });
export const date = (name: string, extra: Extra = {}): FieldDefinition => ({ name, type: 'date', ...extra });
export const dateTime = (name: string, extra: Extra = {}): FieldDefinition => ({
  name,
  type: 'datetime',
  ...extra,
});
export const base64 = (name: string, extra: Extra = {}): FieldDefinition => ({
  name,
  type: 'base64',
  ...extra,
});
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
