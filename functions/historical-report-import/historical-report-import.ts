import type { Logger } from '@aws-lambda-powertools/logger';
import type { S3Client } from '@aws-sdk/client-s3';
import { logFailure } from '../../shared/logging/error-summary.js';
import { packedUpsert } from '../../shared/reporting/packed-upsert.js';
import { SalesforceRequestError } from '../../shared/salesforce/errors.js';
import type { SalesforceApi } from '../../shared/salesforce/types.js';
import {
  ReportFormatError,
  ReportImportFailedError,
  ReportObjectSchemaError,
  ReportRowsRejectedError,
} from './errors.js';
import { type ObjectFields, objectFields } from './object-fields.js';
import { CsvParseError, parseReportCsv } from './report-csv.js';
import { readReportObject } from './report-reader.js';
import { buildReportRecords } from './report-records.js';
import { reportKindOf } from './settings.js';
import type {
  HistoricalImportSettings,
  ReportImportOutcome,
  ReportKind,
  ReportObjectRef,
  RowFailure,
} from './types.js';

/** Target object per report kind (without namespace), as in the original. */
export const REPORT_OBJECTS: Record<ReportKind, string> = {
  queue: 'AC_HistoricalQueueMetrics__c',
  agent: 'AC_AgentPerformance__c',
};

/** The logger methods the importer uses. */
export type ImportLogger = Pick<Logger, 'debug' | 'info' | 'warn' | 'error'>;

/** What the historical report importer works with. */
export interface HistoricalReportImporterOptions {
  s3: S3Client;
  salesforce: SalesforceApi;
  settings: HistoricalImportSettings;
  logger: ImportLogger;
}

/**
 * Imports Connect historical metrics reports into Salesforce: every object of an event, each
 * report upserted in composite/sobjects collections of 200 rows, up to 5 collections per API
 * call (`packedUpsert`), instead of one call per row; one describe of the target object per
 * container.
 *
 * @example
 * ```ts
 * const importer = new HistoricalReportImporter({ s3, salesforce, settings, logger });
 * const outcomes = await importer.importAll(parseReportEvent(event));
 * ```
 */
export class HistoricalReportImporter {
  private readonly s3: S3Client;
  private readonly salesforce: SalesforceApi;
  private readonly settings: HistoricalImportSettings;
  private readonly logger: ImportLogger;

  constructor(options: HistoricalReportImporterOptions) {
    this.s3 = options.s3;
    this.salesforce = options.salesforce;
    this.settings = options.settings;
    this.logger = options.logger;
  }

  /**
   * Imports every object; one failing object does not stop the others. Throws the error when
   * one object failed, a {@link ReportImportFailedError} when several did.
   */
  async importAll(refs: ReportObjectRef[]): Promise<ReportImportOutcome[]> {
    const outcomes: ReportImportOutcome[] = [];
    const errors: Error[] = [];
    for (const ref of refs) {
      try {
        const outcome = await this.importObject(ref);
        if (outcome) outcomes.push(outcome);
      } catch (err) {
        const error = err instanceof Error ? err : new Error(String(err));
        logFailure(this.logger, 'error', 'report import failed', error, { bucket: ref.bucket, key: ref.key });
        errors.push(error);
      }
    }
    if (errors.length === 1) throw errors[0];
    if (errors.length > 1) throw new ReportImportFailedError(errors, refs.length);
    return outcomes;
  }

  /** Imports one report object; undefined when the object is not a report this function handles. */
  async importObject(ref: ReportObjectRef): Promise<ReportImportOutcome | undefined> {
    const { settings } = this;
    if (settings.reportingBucket && ref.bucket !== settings.reportingBucket) {
      this.logger.warn('object is not in the reporting bucket; ignored', {
        bucket: ref.bucket,
        key: ref.key,
      });
      return undefined;
    }
    const kind = reportKindOf(ref.key, settings.prefixes);
    // Connect writes its scheduled reports as .csv files; folder markers and other files are not reports.
    if (!kind || !/\.csv$/i.test(ref.key)) {
      this.logger.info('object is not a report CSV under a report prefix; ignored', {
        bucket: ref.bucket,
        key: ref.key,
      });
      return undefined;
    }

    const { text, key } = await readReportObject(this.s3, ref);
    let report: ReturnType<typeof parseReportCsv>;
    try {
      report = parseReportCsv(text);
    } catch (err) {
      if (err instanceof CsvParseError)
        throw new ReportFormatError(ref.bucket, key, err.message, { cause: err });
      throw err;
    }

    const sobject = settings.namespacePrefix + REPORT_OBJECTS[kind];
    const fields = await this.fieldsOf(sobject);
    const built = buildReportRecords(report, {
      kind,
      fields,
      namespacePrefix: settings.namespacePrefix,
      region: settings.region,
      globalAnalytics: settings.globalAnalytics,
      eventTime: ref.eventTime,
      bucket: ref.bucket,
      key,
    });
    if (built.skippedColumns.length > 0) {
      this.logger.info('report columns without a field on the object were skipped', {
        sobject,
        skippedColumns: built.skippedColumns,
      });
    }
    if (built.metricColumns === 0 && built.skippedColumns.length > 0) {
      // The original silently wrote nothing in this case.
      this.logger.warn(
        'no report column matches a field of the object: only names and intervals are written',
        {
          sobject,
          skippedColumns: built.skippedColumns,
        },
      );
    }
    if (built.duplicateRows > 0) {
      this.logger.warn('rows sharing an external id: the last one is kept', {
        key,
        duplicateRows: built.duplicateRows,
      });
    }

    const failures: RowFailure[] = [...built.failures];
    let created = 0;
    let upserted = 0;
    if (built.records.length > 0) {
      const results = await packedUpsert(
        this.salesforce,
        sobject,
        built.externalIdField,
        built.records.map((r) => r.record),
        { collectionsPerRequest: settings.collectionsPerRequest },
      );
      results.forEach((result, i) => {
        const source = built.records[i]!;
        if (result.success) {
          upserted += 1;
          if (result.created) created += 1;
        } else {
          failures.push({
            row: source.row,
            externalId: source.externalId,
            reason: result.errors.map((e) => `${e.statusCode}: ${e.message}`).join(', ') || 'rejected',
          });
        }
      });
    }

    const outcome: ReportImportOutcome = {
      bucket: ref.bucket,
      key,
      kind,
      sobject,
      rows: report.rows.length,
      upserted,
      created,
      failures,
      skippedColumns: built.skippedColumns,
    };
    this.logger.info('report imported', {
      key,
      kind,
      sobject,
      rows: outcome.rows,
      upserted,
      created,
      failed: failures.length,
    });
    if (failures.length > 0) {
      failures.sort((a, b) => a.row - b.row);
      throw new ReportRowsRejectedError(ref.bucket, key, report.rows.length, failures);
    }
    return outcome;
  }

  private async fieldsOf(sobject: string): Promise<ObjectFields> {
    try {
      return await objectFields(this.salesforce, sobject);
    } catch (err) {
      if (
        err instanceof SalesforceRequestError ||
        (err instanceof Error && err.name === 'Salesforce.Request')
      ) {
        throw new ReportObjectSchemaError(
          `Cannot describe ${sobject} (${err.message}): check SF_ADAPTER_NAMESPACE against the CTI Adapter package installed in the org`,
          { cause: err },
        );
      }
      throw err;
    }
  }
}
