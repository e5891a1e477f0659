/**
 * `search` and `searchOne`: a parameterizedSearch (one call) for `q` in `sf_object`, returning
 * `sf_fields`. `q` is escaped as a SOSL term (the original sent it raw, so `*`, `OR`, `"`… changed
 * the search). `where` is the flow's own SOQL condition for the object (configuration, not a
 * value); `overallLimit` (default 100) must be a whole number from 1 to 2000.
 *
 * @example
 * ```ts
 * await search({ q: 'Jane', sf_object: 'Contact', sf_fields: 'Id, Name' }, context);
 * // { sf_records_0_Id: '003…', sf_records_0_Name: 'Jane Doe', sf_count: 1 }
 * ```
 */
import { InvalidParameterError } from '../errors.js';
import { soslContent } from '../escaping.js';
import { flattenRecords } from '../flatten.js';
import { requireSObjectName, splitFieldList } from '../identifiers.js';
import { OperationParameters } from '../parameters.js';
import type { ConnectResponse, InvokeApiParameters, OperationContext } from '../types.js';
import { exactlyOne } from './query.js';

const DEFAULT_OVERALL_LIMIT = 100;
const MAX_OVERALL_LIMIT = 2000;

/** Every hit as `sf_records_<i>_<field>`, with `sf_count`. */
export async function search(
  parameters: InvokeApiParameters,
  context: OperationContext,
): Promise<ConnectResponse> {
  const records = await runSearch(parameters, context);
  return flattenRecords(records, records.length);
}

/** The hit flattened with `sf_count: 1` when exactly one, else only `sf_count`. */
export async function searchOne(
  parameters: InvokeApiParameters,
  context: OperationContext,
): Promise<ConnectResponse> {
  const records = await runSearch(parameters, context);
  return exactlyOne({ records, count: records.length });
}

async function runSearch(
  parameters: InvokeApiParameters,
  context: OperationContext,
): Promise<Array<Record<string, unknown>>> {
  const operation = context.operation;
  const p = new OperationParameters(operation, parameters);
  const q = p.required('q');
  const fields = splitFieldList(operation, 'sf_fields', p.required('sf_fields'));
  const name = requireSObjectName(operation, 'sf_object', p.required('sf_object'));
  const where = p.optional('where');
  return context.sf.parameterizedSearch({
    q: soslContent(q),
    fields,
    sobjects: [where === undefined ? { name } : { name, where }],
    overallLimit: overallLimit(operation, p.optional('overallLimit')),
  });
}

function overallLimit(operation: string, value: string | undefined): number {
  if (value === undefined) return DEFAULT_OVERALL_LIMIT;
  const limit = Number(value.trim());
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_OVERALL_LIMIT) {
    throw new InvalidParameterError(
      operation,
      'overallLimit',
      `must be a whole number from 1 to ${MAX_OVERALL_LIMIT}`,
    );
  }
  return limit;
}
