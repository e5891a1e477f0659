/**
 * ListQueues over every page (standard queues only, like the original), page size from
 * `AmazonConnectQueueMaxRecords`.
 *
 * @example
 * ```ts
 * const queues = await listStandardQueues(connect, instanceId, 100);
 * ```
 */
import { type ConnectClient, ListQueuesCommand } from '@aws-sdk/client-connect';
import { ConnectPagingError } from './errors.js';
import type { QueueSummary } from './types.js';

/** A runaway guard: 1,000 pages of 100 is far beyond Connect's queue quota. */
export const MAX_PAGES = 1000;

/** Every standard queue of the instance (ListQueues over every page). */
export async function listStandardQueues(
  connect: ConnectClient,
  instanceId: string,
  pageSize: number,
): Promise<QueueSummary[]> {
  const queues: QueueSummary[] = [];
  const seenTokens = new Set<string>();
  let nextToken: string | undefined;
  for (let page = 0; page < MAX_PAGES; page += 1) {
    const response = await connect.send(
      new ListQueuesCommand({
        InstanceId: instanceId,
        QueueTypes: ['STANDARD'],
        MaxResults: pageSize,
        NextToken: nextToken,
      }),
    );
    for (const summary of response.QueueSummaryList ?? []) {
      // Agent queues are excluded by QueueTypes; a summary without an id cannot be queried.
      if (!summary.Id) continue;
      queues.push({ id: summary.Id, arn: summary.Arn ?? '', name: summary.Name ?? summary.Id });
    }
    nextToken = response.NextToken || undefined;
    if (!nextToken) return queues;
    if (seenTokens.has(nextToken))
      throw new ConnectPagingError('ListQueues returned the same NextToken twice');
    seenTokens.add(nextToken);
  }
  throw new ConnectPagingError(`ListQueues returned more than ${MAX_PAGES} pages`);
}
