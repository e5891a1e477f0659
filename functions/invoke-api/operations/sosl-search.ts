/**
 * `searchSOSL` and `searchOneSOSL`: a full SOSL query from the flow with escaped placeholder values
 * (see `query-template.ts`). Results no longer carry `attributes.type`/`attributes.url` keys.
 * `searchOneSOSL` now sends `FIND …` to the search endpoint (the original sent it to `/query`,
 * where it always failed); a `SELECT …` still goes to `/query`, the only form that worked before.
 *
 * @example
 * ```ts
 * await searchSOSL({ query: 'FIND {number} IN PHONE FIELDS RETURNING Contact(Id)', number: '1122334455' }, context);
 * // { sf_records_0_Id: '003…', sf_count: 1 }
 * ```
 */
import { InvalidParameterError } from '../errors.js';
import { flattenRecords } from '../flatten.js';
import { OperationParameters } from '../parameters.js';
import { fillQueryTemplate } from '../query-template.js';
import type { ConnectResponse, InvokeApiParameters, OperationContext } from '../types.js';
import { exactlyOne, runSoqlForOne } from './query.js';

/** Every hit as `sf_records_<i>_<field>`, with `sf_count`. */
export async function searchSOSL(
  parameters: InvokeApiParameters,
  context: OperationContext,
): Promise<ConnectResponse> {
  const records = await context.sf.search(soslFromParameters(parameters, context));
  return flattenRecords(records, records.length);
}

/** The hit flattened with `sf_count: 1` when exactly one, else only `sf_count`. */
export async function searchOneSOSL(
  parameters: InvokeApiParameters,
  context: OperationContext,
): Promise<ConnectResponse> {
  const statement = soslFromParameters(parameters, context);
  if (/^\s*select\b/i.test(statement)) return exactlyOne(await runSoqlForOne(statement, context));
  if (!/^\s*find\b/i.test(statement)) {
    throw new InvalidParameterError(
      context.operation,
      'query',
      'must be a SOSL FIND … (or a SOQL SELECT …) statement',
    );
  }
  const records = await context.sf.search(statement);
  return exactlyOne({ records, count: records.length });
}

function soslFromParameters(parameters: InvokeApiParameters, context: OperationContext): string {
  const p = new OperationParameters(context.operation, parameters);
  return fillQueryTemplate(context.operation, p.required('query'), p.others(['query']));
}
