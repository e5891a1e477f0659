/** Describe results (`/sobjects`, `/sobjects/{Obj}`, `/sobjects/{Obj}/describe`) built from the schema. */
import type { Schema } from './registry.js';
import { type FieldSchema, type ObjectSchema, TEXT_TYPES } from './types.js';

const SOAP_TYPES: Record<string, string> = {
  id: 'tns:ID',
  reference: 'tns:ID',
  boolean: 'xsd:boolean',
  int: 'xsd:int',
  double: 'xsd:double',
  currency: 'xsd:double',
  percent: 'xsd:double',
  date: 'xsd:date',
  datetime: 'xsd:dateTime',
  base64: 'xsd:base64Binary',
};

function objectUrls(version: string, object: ObjectSchema): Record<string, string> {
  const base = `/services/data/v${version}/sobjects/${object.name}`;
  return { sobject: base, describe: `${base}/describe`, rowTemplate: `${base}/{ID}` };
}

/** An object's entry in the global describe. */
export function describeObjectSummary(version: string, object: ObjectSchema): Record<string, unknown> {
  const queryOnly = object.name === 'ContentDocument';
  return {
    name: object.name,
    label: object.label,
    labelPlural: object.labelPlural,
    keyPrefix: object.keyPrefix,
    custom: object.custom,
    createable: !queryOnly,
    updateable: !queryOnly,
    deletable: true,
    queryable: true,
    retrieveable: true,
    searchable: object.searchable,
    layoutable: true,
    triggerable: true,
    urls: objectUrls(version, object),
  };
}

/** The global describe (`/sobjects`) of the emulated org. */
export function describeGlobal(version: string, schema: Schema): Record<string, unknown> {
  return {
    encoding: 'UTF-8',
    maxBatchSize: 200,
    sobjects: schema.objects().map((object) => describeObjectSummary(version, object)),
  };
}

/** One field's describe, with the properties Salesforce reports for its type. */
export function describeField(field: FieldSchema): Record<string, unknown> {
  const text = TEXT_TYPES.has(field.type);
  return {
    name: field.name,
    label: field.label,
    type: field.type,
    soapType: SOAP_TYPES[field.type] ?? 'xsd:string',
    length: text ? (field.length ?? 255) : 0,
    byteLength: text ? (field.length ?? 255) * 3 : 0,
    precision: field.precision ?? 0,
    scale: field.scale ?? 0,
    digits: field.digits ?? 0,
    custom: field.custom,
    externalId: field.externalId === true,
    unique: field.unique === true,
    caseSensitive: field.caseSensitive === true,
    idLookup: field.type === 'id' || field.externalId === true || field.unique === true,
    nillable: field.required !== true && field.type !== 'boolean' && field.type !== 'id',
    createable: field.createable,
    updateable: field.updateable,
    calculated: field.calculated === true,
    autoNumber: field.autoNumber === true,
    defaultedOnCreate:
      field.defaultValue !== undefined || field.type === 'boolean' || field.calculated === true,
    defaultValue: field.defaultValue ?? null,
    filterable: field.type !== 'textarea' && field.type !== 'base64',
    sortable: field.type !== 'textarea' && field.type !== 'base64',
    referenceTo: field.referenceTo?.filter((name) => name !== '*') ?? [],
    relationshipName: field.relationshipName ?? null,
    polymorphicForeignKey: field.referenceTo?.includes('*') === true,
    restrictedPicklist: field.restrictedPicklist === true,
    picklistValues: (field.picklistValues ?? []).map((value) => ({
      active: true,
      defaultValue: value === field.defaultValue,
      label: value,
      validFor: null,
      value,
    })),
  };
}

/** An object's full describe (`/sobjects/<name>/describe`): fields, child relationships, URLs. */
export function describeObject(
  version: string,
  schema: Schema,
  object: ObjectSchema,
): Record<string, unknown> {
  return {
    ...describeObjectSummary(version, object),
    fields: object.fields.map(describeField),
    childRelationships: schema.childRelationships(object).map((relationship) => ({
      ...relationship,
      cascadeDelete: false,
      deprecatedAndHidden: false,
    })),
    recordTypeInfos: [],
  };
}
