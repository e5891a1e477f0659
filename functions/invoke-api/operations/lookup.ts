/**
 * `lookup` and `lookup_all` (deprecated in the original, kept for existing flows): every parameter
 * other than `sf_object`/`sf_fields` is a WHERE condition on the field of that name.
 *
 * - `mobilephone`/`homephone` (any case) with ≥ 10 digits: the last 10 digits match in any format,
 *   `LIKE '%ddd%ddd%dddd%'`; fewer digits compare exactly (the original's pattern could become
 *   `'%%%%'` and match every record).
 * - a value containing `%`: `LIKE` with the value's `%` as wildcards (the original's feature);
 *   every other character matches itself, and a value of wildcards only is rejected.
 * - otherwise `field = 'value'`. Every value is escaped (the original concatenated it raw).
 *
 * @example
 * ```ts
 * await lookup({ sf_object: 'Contact', sf_fields: 'Id, Name', homephone: '+441122334455' }, context);
 * // { Id: '003…', Name: 'Jane Doe', sf_count: 1 }
 * ```
 */
import { InvalidParameterError } from '../errors.js';
import { likeContent, literalContent } from '../escaping.js';
import { flattenFirstRecord, flattenRecords } from '../flatten.js';
import { requireFieldName, requireSObjectName, splitFieldList } from '../identifiers.js';
import { OperationParameters } from '../parameters.js';
import type { ConnectResponse, InvokeApiParameters, OperationContext } from '../types.js';
import { warnIfTruncated } from './truncation.js';

const OWN_PARAMETERS = ['sf_object', 'sf_fields'];
const PHONE_KEYS = new Set(['mobilephone', 'homephone']);

/** First matching record, flattened, with `sf_count` = the number of matches. */
export async function lookup(
  parameters: InvokeApiParameters,
  context: OperationContext,
): Promise<ConnectResponse> {
  const soql = buildLookupQuery(context.operation, parameters);
  const result = await context.sf.query(soql, { maxRecords: 1 });
  return flattenFirstRecord(result.records[0], result.totalSize);
}

/** Every matching record as `sf_records_<i>_<field>`, with `sf_count`. */
export async function lookupAll(
  parameters: InvokeApiParameters,
  context: OperationContext,
): Promise<ConnectResponse> {
  const soql = buildLookupQuery(context.operation, parameters);
  const result = await context.sf.query(soql, { maxRecords: context.settings.maxRecords });
  warnIfTruncated(context, result);
  return flattenRecords(result.records, result.totalSize);
}

/** `SELECT <sf_fields> FROM <sf_object> [WHERE c1 AND c2 …]`, every value escaped. */
export function buildLookupQuery(operation: string, parameters: InvokeApiParameters): string {
  const p = new OperationParameters(operation, parameters);
  const sobject = requireSObjectName(operation, 'sf_object', p.required('sf_object'));
  const fields = splitFieldList(operation, 'sf_fields', p.required('sf_fields'));
  const conditions = p.others(OWN_PARAMETERS).map(([key, value]) => condition(operation, key, value));
  const where = conditions.length === 0 ? '' : ` WHERE ${conditions.join(' AND ')}`;
  return `SELECT ${fields.join(', ')} FROM ${sobject}${where}`;
}

function condition(operation: string, key: string, value: string): string {
  const field = requireFieldName(operation, key);
  if (PHONE_KEYS.has(field.toLowerCase())) {
    const digits = value.replace(/\D/g, '');
    if (digits.length >= 10) {
      const last = digits.slice(-10);
      const parts = [last.slice(0, 3), last.slice(3, 6), last.slice(6)].map(likeContent);
      return `${field} LIKE '%${parts.join('%')}%'`;
    }
  } else if (value.includes('%')) {
    if (value.replace(/[%\s]/g, '') === '') {
      throw new InvalidParameterError(
        operation,
        key,
        'is only wildcards (%), which would match every record',
      );
    }
    return `${field} LIKE '${value.split('%').map(likeContent).join('%')}'`;
  }
  return `${field} = '${literalContent(value)}'`;
}
