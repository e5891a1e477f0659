/**
 * `query` and `queryOne` (deprecated in the original, kept for existing flows): a SOQL query from
 * the flow whose placeholders (the names of the other parameters) are replaced by their escaped
 * values (see `query-template.ts`). Pages through `nextRecordsUrl` up to SF_INVOKE_API_MAX_RECORDS;
 * `sf_count` is the query's total.
 *
 * @example
 * ```ts
 * await query({ query: "SELECT Id FROM Case WHERE Subject = 'subject'", subject: 'Amazon Connect Case' }, context);
 * // { sf_records_0_Id: '500…', sf_count: 1 }
 * ```
 */
import { flattenFirstRecord, flattenRecords } from '../flatten.js';
import { OperationParameters } from '../parameters.js';
import { fillQueryTemplate } from '../query-template.js';
import type { ConnectResponse, InvokeApiParameters, OperationContext } from '../types.js';
import { warnIfTruncated } from './truncation.js';

/** Every record as `sf_records_<i>_<field>`, with `sf_count`. */
export async function query(
  parameters: InvokeApiParameters,
  context: OperationContext,
): Promise<ConnectResponse> {
  const soql = soqlFromParameters(parameters, context);
  const result = await context.sf.query(soql, { maxRecords: context.settings.maxRecords });
  warnIfTruncated(context, result);
  return flattenRecords(result.records, result.totalSize);
}

/** The record flattened with `sf_count: 1` when exactly one matches, else only `sf_count`. */
export async function queryOne(
  parameters: InvokeApiParameters,
  context: OperationContext,
): Promise<ConnectResponse> {
  return exactlyOne(await runSoqlForOne(soqlFromParameters(parameters, context), context));
}

/** Runs a SOQL query for an exactly-one answer: one page of at most 2 records is enough to decide. */
export async function runSoqlForOne(
  soql: string,
  context: OperationContext,
): Promise<{ records: Array<Record<string, unknown>>; count: number }> {
  const result = await context.sf.query(soql, { maxRecords: 2 });
  return { records: result.records, count: result.totalSize };
}

/** The exactly-one rule shared by queryOne, searchOne and searchOneSOSL. */
export function exactlyOne(result: {
  records: Array<Record<string, unknown>>;
  count: number;
}): ConnectResponse {
  return result.count === 1 ? flattenFirstRecord(result.records[0], 1) : { sf_count: result.count };
}

function soqlFromParameters(parameters: InvokeApiParameters, context: OperationContext): string {
  const p = new OperationParameters(context.operation, parameters);
  return fillQueryTemplate(context.operation, p.required('query'), p.others(['query']));
}
