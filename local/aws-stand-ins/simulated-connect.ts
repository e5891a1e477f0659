/**
 * A simulated Amazon Connect instance behind aws-sdk-client-mock, for tests and the reporting
 * benchmark: ListQueues and GetCurrentMetricData answer like the service (page sizes from
 * `MaxResults`, opaque `NextToken`s, the `QueueTypes` filter, at most 100 queues per metrics
 * request, results only for queues with activity), so the real paging code is exercised.
 *
 * @example
 * ```ts
 * const connect = mockClient(ConnectClient);
 * const instance = simulatedInstance(250);
 * const calls = installSimulatedConnect(connect, instance);
 * ```
 */
import {
  type ConnectClient,
  GetCurrentMetricDataCommand,
  type GetCurrentMetricDataCommandOutput,
  InvalidParameterException,
  ListQueuesCommand,
  type ListQueuesCommandOutput,
  type QueueSummary,
} from '@aws-sdk/client-connect';
import type { AwsClientStub } from 'aws-sdk-client-mock';
import { CURRENT_METRICS } from '../../functions/realtime-queue-metrics/metric-definitions.js';
import type { CurrentMetricName } from '../../functions/realtime-queue-metrics/types.js';

/**
 * An Amazon Connect instance as the queue-metrics function sees it: its queues and their current
 * metrics.
 */
export interface SimulatedInstance {
  instanceId: string;
  /** STANDARD and AGENT queues, in ListQueues order. */
  queues: QueueSummary[];
  /** Current metric values of the queues with activity (others return no result). */
  metrics: Map<string, Partial<Record<CurrentMetricName, number>>>;
}

const NAMES = [
  'Sales - EU (Tier 1)',
  'Support, "Premium" ✓',
  'Billing/Payments #',
  'Réclamations',
  'After hours',
];

function uuid(n: number, salt: number): string {
  const hex = ((n + 1) * 2654435761 + salt * 40503).toString(16).padStart(12, '0').slice(-12);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(0, 3)}-8${hex.slice(3, 6)}-${hex}`;
}

/**
 * An instance with `standardQueues` standard queues (plus a few agent queues ListQueues must
 * filter out); every fifth queue is idle and gets no metric result.
 */
export function simulatedInstance(
  standardQueues: number,
  options: { agentQueues?: number } = {},
): SimulatedInstance {
  const instanceId = '7c3f2b1a-9d4e-4f5a-8b6c-0d1e2f3a4b5c';
  const arnOf = (id: string) => `arn:aws:connect:eu-west-2:123456789012:instance/${instanceId}/queue/${id}`;
  const agentQueues = options.agentQueues ?? 3;
  const standard: QueueSummary[] = Array.from({ length: standardQueues }, (_, i) => ({
    Id: uuid(i, 7),
    Arn: arnOf(uuid(i, 7)),
    Name: `${NAMES[i % NAMES.length]} ${i}`,
    QueueType: 'STANDARD',
  }));
  // Agent queues (one per agent, no name) are spread through the listing, as Connect returns them.
  const queues = [...standard];
  for (let a = 0; a < agentQueues; a += 1) {
    const id = uuid(a, 13);
    queues.splice(Math.floor(((a + 1) * queues.length) / (agentQueues + 1)), 0, {
      Id: id,
      Arn: arnOf(id),
      QueueType: 'AGENT',
    });
  }
  const metrics = new Map<string, Partial<Record<CurrentMetricName, number>>>();
  standard.forEach((q, i) => {
    if (i % 5 === 4) return;
    metrics.set(q.Id!, {
      AGENTS_ONLINE: 10 + (i % 7),
      AGENTS_AVAILABLE: i % 4,
      AGENTS_ON_CONTACT: 5 + (i % 3),
      AGENTS_STAFFED: 9 + (i % 7),
      AGENTS_AFTER_CONTACT_WORK: i % 2,
      AGENTS_NON_PRODUCTIVE: i % 3,
      AGENTS_ERROR: i % 11 === 0 ? 1 : 0,
      CONTACTS_IN_QUEUE: i % 9,
      OLDEST_CONTACT_AGE: (i % 9) * 13.75,
      CONTACTS_SCHEDULED: i % 6 === 0 ? 1 : 0,
    });
  });
  return { instanceId, queues, metrics };
}

const token = (offset: number, kind: string) =>
  Buffer.from(JSON.stringify({ kind, offset })).toString('base64');
const offsetOf = (value: string | undefined, kind: string): number => {
  if (!value) return 0;
  const parsed = JSON.parse(Buffer.from(value, 'base64').toString('utf8')) as {
    kind: string;
    offset: number;
  };
  if (parsed.kind !== kind)
    throw new InvalidParameterException({ message: 'Invalid NextToken', $metadata: {} });
  return parsed.offset;
};

/** How many Connect calls of each kind were answered. */
export interface SimulatedConnectCalls {
  listQueues: number;
  getCurrentMetricData: number;
}

/**
 * Answers ListQueues and GetCurrentMetricData on a mocked Connect client from `instance`, paging
 * and refusing unknown instances as Connect does; the returned counters grow with each call.
 */
export function installSimulatedConnect(
  stub: AwsClientStub<ConnectClient>,
  instance: SimulatedInstance,
): SimulatedConnectCalls {
  const calls: SimulatedConnectCalls = { listQueues: 0, getCurrentMetricData: 0 };
  stub.on(ListQueuesCommand).callsFake((input: ListQueuesCommand['input']): ListQueuesCommandOutput => {
    calls.listQueues += 1;
    if (input.InstanceId !== instance.instanceId) {
      throw new InvalidParameterException({ message: 'Instance not found', $metadata: {} });
    }
    const size = input.MaxResults ?? 100;
    const types = input.QueueTypes ?? ['STANDARD', 'AGENT'];
    const matching = instance.queues.filter((q) => types.includes(q.QueueType ?? 'STANDARD'));
    const offset = offsetOf(input.NextToken, 'queues');
    const page = matching.slice(offset, offset + size);
    return {
      $metadata: { httpStatusCode: 200 },
      QueueSummaryList: page.map((q) => ({
        ...q,
        LastModifiedTime: new Date('2026-11-20T08:15:00Z'),
        LastModifiedRegion: 'eu-west-2',
      })),
      NextToken: offset + size < matching.length ? token(offset + size, 'queues') : undefined,
    };
  });
  stub
    .on(GetCurrentMetricDataCommand)
    .callsFake((input: GetCurrentMetricDataCommand['input']): GetCurrentMetricDataCommandOutput => {
      calls.getCurrentMetricData += 1;
      const queueIds = input.Filters?.Queues ?? [];
      if (queueIds.length > 100 || (input.MaxResults ?? 100) > 100) {
        throw new InvalidParameterException({
          message: 'Too many queues or MaxResults above 100',
          $metadata: {},
        });
      }
      const withData = queueIds.filter((id) => instance.metrics.has(id));
      const size = input.MaxResults ?? 100;
      const offset = offsetOf(input.NextToken, 'metrics');
      const arnOf = (id: string) => instance.queues.find((q) => q.Id === id)?.Arn;
      return {
        $metadata: { httpStatusCode: 200 },
        MetricResults: withData.slice(offset, offset + size).map((id) => ({
          Dimensions: { Queue: { Id: id, Arn: arnOf(id) } },
          Collections: (input.CurrentMetrics ?? CURRENT_METRICS).map((metric) => ({
            Metric: metric,
            Value: instance.metrics.get(id)?.[metric.Name as CurrentMetricName],
          })),
        })),
        NextToken: offset + size < withData.length ? token(offset + size, 'metrics') : undefined,
        DataSnapshotTime: new Date('2026-11-28T10:45:00.512Z'),
        ApproximateTotalCount: withData.length,
      };
    });
  return calls;
}
