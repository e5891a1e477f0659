/**
 * The org's schema: standard objects plus the CTI package objects, namespaced, with optional
 * fields removed (an org on an older package version) or added. Lookups are case-insensitive,
 * like Salesforce API names.
 */
import { CONNECT_OBJECTS } from './connect-objects.js';
import { bool, dateTime, lookup } from './field-builders.js';
import { STANDARD_OBJECTS } from './standard-objects.js';
import type { FieldDefinition, FieldSchema, ObjectDefinition, ObjectSchema } from './types.js';

/**
 * A child relationship as the describe lists it: the child object, its lookup field and the
 * relationship name used in subqueries.
 */
export interface ChildRelationship {
  childSObject: string;
  field: string;
  relationshipName: string;
}

/** How the emulated org's schema differs from the default: namespace, omitted and extra fields. */
export interface SchemaOptions {
  /** Package namespace (`amazonconnect`) or '' for none. */
  namespace?: string;
  /** Object name (with or without namespace) → field names to leave out. */
  omitFields?: Record<string, string[]>;
  /** Object name (with or without namespace) → extra fields (names as written, not namespaced). */
  extraFields?: Record<string, FieldDefinition[]>;
  /** Objects to leave out entirely. */
  omitObjects?: string[];
}

const SYSTEM_FIELDS: FieldDefinition[] = [
  { name: 'Id', type: 'id', label: 'Record ID', createable: false, updateable: false, length: 18 },
  { ...bool('IsDeleted'), createable: false, updateable: false, calculated: true },
  { ...dateTime('CreatedDate'), createable: false, updateable: false, calculated: true },
  { ...lookup('CreatedById', ['User'], 'CreatedBy'), createable: false, updateable: false, calculated: true },
  { ...dateTime('LastModifiedDate'), createable: false, updateable: false, calculated: true },
  {
    ...lookup('LastModifiedById', ['User'], 'LastModifiedBy'),
    createable: false,
    updateable: false,
    calculated: true,
  },
  { ...dateTime('SystemModstamp'), createable: false, updateable: false, calculated: true },
];

/**
 * The emulated org's objects and fields (standard objects plus the adapter's, namespaced as
 * installed), looked up case-insensitively by name or by id prefix, as Salesforce resolves them.
 */
export class Schema {
  readonly namespace: string;
  readonly #objects = new Map<string, ObjectSchema>();
  readonly #byPrefix = new Map<string, ObjectSchema>();

  constructor(options: SchemaOptions = {}) {
    this.namespace = (options.namespace ?? '').trim();
    const omittedObjects = new Set((options.omitObjects ?? []).map((name) => this.#localKey(name)));
    for (const definition of [...STANDARD_OBJECTS, ...CONNECT_OBJECTS]) {
      if (omittedObjects.has(definition.name.toLowerCase())) continue;
      const schema = this.#build(definition, options);
      this.#objects.set(schema.name.toLowerCase(), schema);
      this.#byPrefix.set(schema.keyPrefix, schema);
    }
  }

  /** Full API name with the namespace applied (`amazonconnect__X__c`) for packaged names. */
  qualify(localName: string, packaged: boolean): string {
    return packaged && this.namespace !== '' ? `${this.namespace}__${localName}` : localName;
  }

  /**
   * Finds an object by its exact API name (case-insensitive). Like a real org, packaged objects
   * need their namespace prefix: a client that forgets it gets INVALID_TYPE / NOT_FOUND.
   */
  object(name: string): ObjectSchema | undefined {
    return this.#objects.get(name.toLowerCase());
  }

  /**
   * Child relationships of an object (`Account.Contacts`, `Contact.Cases`): every non-polymorphic
   * lookup to it, named after the child's plural label (custom objects: `<Plural>__r`).
   */
  childRelationships(parent: ObjectSchema): ChildRelationship[] {
    const children: ChildRelationship[] = [];
    for (const child of this.#objects.values()) {
      for (const field of child.fields) {
        if (field.type !== 'reference' || field.calculated === true || field.name === 'OwnerId') continue;
        const target = field.referenceTo?.[0];
        if (target === undefined || target === '*' || this.objectLenient(target)?.name !== parent.name)
          continue;
        const plural = child.labelPlural.replace(/[^A-Za-z0-9]/g, '');
        children.push({
          childSObject: child.name,
          field: field.name,
          relationshipName: child.custom
            ? this.qualify(`${plural}__r`, child.name !== child.localName)
            : plural,
        });
      }
    }
    return children;
  }

  /** In-process convenience: also accepts packaged names without the namespace prefix. */
  objectLenient(name: string): ObjectSchema | undefined {
    const key = name.toLowerCase();
    return (
      this.#objects.get(key) ??
      (this.namespace ? this.#objects.get(`${this.namespace.toLowerCase()}__${key}`) : undefined)
    );
  }

  objectByKeyPrefix(prefix: string): ObjectSchema | undefined {
    return this.#byPrefix.get(prefix);
  }

  objects(): ObjectSchema[] {
    return [...this.#objects.values()];
  }

  #localKey(name: string): string {
    const key = name.toLowerCase();
    const prefix = `${this.namespace.toLowerCase()}__`;
    return this.namespace && key.startsWith(prefix) ? key.slice(prefix.length) : key;
  }

  #build(definition: ObjectDefinition, options: SchemaOptions): ObjectSchema {
    const name = this.qualify(definition.name, definition.packaged === true);
    const omitted = new Set<string>();
    const extra: FieldDefinition[] = [];
    for (const [objectName, fields] of Object.entries(options.omitFields ?? {})) {
      if (this.#localKey(objectName) === definition.name.toLowerCase()) {
        for (const field of fields) omitted.add(this.#localKey(field));
      }
    }
    for (const [objectName, fields] of Object.entries(options.extraFields ?? {})) {
      if (this.#localKey(objectName) === definition.name.toLowerCase()) extra.push(...fields);
    }
    const definitions = [...SYSTEM_FIELDS];
    const hasName = definition.fields.some((field) => field.name === 'Name');
    if (!hasName && definition.nameAutoNumber !== undefined) {
      definitions.push({ name: 'Name', type: 'string', length: 80, calculated: true, autoNumber: true });
    }
    definitions.push(...definition.fields, ...extra);
    const fields = definitions
      .filter((field) => !omitted.has(field.name.toLowerCase()))
      .map((field) => this.#field(field));
    const fieldIndex = new Map(fields.map((field) => [field.name.toLowerCase(), field]));
    const relationshipIndex = new Map(
      fields
        .filter((field) => field.type === 'reference' && field.relationshipName !== undefined)
        .map((field) => [field.relationshipName!.toLowerCase(), field]),
    );
    return {
      name,
      localName: definition.name,
      label: definition.label,
      labelPlural: definition.labelPlural,
      keyPrefix: definition.keyPrefix,
      custom: definition.name.endsWith('__c'),
      searchable: definition.searchable === true,
      nameAutoNumber: definition.nameAutoNumber,
      fields,
      fieldIndex,
      relationshipIndex,
    };
  }

  #field(definition: FieldDefinition): FieldSchema {
    const system = definition.type === 'id';
    const calculated = definition.calculated === true || definition.autoNumber === true;
    return {
      ...definition,
      name: this.qualify(definition.name, definition.packaged === true),
      localName: definition.name,
      custom: definition.name.endsWith('__c'),
      label: definition.label ?? labelFor(definition.name),
      createable: definition.createable ?? !(system || calculated),
      updateable: definition.updateable ?? !(system || calculated),
      ...typeDefaults(definition),
    };
  }
}

const DECIMAL_TYPES = new Set(['double', 'currency', 'percent']);

/** Describe properties a field of this type always has: number shape, picklist restriction. */
function typeDefaults(definition: FieldDefinition): Partial<FieldSchema> {
  if (DECIMAL_TYPES.has(definition.type)) {
    return { precision: definition.precision ?? 18, scale: definition.scale ?? 2 };
  }
  if (definition.type === 'int') return { digits: definition.digits ?? 9 };
  if (definition.type === 'picklist') return { restrictedPicklist: definition.restrictedPicklist ?? true };
  return {};
}

/** Field lookup by exact API name (case-insensitive). */
export function findField(object: ObjectSchema, name: string): FieldSchema | undefined {
  return object.fieldIndex.get(name.toLowerCase());
}

function labelFor(name: string): string {
  return name
    .replace(/__c$/, '')
    .replace(/Id$/, ' ID')
    .replace(/_/g, ' ')
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .trim();
}
