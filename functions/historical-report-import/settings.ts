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
 * @example
 * ```ts
 * const settings = readHistoricalImportSettings(process.env);
 * ```
 */

import { isTrue } from '../../shared/config/template-flag.js';
import { namespacePrefix } from '../../shared/salesforce/namespace.js';
import { ReportSettingsError } from './errors.js';
import type { HistoricalImportSettings, ReportKind, ReportPrefix } from './types.js';

/** Every environment variable this function reads (besides the Salesforce client's `SF_*`). */
export const HISTORICAL_REPORT_IMPORT_ENV_VARS = [
  'CONNECT_REPORTING_BUCKET',
  'HISTORICAL_QUEUE_REPORT_PREFIXES',
  'HISTORICAL_AGENT_REPORT_PREFIXES',
  'SF_ADAPTER_NAMESPACE',
  'GLOBAL_ANALYTICS_ENABLED',
  'AWS_REGION',
  'SF_COLLECTIONS_PER_REQUEST',
] as const;

export const DEFAULT_QUEUE_REPORT_PREFIX = 'SFDC/Queue';
export const DEFAULT_AGENT_REPORT_PREFIX = 'SFDC/Agent';

function prefixesOf(
  raw: string | undefined,
  fallback: string,
  kind: ReportKind,
  variable: string,
): ReportPrefix[] {
  const list = (raw === undefined || raw.trim() === '' ? fallback : raw)
    .split(',')
    .map((p) => p.trim().replace(/^\/+/, ''))
    .filter((p) => p !== '');
  if (list.length === 0) throw new ReportSettingsError(`${variable} names no key prefix`);
  return list.map((prefix) => ({ prefix, kind }));
}

/** `SF_COLLECTIONS_PER_REQUEST`: 1..5 collections of 200 rows per API call (default 5). */
export function collectionsPerRequest(raw: string | undefined): number {
  if (raw === undefined || raw.trim() === '') return 5;
  const value = Number(raw.trim());
  if (!Number.isInteger(value) || value < 1 || value > 5) {
    throw new ReportSettingsError(`SF_COLLECTIONS_PER_REQUEST must be an integer from 1 to 5, got "${raw}"`);
  }
  return value;
}

export function readHistoricalImportSettings(env: NodeJS.ProcessEnv): HistoricalImportSettings {
  const region = env.AWS_REGION ?? env.AWS_DEFAULT_REGION;
  if (!region) throw new ReportSettingsError('AWS_REGION is not set');
  const prefixes = [
    ...prefixesOf(
      env.HISTORICAL_QUEUE_REPORT_PREFIXES,
      DEFAULT_QUEUE_REPORT_PREFIX,
      'queue',
      'HISTORICAL_QUEUE_REPORT_PREFIXES',
    ),
    ...prefixesOf(
      env.HISTORICAL_AGENT_REPORT_PREFIXES,
      DEFAULT_AGENT_REPORT_PREFIX,
      'agent',
      'HISTORICAL_AGENT_REPORT_PREFIXES',
    ),
  ].sort((a, b) => b.prefix.length - a.prefix.length);
  return {
    reportingBucket: (env.CONNECT_REPORTING_BUCKET ?? '').trim(),
    prefixes,
    namespacePrefix: namespacePrefix(env.SF_ADAPTER_NAMESPACE),
    region,
    globalAnalytics: isTrue(env.GLOBAL_ANALYTICS_ENABLED),
    collectionsPerRequest: collectionsPerRequest(env.SF_COLLECTIONS_PER_REQUEST),
  };
}

/** The kind of report stored at `key`, or undefined when no prefix matches. Longest prefix wins. */
export function reportKindOf(key: string, prefixes: ReportPrefix[]): ReportKind | undefined {
  return prefixes.find((p) => key.startsWith(p.prefix))?.kind;
}
