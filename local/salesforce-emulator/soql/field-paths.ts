/**
 * Field paths in SOQL (`Name`, `Account.Name`, `Contact.Account.Owner.Name`): resolution against
 * the schema (INVALID_FIELD otherwise) and reading values through lookups at run time.
 */
import type { EmulatorContext } from '../context.js';
import { invalidField } from '../errors.js';
import { findField } from '../schema/registry.js';
import type { FieldSchema, ObjectSchema } from '../schema/types.js';
import type { StoredRecord } from '../store/record-store.js';

/** One relationship step of a field path (`Account.Owner.Name` has two). */
export interface Hop {
  field: FieldSchema;
  relationshipName: string;
  /** undefined for polymorphic lookups (the target depends on the id). */
  target?: ObjectSchema;
}

/** A field path resolved against the schema: its relationship hops and the final field. */
export interface ResolvedPath {
  hops: Hop[];
  /** Final field; undefined for a polymorphic hop's `Id`/`Name`/`Type`, resolved per record. */
  field?: FieldSchema;
  finalName: string;
  /** Type used for comparisons. */
  type: FieldSchema['type'];
}

const POLYMORPHIC_FIELDS = new Map<string, FieldSchema['type']>([
  ['id', 'id'],
  ['name', 'string'],
  ['type', 'string'],
]);

/**
 * Resolves a dotted field path from `root`, case-insensitively; an unknown field or relationship is
 * `INVALID_FIELD`, as Salesforce answers.
 */
export function resolvePath(context: EmulatorContext, root: ObjectSchema, path: string): ResolvedPath {
  let parts = path.split('.');
  if (
    parts.length > 1 &&
    parts[0].toLowerCase() === root.name.toLowerCase() &&
    !root.relationshipIndex.has(parts[0].toLowerCase())
  ) {
    parts = parts.slice(1);
  }
  const hops: Hop[] = [];
  let current: ObjectSchema | undefined = root;
  for (const [index, part] of parts.entries()) {
    const last = index === parts.length - 1;
    if (current === undefined) {
      // After a polymorphic hop only Id, Name and Type can be read.
      const type = POLYMORPHIC_FIELDS.get(part.toLowerCase());
      if (!last || type === undefined)
        throw noSuchColumn(path, part, hops.at(-1)?.relationshipName ?? root.name);
      return { hops, finalName: canonicalPolymorphic(part), type };
    }
    if (last) {
      const field = findField(current, part);
      if (field === undefined) throw noSuchColumn(path, part, current.name);
      return { hops, field, finalName: field.name, type: field.type };
    }
    const reference = relationship(current, part);
    if (reference === undefined) {
      throw invalidField(
        `Didn't understand relationship '${part}' in field path. If you are attempting to use a custom relationship, be sure to append the '__r' after the custom relationship name. Please reference your WSDL or the describe call for the appropriate names.`,
      );
    }
    const targets = reference.referenceTo ?? [];
    const target = targets.includes('*') ? undefined : context.schema.objectLenient(targets[0] ?? '');
    hops.push({ field: reference, relationshipName: reference.relationshipName ?? part, target });
    current = target;
  }
  throw invalidField(`No such column '${path}'`);
}

function relationship(object: ObjectSchema, name: string): FieldSchema | undefined {
  const byName = object.relationshipIndex.get(name.toLowerCase());
  if (byName !== undefined) return byName;
  if (/__r$/i.test(name)) {
    const field = findField(object, name.replace(/__r$/i, '__c'));
    return field?.type === 'reference' ? field : undefined;
  }
  return undefined;
}

function canonicalPolymorphic(name: string): string {
  return name.toLowerCase() === 'id' ? 'Id' : name.toLowerCase() === 'name' ? 'Name' : 'Type';
}

function noSuchColumn(path: string, part: string, object: string) {
  return invalidField(
    `No such column '${part}' on entity '${object}'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names.`,
    [path],
  );
}

/** Follows one lookup: the referenced record and its object name, or undefined. */
export function follow(
  context: EmulatorContext,
  record: StoredRecord | undefined,
  hop: Hop,
): { object: string; record: StoredRecord } | undefined {
  const id = record?.[hop.field.name];
  if (typeof id !== 'string') return undefined;
  return context.store.find(id);
}

/** Reads a resolved path from a record (null when a lookup on the way is empty). */
export function readPath(context: EmulatorContext, record: StoredRecord, path: ResolvedPath): unknown {
  let current: { object: string; record: StoredRecord } | undefined = { object: '', record };
  for (const hop of path.hops) {
    current = follow(context, current?.record, hop);
    if (current === undefined) return null;
  }
  if (path.field === undefined && path.finalName === 'Type') return current.object;
  return current.record[path.finalName] ?? null;
}
