/**
 * Builds the Salesforce records of one parsed report: header → field mapping, values, the
 * describe filter, `Created_Date__c`, `Region__c` and the `AC_Record_Id__c` external id
 * (the original's steps: header mapping, external id, values). Pure: no I/O.
 *
 * @example
 * ```ts
 * const built = buildReportRecords(parseReportCsv(text), {
 *   kind: 'queue', fields, namespacePrefix: '', region: 'eu-west-2', globalAnalytics: false,
 *   eventTime: '2026-11-28T10:31:02.000Z', bucket: 'reports', key: 'SFDC/Queue/report.csv' });
 * await salesforce.upsertMany(fields.sobject, built.externalIdField, built.records.map((r) => r.record));
 * ```
 */
import type { SalesforceRecord } from '../../shared/salesforce/types.js';
import { MissingStartIntervalError, ReportFormatError, ReportObjectSchemaError } from './errors.js';
import { reportRecordId } from './external-id.js';
import {
  cleanHeader,
  fieldNameForHeader,
  NAME_COLUMN,
  OBJECT_NAME_FIELD,
  START_INTERVAL_FIELD,
} from './header-mapping.js';
import type { ObjectFields } from './object-fields.js';
import { reportCellValue, typedFieldValue } from './report-values.js';
import type { ParsedReport, ReportKind, RowFailure } from './types.js';

/** The external id field of report records (without namespace). */
export const RECORD_ID_FIELD = 'AC_Record_Id__c';
/** The field receiving the report's S3 event time (without namespace). */
export const CREATED_DATE_FIELD = 'Created_Date__c';
/** The optional region field of report objects (without namespace). */
export const REGION_FIELD = 'Region__c';
/** v5.27 global analytics: every region writes this value and one row per queue/agent and interval. */
export const GLOBAL_REGION = 'global';

/**
 * What building a report's records needs: the kind of report, the object's fields, namespace,
 * region, and the S3 object and event time it came from.
 */
export interface ReportRecordContext {
  kind: ReportKind;
  fields: ObjectFields;
  namespacePrefix: string;
  region: string;
  globalAnalytics: boolean;
  /** The S3 event time, written to `Created_Date__c`. */
  eventTime: string;
  bucket: string;
  key: string;
}

/** One report row as a Salesforce record, with its row number and external id. */
export interface BuiltRecord {
  /** 1-based data row number. */
  row: number;
  externalId: string;
  record: SalesforceRecord;
}

/** A report's records ready to upsert, and the rows that could not become one. */
export interface BuiltReportRecords {
  /** The object's real external id field name (`<ns>AC_Record_Id__c`). */
  externalIdField: string;
  /** One record per external id (a later row with the same id replaces an earlier one, as the original's sequential upserts did). */
  records: BuiltRecord[];
  /** Rows without a name or an interval. */
  failures: RowFailure[];
  /** Headers the object has no field for. */
  skippedColumns: string[];
  /** Report columns written to a field other than the name and the interval (the metrics). */
  metricColumns: number;
  /** Rows replaced by a later row with the same external id. */
  duplicateRows: number;
}

interface ColumnMapping {
  header: string;
  field: string;
  type: string | undefined;
}

/**
 * Turns a parsed report into records keyed by external id (a later row with the same id replaces
 * an earlier one); columns the object lacks are left out, values typed by the field's describe.
 */
export function buildReportRecords(report: ParsedReport, ctx: ReportRecordContext): BuiltReportRecords {
  const { fields, namespacePrefix: ns } = ctx;
  const externalIdField = fields.resolve(ns + RECORD_ID_FIELD);
  if (!externalIdField) {
    throw new ReportObjectSchemaError(
      `${fields.sobject} has no ${ns + RECORD_ID_FIELD} field: check SF_ADAPTER_NAMESPACE ` +
        `("${ns.replace(/__$/, '')}") against the CTI Adapter package installed in the org`,
    );
  }

  const nameField = (ns + OBJECT_NAME_FIELD).toLowerCase();
  const intervalField = (ns + START_INTERVAL_FIELD).toLowerCase();
  let nameHeader: string | undefined;
  let intervalHeader: string | undefined;
  const columns: ColumnMapping[] = [];
  const skippedColumns: string[] = [];
  for (const header of report.headers) {
    if (cleanHeader(header) === '') continue;
    const mapped = fieldNameForHeader(header, ctx.kind, ns);
    if (mapped.toLowerCase() === nameField) nameHeader ??= header;
    if (mapped.toLowerCase() === intervalField) intervalHeader ??= header;
    const field = fields.field(mapped);
    if (field) columns.push({ header, field: field.name, type: field.type });
    else skippedColumns.push(header);
  }
  if (!nameHeader) {
    const expected = NAME_COLUMN[ctx.kind] === 'queue' ? 'Queue' : 'Agent';
    throw new ReportFormatError(
      ctx.bucket,
      ctx.key,
      `no "${expected}" column (is this a ${ctx.kind} report?)`,
    );
  }
  if (!intervalHeader) throw new MissingStartIntervalError(ctx.bucket, ctx.key);

  const createdDateField = fields.resolve(ns + CREATED_DATE_FIELD);
  const regionField = fields.resolve(ns + REGION_FIELD);
  const regionValue = ctx.globalAnalytics ? GLOBAL_REGION : ctx.region;
  // The original appends the region (no separator) only where Region__c exists, and v5.27 not at all when global.
  const regionSuffix = regionField && !ctx.globalAnalytics ? ctx.region : '';

  const byId = new Map<string, BuiltRecord>();
  const failures: RowFailure[] = [];
  let duplicateRows = 0;
  report.rows.forEach((row, index) => {
    const rowNumber = index + 1;
    const name = reportCellValue(row[nameHeader] ?? '');
    const interval = reportCellValue(row[intervalHeader] ?? '');
    if (name === null || interval === null) {
      failures.push({ row: rowNumber, reason: `empty ${name === null ? nameHeader : intervalHeader} cell` });
      return;
    }
    const externalId = reportRecordId(ctx.kind, name, interval, regionSuffix);
    if (externalId.length > 255) {
      failures.push({ row: rowNumber, externalId, reason: 'external id longer than 255 characters' });
      return;
    }
    const record: SalesforceRecord = { attributes: { type: fields.sobject } };
    for (const column of columns) {
      record[column.field] = typedFieldValue(reportCellValue(row[column.header] ?? ''), column.type);
    }
    record[externalIdField] = externalId;
    if (createdDateField) record[createdDateField] = ctx.eventTime;
    if (regionField) record[regionField] = regionValue;
    if (byId.has(externalId)) duplicateRows += 1;
    byId.set(externalId, { row: rowNumber, externalId, record });
  });

  const metricColumns = columns.filter((c) => c.header !== nameHeader && c.header !== intervalHeader).length;
  return {
    externalIdField,
    records: [...byId.values()],
    failures,
    skippedColumns,
    duplicateRows,
    metricColumns,
  };
}
