/**
 * Settings of the real-time queue metrics refresh, from the environment.
 *
 * | Variable | Stack parameter | Default | Range |
 * |---|---|---|---|
 * | `AMAZON_CONNECT_INSTANCE_ID` | AmazonConnectInstanceId | (required) | |
 * | `AMAZON_CONNECT_QUEUE_MAX_RECORDS` | AmazonConnectQueueMaxRecords | 100 | 1..100 |
 * | `AMAZON_CONNECT_QUEUE_METRICS_MAX_RECORDS` | AmazonConnectQueueMetricsMaxRecords | 100 | 1..100 |
 * | `SF_ADAPTER_NAMESPACE` | SalesforceAdapterNamespace | `amazonconnect` | blank or `-` = none |
 * | `GLOBAL_ANALYTICS_ENABLED` | GlobalAnalyticsEnabled | false | true/false |
 * | `REALTIME_REFRESHES_PER_INVOCATION` | (fixed by the stack) | 4 | 1..12 |
 * | `REALTIME_REFRESH_INTERVAL_SECONDS` | (fixed by the stack) | 15 | 1..60 |
 * | `SF_COLLECTIONS_PER_REQUEST` | (optional) | 5 | 1..5 collections of 200 queues per API call |
 *
 * @example
 * ```ts
 * const settings = readRealtimeMetricsSettings(process.env);
 * ```
 */

import { isTrue } from '../../shared/config/template-flag.js';
import { namespacePrefix } from '../../shared/salesforce/namespace.js';
import { RealtimeSettingsError } from './errors.js';
import type { RealtimeMetricsSettings } from './types.js';

/** Every environment variable this function reads (besides the Salesforce client's `SF_*`). */
export const REALTIME_QUEUE_METRICS_ENV_VARS = [
  'AMAZON_CONNECT_INSTANCE_ID',
  'AMAZON_CONNECT_QUEUE_MAX_RECORDS',
  'AMAZON_CONNECT_QUEUE_METRICS_MAX_RECORDS',
  'SF_ADAPTER_NAMESPACE',
  'GLOBAL_ANALYTICS_ENABLED',
  'AWS_REGION',
  'REALTIME_REFRESHES_PER_INVOCATION',
  'REALTIME_REFRESH_INTERVAL_SECONDS',
  'SF_COLLECTIONS_PER_REQUEST',
] as const;

/** An integer setting within [min, max]; the error names the variable (and parameter) and the range. */
export function integerSetting(
  env: NodeJS.ProcessEnv,
  variable: string,
  fallback: number,
  min: number,
  max: number,
  parameter?: string,
): number {
  const raw = env[variable];
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw.trim());
  if (!Number.isInteger(value) || value < min || value > max) {
    const source = parameter ? `${variable} (stack parameter ${parameter})` : variable;
    throw new RealtimeSettingsError(`${source} must be an integer from ${min} to ${max}, got "${raw}"`);
  }
  return value;
}

export function readRealtimeMetricsSettings(env: NodeJS.ProcessEnv): RealtimeMetricsSettings {
  const instanceId = (env.AMAZON_CONNECT_INSTANCE_ID ?? '').trim();
  if (!instanceId) {
    throw new RealtimeSettingsError(
      'AMAZON_CONNECT_INSTANCE_ID (stack parameter AmazonConnectInstanceId) is not set',
    );
  }
  const region = env.AWS_REGION ?? env.AWS_DEFAULT_REGION;
  if (!region) throw new RealtimeSettingsError('AWS_REGION is not set');
  return {
    instanceId,
    queuePageSize: integerSetting(
      env,
      'AMAZON_CONNECT_QUEUE_MAX_RECORDS',
      100,
      1,
      100,
      'AmazonConnectQueueMaxRecords',
    ),
    metricsPageSize: integerSetting(
      env,
      'AMAZON_CONNECT_QUEUE_METRICS_MAX_RECORDS',
      100,
      1,
      100,
      'AmazonConnectQueueMetricsMaxRecords',
    ),
    namespacePrefix: namespacePrefix(env.SF_ADAPTER_NAMESPACE),
    region,
    globalAnalytics: isTrue(env.GLOBAL_ANALYTICS_ENABLED),
    refreshesPerInvocation: integerSetting(env, 'REALTIME_REFRESHES_PER_INVOCATION', 4, 1, 12),
    refreshIntervalMs: integerSetting(env, 'REALTIME_REFRESH_INTERVAL_SECONDS', 15, 1, 60) * 1000,
    collectionsPerRequest: integerSetting(env, 'SF_COLLECTIONS_PER_REQUEST', 5, 1, 5),
  };
}
