/**
 * GetCurrentMetricData for a set of queues, over every page, grouped by queue, aggregated over
 * the voice, chat and task channels, with the original's ten metrics. Queue ids are sent in
 * groups of at most 100 (the API's filter limit); results are keyed by queue id.
 *
 * @example
 * ```ts
 * const results = await fetchCurrentMetrics(connect, instanceId, queues.map((q) => q.id), 100);
 * results.get(queueId)?.values.CONTACTS_IN_QUEUE; // → 3
 * ```
 */
import { type ConnectClient, GetCurrentMetricDataCommand } from '@aws-sdk/client-connect';
import { MAX_PAGES } from './connect-queues.js';
import { ConnectPagingError } from './errors.js';
import {
  CURRENT_METRICS,
  isCurrentMetricName,
  MAX_QUEUES_PER_METRICS_REQUEST,
  METRIC_CHANNELS,
} from './metric-definitions.js';
import type { QueueMetricResult } from './types.js';

async function fetchGroup(
  connect: ConnectClient,
  instanceId: string,
  queueIds: string[],
  pageSize: number,
  into: Map<string, QueueMetricResult>,
): Promise<void> {
  const seenTokens = new Set<string>();
  let nextToken: string | undefined;
  for (let page = 0; page < MAX_PAGES; page += 1) {
    const response = await connect.send(
      new GetCurrentMetricDataCommand({
        InstanceId: instanceId,
        Filters: { Channels: [...METRIC_CHANNELS], Queues: queueIds },
        Groupings: ['QUEUE'],
        CurrentMetrics: CURRENT_METRICS,
        MaxResults: pageSize,
        NextToken: nextToken,
      }),
    );
    for (const result of response.MetricResults ?? []) {
      const queue = result.Dimensions?.Queue;
      if (!queue?.Id) continue;
      const entry = into.get(queue.Id) ?? { queueId: queue.Id, arn: queue.Arn, values: {} };
      for (const collection of result.Collections ?? []) {
        const name = collection.Metric?.Name;
        if (
          isCurrentMetricName(name) &&
          typeof collection.Value === 'number' &&
          Number.isFinite(collection.Value)
        ) {
          // Python's int(): truncate toward zero (OLDEST_CONTACT_AGE comes as fractional seconds).
          entry.values[name] = Math.trunc(collection.Value);
        }
      }
      into.set(queue.Id, entry);
    }
    nextToken = response.NextToken || undefined;
    if (!nextToken) return;
    if (seenTokens.has(nextToken))
      throw new ConnectPagingError('GetCurrentMetricData returned the same NextToken twice');
    seenTokens.add(nextToken);
  }
  throw new ConnectPagingError(`GetCurrentMetricData returned more than ${MAX_PAGES} pages`);
}

/**
 * The current metrics of the given queues (GetCurrentMetricData over every page, queue ids sent in
 * groups of at most 100), keyed by queue id.
 */
export async function fetchCurrentMetrics(
  connect: ConnectClient,
  instanceId: string,
  queueIds: string[],
  pageSize: number,
): Promise<Map<string, QueueMetricResult>> {
  const results = new Map<string, QueueMetricResult>();
  for (let i = 0; i < queueIds.length; i += MAX_QUEUES_PER_METRICS_REQUEST) {
    await fetchGroup(
      connect,
      instanceId,
      queueIds.slice(i, i + MAX_QUEUES_PER_METRICS_REQUEST),
      pageSize,
      results,
    );
  }
  return results;
}
