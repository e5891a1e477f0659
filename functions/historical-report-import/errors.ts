/**
 * Typed errors of the historical report import. Each `name` is stable (for alarms, log queries
 * and the on-failure destination's consumers). It is not a state machine task: a failed invocation
 * is retried by Lambda's asynchronous invocation, then goes to the on-failure destination.
 *
 * @example
 * ```ts
 * try { await importer.importObjects(refs); }
 * catch (err) { if (err instanceof MissingStartIntervalError) { ... } }
 * ```
 */
import { ConfigurationError } from '../../shared/config/configuration-error.js';
import type { RowFailure } from './types.js';

/** The Lambda was invoked with an event that is neither an S3 notification nor an EventBridge "Object Created" event. */
export class ReportEventError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'HistoricalReport.InvalidEvent';
  }
}

/**
 * A setting (environment variable) is missing or invalid; the message and `setting` name it.
 * Lambda's asynchronous retries repeat the invocation, which cannot succeed until the stack is
 * fixed; the event then goes to the on-failure destination.
 */
export class ReportSettingsError extends ConfigurationError {
  constructor(message: string, setting: string, options?: ErrorOptions) {
    super(message, setting, options);
    this.name = 'HistoricalReport.Config';
  }
}

/** The CSV cannot be read as a Connect report (malformed CSV, no header, no name column). */
export class ReportFormatError extends Error {
  readonly bucket: string;
  readonly key: string;
  constructor(bucket: string, key: string, detail: string, options?: ErrorOptions) {
    super(`Report s3://${bucket}/${key} is not a readable Amazon Connect report: ${detail}`, options);
    this.name = 'HistoricalReport.InvalidCsv';
    this.bucket = bucket;
    this.key = key;
  }
}

/**
 * The report has no `StartInterval` column, so no row can get its external id (the original
 * failed with `KeyError: StartInterval__c`, a common complaint of its users).
 */
export class MissingStartIntervalError extends Error {
  readonly bucket: string;
  readonly key: string;
  constructor(bucket: string, key: string) {
    super(
      `Report s3://${bucket}/${key} has no "StartInterval" column, so its rows cannot be identified. ` +
        'In Amazon Connect, edit the scheduled historical metrics report: on its Groupings tab group ' +
        'the report by "Interval" (30 minutes, time zone UTC) in addition to the queue or agent, ' +
        'then save and re-publish the schedule. Rows of this file were not imported.',
    );
    this.name = 'HistoricalReport.MissingStartInterval';
    this.bucket = bucket;
    this.key = key;
  }
}

/** The target object is missing, or lacks the `AC_Record_Id__c` external id (usually a wrong namespace). */
export class ReportObjectSchemaError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'HistoricalReport.ObjectSchema';
  }
}

/** Some rows were rejected (by Salesforce or because they had no name or interval); the others were written. */
export class ReportRowsRejectedError extends Error {
  readonly failures: RowFailure[];
  constructor(bucket: string, key: string, rows: number, failures: RowFailure[]) {
    const sample = failures
      .slice(0, 5)
      .map((f) => `row ${f.row}${f.externalId ? ` (${f.externalId})` : ''}: ${f.reason}`)
      .join('; ');
    super(`${failures.length} of ${rows} rows of s3://${bucket}/${key} were not imported: ${sample}`);
    this.name = 'HistoricalReport.RowsRejected';
    this.failures = failures;
  }
}

/**
 * One or more report objects of an event failed. Every object of the event was attempted; the
 * invocation fails so that Lambda's asynchronous retry and on-failure destination see it
 * (re-importing is idempotent: rows are upserted by external id).
 */
export class ReportImportFailedError extends Error {
  readonly errors: Error[];
  constructor(errors: Error[], total: number) {
    super(
      `${errors.length} of ${total} report objects failed: ${errors.map((e) => `${e.name}: ${e.message}`).join(' | ')}`,
    );
    this.name = 'HistoricalReport.ImportFailed';
    this.errors = errors;
  }
}

/** The object named by the event does not exist (deleted, or a key spelled differently). */
export class ReportObjectNotFoundError extends Error {
  constructor(bucket: string, key: string, options?: ErrorOptions) {
    super(`Report s3://${bucket}/${key} does not exist`, options);
    this.name = 'HistoricalReport.ObjectNotFound';
  }
}
