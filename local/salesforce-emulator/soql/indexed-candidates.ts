/**
 * Narrows a SOQL WHERE to the records an index can name, so `WHERE FirstPublishLocationId = '…'`
 * or `WHERE Id IN (…)` reads a handful of records instead of scanning the object's table. The
 * compiled predicate still runs on every candidate: the candidates only have to include every
 * match, never to be exact. Text indexes are keyed lower-cased (see the record service), as SOQL
 * compares text.
 */
import { normalizeId } from '../ids.js';
import { findField } from '../schema/registry.js';
import type { ObjectSchema } from '../schema/types.js';
import { TEXT_TYPES } from '../schema/types.js';
import type { RecordStore, StoredRecord } from '../store/record-store.js';
import type { ConditionNode, Literal } from './conditions.js';
import { decodeStringLiteral } from './string-literals.js';

/**
 * Live records that may match `tree`, in the table's order; undefined when no index applies (the
 * caller scans).
 *
 * @example
 * ```ts
 * const source = indexedCandidates(store, object, tree) ?? store.live(object.name);
 * ```
 */
export function indexedCandidates(
  store: RecordStore,
  object: ObjectSchema,
  tree: ConditionNode,
): StoredRecord[] | undefined {
  const ids = candidateIds(store, object, tree);
  if (ids === undefined) return undefined;
  const records: StoredRecord[] = [];
  for (const id of ids) {
    const record = store.get(object.name, id);
    if (record !== undefined && record.IsDeleted !== true) records.push(record);
  }
  return store.inTableOrder(records);
}

function candidateIds(
  store: RecordStore,
  object: ObjectSchema,
  node: ConditionNode,
): Set<string> | undefined {
  switch (node.kind) {
    case 'and': {
      const left = candidateIds(store, object, node.left);
      const right = candidateIds(store, object, node.right);
      if (left === undefined) return right;
      if (right === undefined) return left;
      return left.size <= right.size ? left : right;
    }
    case 'or': {
      const left = candidateIds(store, object, node.left);
      if (left === undefined) return undefined;
      const right = candidateIds(store, object, node.right);
      return right === undefined ? undefined : new Set([...left, ...right]);
    }
    case 'not':
      return undefined;
    case 'compare':
      return comparisonIds(store, object, node);
  }
}

function comparisonIds(
  store: RecordStore,
  object: ObjectSchema,
  node: Extract<ConditionNode, { kind: 'compare' }>,
): Set<string> | undefined {
  if (node.operator !== '=' && node.operator !== 'IN') return undefined;
  if (node.field.includes('.')) return undefined;
  const field = findField(object, node.field);
  if (field === undefined) return undefined;
  const keys: string[] = [];
  for (const literal of node.literals) {
    const key = lookupValue(field.type, literal);
    if (key === undefined) return undefined;
    keys.push(key);
  }
  const ids = new Set<string>();
  if (field.type === 'id') {
    for (const key of keys) ids.add(key);
    return ids;
  }
  if (!store.isIndexed(object.name, field.name)) return undefined;
  for (const key of keys) {
    for (const record of store.withValue(object.name, field.name, key) ?? []) ids.add(record.Id);
  }
  return ids;
}

/** The literal as the index keys it, or undefined when the index cannot answer for it. */
function lookupValue(type: string, literal: Literal): string | undefined {
  if (literal.type !== 'STRING') return undefined;
  const text = decodeStringLiteral(literal.raw);
  if (type === 'id' || type === 'reference') return normalizeId(text);
  if (TEXT_TYPES.has(type as never)) return text;
  return undefined;
}
