/**
 * Builds one `AC_QueueMetrics__c` record per listed queue: `Name`,
 * `Queue_ARN__c`, the ten metrics as integers (0 when absent), `Queue_Id__c` (+ `-<region>`
 * where the object has `Region__c`), `Region__c`. Unlike the original, a queue without a metric
 * result is written with zeros so no stale values remain (the original left them), and fields the object
 * does not have are left out instead of failing every upsert. With v5.27 global analytics,
 * `Region__c` is `global` and the id has no region suffix. Pure: no I/O.
 *
 * @example
 * ```ts
 * const records = buildQueueMetricsRecords(queues, results, object, { region: 'eu-west-2', globalAnalytics: false });
 * ```
 */
import type { SalesforceRecord } from '../../shared/salesforce/types.js';
import { QUEUE_METRIC_FIELDS } from './metric-definitions.js';
import type { QueueMetricsObject } from './queue-metrics-object.js';
import type { CurrentMetricName, QueueMetricResult, QueueSummary } from './types.js';

/** The optional region field of the queue metrics object (without namespace). */
export const REGION_FIELD = 'Region__c';
/** The field holding the queue's ARN (without namespace). */
export const QUEUE_ARN_FIELD = 'Queue_ARN__c';
/** The `Region__c` value written with global analytics (ids then have no region suffix). */
export const GLOBAL_REGION = 'global';

/** One queue's metrics record, its external id and whether Connect returned metrics for it. */
export interface QueueRecord {
  queueId: string;
  externalId: string;
  hasResult: boolean;
  record: SalesforceRecord;
}

/**
 * One metrics record per listed queue, zeros for a queue without results so no stale value stays;
 * fields the object lacks are left out. Pure: no I/O.
 */
export function buildQueueMetricsRecords(
  queues: QueueSummary[],
  results: Map<string, QueueMetricResult>,
  object: QueueMetricsObject,
  options: { region: string; globalAnalytics: boolean },
): QueueRecord[] {
  const nameField = object.field('Name', true);
  const nameLength = object.lengthOf('Name', true);
  const arnField = object.field(QUEUE_ARN_FIELD);
  const regionField = object.field(REGION_FIELD);
  const metricFields = (Object.entries(QUEUE_METRIC_FIELDS) as Array<[CurrentMetricName, string]>)
    .map(([metric, field]) => [metric, object.field(field)] as const)
    .filter((entry): entry is readonly [CurrentMetricName, string] => entry[1] !== undefined);
  const suffix = regionField && !options.globalAnalytics ? `-${options.region}` : '';

  // ListQueues can repeat a queue across pages while queues are being edited: one record each.
  const unique = new Map(queues.map((q) => [q.id, q]));
  return [...unique.values()].map((queue) => {
    const result = results.get(queue.id);
    const externalId = queue.id + suffix;
    const record: SalesforceRecord = { attributes: { type: object.sobject } };
    if (nameField) record[nameField] = nameLength ? queue.name.slice(0, nameLength) : queue.name;
    if (arnField) record[arnField] = result?.arn ?? queue.arn;
    for (const [metric, field] of metricFields) record[field] = result?.values[metric] ?? 0;
    record[object.externalIdField] = externalId;
    if (regionField) record[regionField] = options.globalAnalytics ? GLOBAL_REGION : options.region;
    return { queueId: queue.id, externalId, hasResult: result !== undefined, record };
  });
}
