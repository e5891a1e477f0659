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
 * | `SF_COLLECTIONS_PER_REQUEST` | SalesforceCollectionsPerRequest | 5 | 1..5 collections of 200 queues per API call |
 *
 * A missing or invalid value is a `RealtimeMetrics.Config` error naming the variable.
 *
 * @example
 * ```ts
 * const settings = readRealtimeMetricsSettings(process.env);
 * ```
 */

import { ADAPTER_NAMESPACE_ENV, readNamespacePrefix } from '../../shared/config/adapter-namespace.js';
import {
  COLLECTIONS_PER_REQUEST_ENV,
  readCollectionsPerRequest,
} from '../../shared/config/collections-per-request.js';
import { renameConfigurationErrors } from '../../shared/config/configuration-error.js';
import { CONNECT_INSTANCE_ID_ENV, readConnectInstanceId } from '../../shared/config/connect-instance.js';
import { readIntegerEnv } from '../../shared/config/environment.js';
import { GLOBAL_ANALYTICS_ENV, readGlobalAnalytics } from '../../shared/config/global-analytics.js';
import { AWS_REGION_ENV, readRegion } from '../../shared/config/region.js';
import { RealtimeSettingsError } from './errors.js';
import type { RealtimeMetricsSettings } from './types.js';

/** ListQueues page size (stack parameter AmazonConnectQueueMaxRecords). */
export const QUEUE_MAX_RECORDS_ENV = 'AMAZON_CONNECT_QUEUE_MAX_RECORDS';
/** GetCurrentMetricData page size (stack parameter AmazonConnectQueueMetricsMaxRecords). */
export const QUEUE_METRICS_MAX_RECORDS_ENV = 'AMAZON_CONNECT_QUEUE_METRICS_MAX_RECORDS';
/** Refreshes per invocation (fixed by the stack). */
export const REFRESHES_PER_INVOCATION_ENV = 'REALTIME_REFRESHES_PER_INVOCATION';
/** Seconds between the refreshes' start times (fixed by the stack). */
export const REFRESH_INTERVAL_SECONDS_ENV = 'REALTIME_REFRESH_INTERVAL_SECONDS';

/** Every environment variable this function reads (besides the Salesforce client's `SF_*`). */
export const REALTIME_QUEUE_METRICS_ENV_VARS = [
  CONNECT_INSTANCE_ID_ENV,
  QUEUE_MAX_RECORDS_ENV,
  QUEUE_METRICS_MAX_RECORDS_ENV,
  ADAPTER_NAMESPACE_ENV,
  GLOBAL_ANALYTICS_ENV,
  AWS_REGION_ENV,
  REFRESHES_PER_INVOCATION_ENV,
  REFRESH_INTERVAL_SECONDS_ENV,
  COLLECTIONS_PER_REQUEST_ENV,
] as const;

/** Default of both Connect page sizes: the APIs' maximum. */
export const DEFAULT_PAGE_SIZE = 100;
/** Default of `REALTIME_REFRESHES_PER_INVOCATION`: a one-minute schedule refreshed every 15 s. */
export const DEFAULT_REFRESHES_PER_INVOCATION = 4;
/** Default of `REALTIME_REFRESH_INTERVAL_SECONDS`. */
export const DEFAULT_REFRESH_INTERVAL_SECONDS = 15;

type Env = Record<string, string | undefined>;

/** Reads {@link RealtimeMetricsSettings}; a missing or invalid value is a {@link RealtimeSettingsError}. */
export function readRealtimeMetricsSettings(env: Env): RealtimeMetricsSettings {
  return renameConfigurationErrors(
    () => {
      const instanceId = readConnectInstanceId(env);
      if (instanceId === undefined) {
        throw new RealtimeSettingsError(
          `Environment variable ${CONNECT_INSTANCE_ID_ENV} (stack parameter AmazonConnectInstanceId) is not set`,
          CONNECT_INSTANCE_ID_ENV,
        );
      }
      return {
        instanceId,
        queuePageSize: readIntegerEnv(
          QUEUE_MAX_RECORDS_ENV,
          DEFAULT_PAGE_SIZE,
          { min: 1, max: 100, parameter: 'AmazonConnectQueueMaxRecords' },
          env,
        ),
        metricsPageSize: readIntegerEnv(
          QUEUE_METRICS_MAX_RECORDS_ENV,
          DEFAULT_PAGE_SIZE,
          { min: 1, max: 100, parameter: 'AmazonConnectQueueMetricsMaxRecords' },
          env,
        ),
        namespacePrefix: readNamespacePrefix(env),
        region: readRegion(env),
        globalAnalytics: readGlobalAnalytics(env),
        refreshesPerInvocation: readIntegerEnv(
          REFRESHES_PER_INVOCATION_ENV,
          DEFAULT_REFRESHES_PER_INVOCATION,
          { min: 1, max: 12 },
          env,
        ),
        refreshIntervalMs:
          readIntegerEnv(
            REFRESH_INTERVAL_SECONDS_ENV,
            DEFAULT_REFRESH_INTERVAL_SECONDS,
            { min: 1, max: 60 },
            env,
          ) * 1000,
        collectionsPerRequest: readCollectionsPerRequest(env),
      };
    },
    (error) => new RealtimeSettingsError(error.message, error.setting, { cause: error }),
  );
}
