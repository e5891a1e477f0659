/**
 * Types of the real-time queue metrics refresh (sfRealTimeQueueMetrics in the original).
 */

/** A standard queue of the Connect instance (from ListQueues). */
export interface QueueSummary {
  id: string;
  arn: string;
  name: string;
}

/** The ten current metrics the original reads, by Connect metric name. */
export type CurrentMetricName =
  | 'AGENTS_ONLINE'
  | 'AGENTS_AVAILABLE'
  | 'AGENTS_ON_CONTACT'
  | 'AGENTS_STAFFED'
  | 'AGENTS_AFTER_CONTACT_WORK'
  | 'AGENTS_NON_PRODUCTIVE'
  | 'AGENTS_ERROR'
  | 'CONTACTS_IN_QUEUE'
  | 'OLDEST_CONTACT_AGE'
  | 'CONTACTS_SCHEDULED';

/** One queue's GetCurrentMetricData result (integers, truncated like Python's `int()`). */
export interface QueueMetricResult {
  queueId: string;
  arn?: string;
  values: Partial<Record<CurrentMetricName, number>>;
}

/** The queue metrics function's settings, read by `readRealtimeMetricsSettings`. */
export interface RealtimeMetricsSettings {
  /** `AmazonConnectInstanceId` (AMAZON_CONNECT_INSTANCE_ID, required). */
  instanceId: string;
  /** `AmazonConnectQueueMaxRecords`: ListQueues page size, 1..100 (default 100). */
  queuePageSize: number;
  /** `AmazonConnectQueueMetricsMaxRecords`: GetCurrentMetricData page size, 1..100 (default 100). */
  metricsPageSize: number;
  /** `<ns>__` or `''` (SF_ADAPTER_NAMESPACE; default `amazonconnect__`). */
  namespacePrefix: string;
  /** The Lambda's region (AWS_REGION, required). */
  region: string;
  /** v5.27 `GlobalAnalyticsEnabled` (default false). */
  globalAnalytics: boolean;
  /** Refreshes per invocation (default 4: a one-minute schedule refreshed every 15 s). */
  refreshesPerInvocation: number;
  /** Spacing of the refreshes' start times (default 15 000 ms). */
  refreshIntervalMs: number;
  /** Collections of 200 queues per API call (SF_COLLECTIONS_PER_REQUEST, 1..5, default 5). */
  collectionsPerRequest: number;
}

/** What one refresh did. */
export interface RefreshOutcome {
  queues: number;
  /** Queues GetCurrentMetricData returned a result for. */
  withResults: number;
  /** Listed queues without a result, written with zeros. */
  zeroed: number;
  upserted: number;
  created: number;
  /** Salesforce API calls this refresh made (from the client's counter). */
  salesforceCalls: number;
}
