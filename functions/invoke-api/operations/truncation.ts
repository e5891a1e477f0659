/** Logs when a query stopped at the record cap (SF_INVOKE_API_MAX_RECORDS) before its last page. */
import type { QueryResult } from '../../../shared/salesforce/types.js';
import type { OperationContext } from '../types.js';

/** Logs a warning when a query stopped at the record cap before its last page. */
export function warnIfTruncated(context: OperationContext, result: QueryResult<unknown>): void {
  if (!result.done || result.records.length < result.totalSize) {
    context.logger?.warn('query results truncated at the record cap', {
      operation: context.operation,
      fetched: result.records.length,
      totalSize: result.totalSize,
      maxRecords: context.settings.maxRecords,
    });
  }
}
