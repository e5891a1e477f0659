/**
 * Settings of the historical report import, from the environment.
 *
 * | Variable | Default | Meaning |
 * |---|---|---|
 * | `CONNECT_REPORTING_BUCKET` | (any) | `ConnectReportingS3BucketName`; events for other buckets are refused |
 * | `HISTORICAL_QUEUE_REPORT_PREFIXES` | `SFDC/Queue` | comma-separated key prefixes of queue reports |
 * | `HISTORICAL_AGENT_REPORT_PREFIXES` | `SFDC/Agent` | comma-separated key prefixes of agent reports |
 * | `SF_ADAPTER_NAMESPACE` | `amazonconnect` | CTI Adapter namespace; blank or `-` = none |
 * | `GLOBAL_ANALYTICS_ENABLED` | `false` | v5.27 `GlobalAnalyticsEnabled` |
 * | `AWS_REGION` | (Lambda) | appended to the external id where the object has `Region__c` |
 * | `SF_COLLECTIONS_PER_REQUEST` | `5` | collections of 200 rows per API call, 1..5 |
 *
 * A missing or invalid value is a `HistoricalReport.Config` error naming the variable.
 *
 * @example
 * ```ts
 * const settings = readHistoricalImportSettings(process.env);
 * ```
 */

import { ADAPTER_NAMESPACE_ENV, readNamespacePrefix } from '../../shared/config/adapter-namespace.js';
import {
  COLLECTIONS_PER_REQUEST_ENV,
  readCollectionsPerRequest,
} from '../../shared/config/collections-per-request.js';
import { renameConfigurationErrors } from '../../shared/config/configuration-error.js';
import { optionalEnv, readListEnv } from '../../shared/config/environment.js';
import { GLOBAL_ANALYTICS_ENV, readGlobalAnalytics } from '../../shared/config/global-analytics.js';
import { AWS_REGION_ENV, readRegion } from '../../shared/config/region.js';
import { ReportSettingsError } from './errors.js';
import type { HistoricalImportSettings, ReportKind, ReportPrefix } from './types.js';

/** The Connect reporting bucket (stack parameter ConnectReportingS3BucketName); unset = any bucket. */
export const REPORTING_BUCKET_ENV = 'CONNECT_REPORTING_BUCKET';
/** Key prefixes of queue reports (stack parameter HistoricalQueueReportPrefix). */
export const QUEUE_REPORT_PREFIXES_ENV = 'HISTORICAL_QUEUE_REPORT_PREFIXES';
/** Key prefixes of agent reports (stack parameter HistoricalAgentReportPrefix). */
export const AGENT_REPORT_PREFIXES_ENV = 'HISTORICAL_AGENT_REPORT_PREFIXES';

/** Every environment variable this function reads (besides the Salesforce client's `SF_*`). */
export const HISTORICAL_REPORT_IMPORT_ENV_VARS = [
  REPORTING_BUCKET_ENV,
  QUEUE_REPORT_PREFIXES_ENV,
  AGENT_REPORT_PREFIXES_ENV,
  ADAPTER_NAMESPACE_ENV,
  GLOBAL_ANALYTICS_ENV,
  AWS_REGION_ENV,
  COLLECTIONS_PER_REQUEST_ENV,
] as const;

/** Default of `HISTORICAL_QUEUE_REPORT_PREFIXES`. */
export const DEFAULT_QUEUE_REPORT_PREFIX = 'SFDC/Queue';
/** Default of `HISTORICAL_AGENT_REPORT_PREFIXES`. */
export const DEFAULT_AGENT_REPORT_PREFIX = 'SFDC/Agent';

type Env = Record<string, string | undefined>;

/** The prefixes of one kind, without leading `/` (S3 keys have none); at least one. */
function prefixesOf(variable: string, fallback: string, kind: ReportKind, env: Env): ReportPrefix[] {
  const list = readListEnv(variable, [fallback], env)
    .map((prefix) => prefix.replace(/^\/+/, ''))
    .filter((prefix) => prefix !== '');
  if (list.length === 0) {
    throw new ReportSettingsError(`Environment variable ${variable} names no key prefix`, variable);
  }
  return list.map((prefix) => ({ prefix, kind }));
}

/** Reads {@link HistoricalImportSettings}; a missing or invalid value is a {@link ReportSettingsError}. */
export function readHistoricalImportSettings(env: Env): HistoricalImportSettings {
  return renameConfigurationErrors(
    () => ({
      reportingBucket: optionalEnv(REPORTING_BUCKET_ENV, env) ?? '',
      prefixes: [
        ...prefixesOf(QUEUE_REPORT_PREFIXES_ENV, DEFAULT_QUEUE_REPORT_PREFIX, 'queue', env),
        ...prefixesOf(AGENT_REPORT_PREFIXES_ENV, DEFAULT_AGENT_REPORT_PREFIX, 'agent', env),
      ].sort((a, b) => b.prefix.length - a.prefix.length),
      namespacePrefix: readNamespacePrefix(env),
      region: readRegion(env),
      globalAnalytics: readGlobalAnalytics(env),
      collectionsPerRequest: readCollectionsPerRequest(env),
    }),
    (error) => new ReportSettingsError(error.message, error.setting, { cause: error }),
  );
}

/** The kind of report stored at `key`, or undefined when no prefix matches. Longest prefix wins. */
export function reportKindOf(key: string, prefixes: ReportPrefix[]): ReportKind | undefined {
  return prefixes.find((p) => key.startsWith(p.prefix))?.kind;
}
