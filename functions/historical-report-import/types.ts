/**
 * Types of the historical report import (sfIntervalQueue / sfIntervalAgent in the original).
 */

/** Which Connect historical metrics report a CSV is, decided by its key prefix. */
export type ReportKind = 'queue' | 'agent';

/** One report object named by an S3 notification or an EventBridge "Object Created" event. */
export interface ReportObjectRef {
  bucket: string;
  /** The object key, already decoded (spaces as spaces, not `+`). */
  key: string;
  /** When S3 created the object (ISO 8601); written to `Created_Date__c` like the original. */
  eventTime: string;
  /**
   * EventBridge keys are not reliably documented as encoded or raw: when reading `key` finds
   * nothing, the reader retries with this alternative spelling.
   */
  alternativeKey?: string;
}

/** A report prefix and the kind of report stored under it. */
export interface ReportPrefix {
  prefix: string;
  kind: ReportKind;
}

/** Settings of the import, read once per container from the environment. */
export interface HistoricalImportSettings {
  /** `ConnectReportingS3BucketName` (CONNECT_REPORTING_BUCKET); objects in other buckets are refused. Default empty = any bucket. */
  reportingBucket: string;
  /** Report prefixes, longest first (HISTORICAL_*_REPORT_PREFIXES; default `SFDC/Queue` and `SFDC/Agent`). */
  prefixes: ReportPrefix[];
  /** `<ns>__` or `''` (SF_ADAPTER_NAMESPACE; default `amazonconnect__`). */
  namespacePrefix: string;
  /** The Lambda's region (AWS_REGION, required; appended to the external id where the object has `Region__c`). */
  region: string;
  /** v5.27 `GlobalAnalyticsEnabled` (default false): write `Region__c = 'global'` and keep the id without a region. */
  globalAnalytics: boolean;
  /** Collections of 200 rows per API call (SF_COLLECTIONS_PER_REQUEST, 1..5, default 5). */
  collectionsPerRequest: number;
}

/** A parsed CSV report: its header row and its data rows keyed by header. */
export interface ParsedReport {
  headers: string[];
  rows: Array<Record<string, string>>;
}

/** What importing one report object did. */
export interface ReportImportOutcome {
  bucket: string;
  key: string;
  kind: ReportKind;
  sobject: string;
  rows: number;
  upserted: number;
  created: number;
  /** Rows Salesforce rejected (or that had no name/interval), with the reason. */
  failures: RowFailure[];
  /** Report columns the object has no field for (dropped, like the original). */
  skippedColumns: string[];
}

/** A report row that was not imported, and why. */
export interface RowFailure {
  /** 1-based data row number in the CSV (header excluded). */
  row: number;
  externalId?: string;
  reason: string;
}
