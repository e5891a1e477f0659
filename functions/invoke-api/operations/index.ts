/**
 * The operations by `sf_operation` name (exact, case-sensitive, as in the original).
 *
 * @example
 * ```ts
 * const run = OPERATIONS.phoneLookup; // (parameters, context) => Promise<ConnectResponse>
 * ```
 */
import type { Operation } from '../types.js';
import { createChatterComment, createChatterPost } from './chatter.js';
import { lookup, lookupAll } from './lookup.js';
import { phoneLookup } from './phone-lookup.js';
import { query, queryOne } from './query.js';
import { create, remove, update } from './records.js';
import { search, searchOne } from './search.js';
import { searchOneSOSL, searchSOSL } from './sosl-search.js';

/** Every `sf_operation` the function accepts, by name. */
export const OPERATIONS: Readonly<Record<string, Operation>> = {
  lookup,
  lookup_all: lookupAll,
  create,
  update,
  delete: remove,
  phoneLookup,
  query,
  queryOne,
  createChatterPost,
  createChatterComment,
  search,
  searchOne,
  searchSOSL,
  searchOneSOSL,
};

/** The accepted `sf_operation` names (listed in the error for an unknown one). */
export const OPERATION_NAMES: readonly string[] = Object.keys(OPERATIONS);
