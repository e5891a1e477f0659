import type { Logger } from '@aws-lambda-powertools/logger';
import type { ConnectClient } from '@aws-sdk/client-connect';
import { packedUpsert } from '../../shared/reporting/packed-upsert.js';
import type { SalesforceApi } from '../../shared/salesforce/types.js';
import { listStandardQueues } from './connect-queues.js';
import { fetchCurrentMetrics } from './current-metrics.js';
import { QueueMetricsRejectedError } from './errors.js';
import { queueMetricsObject } from './queue-metrics-object.js';
import { buildQueueMetricsRecords } from './queue-metrics-records.js';
import type { RealtimeMetricsSettings, RefreshOutcome } from './types.js';

/** The logger methods the refresher uses. */
export type RefreshLogger = Pick<Logger, 'debug' | 'info' | 'warn' | 'error'>;

/** What the queue metrics refresher works with. */
export interface QueueMetricsRefresherOptions {
  connect: ConnectClient;
  salesforce: SalesforceApi;
  settings: RealtimeMetricsSettings;
  logger: RefreshLogger;
}

/**
 * One refresh of the real-time queue metrics: ListQueues → GetCurrentMetricData → every queue
 * upserted in collections of 200, up to 5 collections per API call (`packedUpsert`). With the
 * object's describe cached per container, a warm refresh of up to 1,000 queues costs one
 * Salesforce API call (≤ ceil(N / 200) in general); the original spent a describe and an upsert
 * per queue.
 *
 * @example
 * ```ts
 * const refresher = new QueueMetricsRefresher({ connect, salesforce, settings, logger });
 * const outcome = await refresher.refresh(); // { queues: 50, upserted: 50, salesforceCalls: 1, … }
 * ```
 */
export class QueueMetricsRefresher {
  private readonly options: QueueMetricsRefresherOptions;

  constructor(options: QueueMetricsRefresherOptions) {
    this.options = options;
  }

  async refresh(): Promise<RefreshOutcome> {
    const { connect, salesforce, settings, logger } = this.options;
    const callsBefore = salesforce.stats.apiCalls;
    const queues = await listStandardQueues(connect, settings.instanceId, settings.queuePageSize);
    if (queues.length === 0) {
      logger.info('no standard queues in the instance');
      return { queues: 0, withResults: 0, zeroed: 0, upserted: 0, created: 0, salesforceCalls: 0 };
    }
    const results = await fetchCurrentMetrics(
      connect,
      settings.instanceId,
      queues.map((q) => q.id),
      settings.metricsPageSize,
    );
    const object = await queueMetricsObject(salesforce, settings.namespacePrefix);
    const records = buildQueueMetricsRecords(queues, results, object, settings);
    const saveResults = await packedUpsert(
      salesforce,
      object.sobject,
      object.externalIdField,
      records.map((r) => r.record),
      { collectionsPerRequest: settings.collectionsPerRequest },
    );

    let upserted = 0;
    let created = 0;
    const failures: Array<{ queueId: string; reason: string }> = [];
    saveResults.forEach((result, i) => {
      if (result.success) {
        upserted += 1;
        if (result.created) created += 1;
      } else {
        failures.push({
          queueId: records[i]!.queueId,
          reason: result.errors.map((e) => `${e.statusCode}: ${e.message}`).join(', ') || 'rejected',
        });
      }
    });
    const withResults = records.filter((r) => r.hasResult).length;
    const outcome: RefreshOutcome = {
      queues: records.length,
      withResults,
      zeroed: records.length - withResults,
      upserted,
      created,
      salesforceCalls: salesforce.stats.apiCalls - callsBefore,
    };
    logger.info('queue metrics refreshed', { ...outcome, failed: failures.length });
    if (failures.length > 0) throw new QueueMetricsRejectedError(records.length, failures);
    return outcome;
  }
}
