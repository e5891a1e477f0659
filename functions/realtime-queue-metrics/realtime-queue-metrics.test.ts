import { readFileSync } from 'node:fs';
import {
  ConnectClient,
  GetCurrentMetricDataCommand,
  type GetCurrentMetricDataCommandOutput,
  ListQueuesCommand,
  type ListQueuesCommandOutput,
} from '@aws-sdk/client-connect';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { installSimulatedConnect, simulatedInstance } from '../../local/aws-stand-ins/simulated-connect.js';
import { ConfigurationError } from '../../shared/config/configuration-error.js';
import type { DescribeField } from '../../shared/salesforce/types.js';
import { listStandardQueues } from './connect-queues.js';
import { fetchCurrentMetrics } from './current-metrics.js';
import {
  ConnectPagingError,
  QueueMetricsObjectError,
  RealtimeSettingsError,
  RefreshFailedError,
} from './errors.js';
import { QueueMetricsObject } from './queue-metrics-object.js';
import { buildQueueMetricsRecords } from './queue-metrics-records.js';
import { runRefreshLoop } from './refresh-loop.js';
import { readRealtimeMetricsSettings } from './settings.js';

const fixture = <T>(name: string): T =>
  JSON.parse(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8')) as T;

const connectMock = mockClient(ConnectClient);
const connect = new ConnectClient({ region: 'eu-west-2' });
afterEach(() => connectMock.reset());

const INSTANCE = '7c3f2b1a-9d4e-4f5a-8b6c-0d1e2f3a4b5c';

describe('settings', () => {
  const base = { AMAZON_CONNECT_INSTANCE_ID: INSTANCE, AWS_REGION: 'eu-west-2' };

  it('defaults page sizes to 100 and the loop to 4 × 15 s', () => {
    expect(readRealtimeMetricsSettings(base)).toMatchObject({
      queuePageSize: 100,
      metricsPageSize: 100,
      refreshesPerInvocation: 4,
      refreshIntervalMs: 15_000,
      namespacePrefix: 'amazonconnect__',
      globalAnalytics: false,
    });
  });

  it.each(['0', '101', '12.5', 'abc', '-1'])(
    'rejects AMAZON_CONNECT_QUEUE_MAX_RECORDS=%s, naming the parameter',
    (v) => {
      expect(() => readRealtimeMetricsSettings({ ...base, AMAZON_CONNECT_QUEUE_MAX_RECORDS: v })).toThrow(
        /AMAZON_CONNECT_QUEUE_MAX_RECORDS \(stack parameter AmazonConnectQueueMaxRecords\) must be an integer between 1 and 100/,
      );
    },
  );

  it('validates the metrics page size and requires the instance id', () => {
    expect(() =>
      readRealtimeMetricsSettings({ ...base, AMAZON_CONNECT_QUEUE_METRICS_MAX_RECORDS: '500' }),
    ).toThrow(RealtimeSettingsError);
    expect(
      readRealtimeMetricsSettings({ ...base, AMAZON_CONNECT_QUEUE_METRICS_MAX_RECORDS: '1' }).metricsPageSize,
    ).toBe(1);
    expect(() => readRealtimeMetricsSettings({ AWS_REGION: 'eu-west-2' })).toThrow(
      /AMAZON_CONNECT_INSTANCE_ID/,
    );
  });

  it('fails under its own name, a ConfigurationError naming the variable', () => {
    for (const [env, setting] of [
      [{ AWS_REGION: 'eu-west-2' }, 'AMAZON_CONNECT_INSTANCE_ID'],
      [{ AMAZON_CONNECT_INSTANCE_ID: 'i-1' }, 'AWS_REGION'],
      [{ ...base, REALTIME_REFRESH_INTERVAL_SECONDS: '61' }, 'REALTIME_REFRESH_INTERVAL_SECONDS'],
      [{ ...base, SF_COLLECTIONS_PER_REQUEST: '0' }, 'SF_COLLECTIONS_PER_REQUEST'],
    ] as const) {
      expect(() => readRealtimeMetricsSettings(env)).toThrow(RealtimeSettingsError);
      expect(() => readRealtimeMetricsSettings(env)).toThrow(ConfigurationError);
      expect(() => readRealtimeMetricsSettings(env)).toThrow(
        expect.objectContaining({ name: 'RealtimeMetrics.Config', setting }),
      );
    }
  });
});

describe('Connect paging', () => {
  it('lists standard queues over every page with the configured page size', async () => {
    connectMock
      .on(ListQueuesCommand)
      .resolvesOnce(fixture<ListQueuesCommandOutput>('list-queues-page-1.json'))
      .resolvesOnce(fixture<ListQueuesCommandOutput>('list-queues-page-2.json'));
    const queues = await listStandardQueues(connect, INSTANCE, 2);
    expect(queues.map((q) => q.name)).toEqual([
      'Sales - EU (Tier 1)',
      'Support, "Premium" ✓',
      'Billing/Payments #2',
      'After hours (no agents)',
    ]);
    const calls = connectMock.commandCalls(ListQueuesCommand).map((c) => c.args[0].input);
    expect(calls[0]).toEqual({
      InstanceId: INSTANCE,
      QueueTypes: ['STANDARD'],
      MaxResults: 2,
      NextToken: undefined,
    });
    expect(calls[1]!.NextToken).toBe('eyJsaXN0UXVldWVzIjoicGFnZTIifQ==');
  });

  it('reads every GetCurrentMetricData page, truncating values like int()', async () => {
    connectMock
      .on(GetCurrentMetricDataCommand)
      .resolvesOnce(fixture<GetCurrentMetricDataCommandOutput>('current-metrics-page-1.json'))
      .resolvesOnce(fixture<GetCurrentMetricDataCommandOutput>('current-metrics-page-2.json'));
    const ids = [
      '5a1b2c3d-0e1f-4a2b-8c3d-4e5f6a7b8c9d',
      '6b2c3d4e-1f2a-4b3c-9d4e-5f6a7b8c9d0e',
      '7c3d4e5f-2a3b-4c4d-8e5f-6a7b8c9d0e1f',
      '8d4e5f6a-3b4c-4d5e-9f6a-7b8c9d0e1f2a',
    ];
    const results = await fetchCurrentMetrics(connect, INSTANCE, ids, 2);
    expect([...results.keys()]).toEqual(ids.slice(0, 3));
    expect(results.get(ids[0]!)!.values).toMatchObject({
      AGENTS_ONLINE: 12,
      CONTACTS_IN_QUEUE: 4,
      OLDEST_CONTACT_AGE: 93,
    });
    expect(results.get(ids[2]!)!.values.OLDEST_CONTACT_AGE).toBeUndefined();
    const input = connectMock.commandCalls(GetCurrentMetricDataCommand)[0]!.args[0].input;
    expect(input.Filters).toEqual({ Channels: ['VOICE', 'CHAT', 'TASK'], Queues: ids });
    expect(input.Groupings).toEqual(['QUEUE']);
    expect(input.CurrentMetrics?.map((m) => `${m.Name}:${m.Unit}`)).toContain('OLDEST_CONTACT_AGE:SECONDS');
    expect(input.CurrentMetrics).toHaveLength(10);
    expect(input.MaxResults).toBe(2);
  });

  it('splits 250 queues into metric requests of at most 100 queues, across small pages', async () => {
    const instance = simulatedInstance(250);
    const calls = installSimulatedConnect(connectMock, instance);
    const queues = await listStandardQueues(connect, instance.instanceId, 7);
    expect(queues).toHaveLength(250);
    expect(calls.listQueues).toBe(Math.ceil(250 / 7));
    const results = await fetchCurrentMetrics(
      connect,
      instance.instanceId,
      queues.map((q) => q.id),
      30,
    );
    expect(results.size).toBe(200);
    for (const call of connectMock.commandCalls(GetCurrentMetricDataCommand)) {
      expect(call.args[0].input.Filters?.Queues?.length).toBeLessThanOrEqual(100);
    }
  });

  it('stops on a repeated NextToken instead of looping', async () => {
    connectMock.on(ListQueuesCommand).resolves({ QueueSummaryList: [], NextToken: 'same' });
    await expect(listStandardQueues(connect, INSTANCE, 100)).rejects.toThrow(ConnectPagingError);
  });
});

describe('buildQueueMetricsRecords', () => {
  const field = (name: string, type = 'double', length?: number): DescribeField => ({ name, type, length });
  const object = (ns: string, withRegion: boolean) =>
    new QueueMetricsObject(`${ns}AC_QueueMetrics__c`, ns, [
      field('Id', 'id'),
      field('Name', 'string', 20),
      field(`${ns}Queue_Id__c`, 'string'),
      field(`${ns}Queue_ARN__c`, 'string'),
      field(`${ns}Agents_Online__c`),
      field(`${ns}Agents_On_Call__c`),
      field(`${ns}Contacts_In_Queue__c`),
      field(`${ns}Oldest_Contact_Age__c`),
      ...(withRegion ? [field(`${ns}Region__c`, 'string')] : []),
    ]);
  const queues = [
    { id: 'q-1', arn: 'arn:q-1', name: 'Sales - EU (Tier 1) — overflow' },
    { id: 'q-2', arn: 'arn:q-2', name: 'Idle' },
  ];
  const results = new Map([
    [
      'q-1',
      {
        queueId: 'q-1',
        arn: 'arn:q-1',
        values: { AGENTS_ONLINE: 4, AGENTS_ON_CONTACT: 2, OLDEST_CONTACT_AGE: 31 },
      },
    ],
  ]);

  it('writes every listed queue, zeros for queues without a result, only fields the object has', () => {
    const records = buildQueueMetricsRecords(queues, results, object('amazonconnect__', true), {
      region: 'eu-west-2',
      globalAnalytics: false,
    });
    expect(records.map((r) => r.record)).toEqual([
      {
        attributes: { type: 'amazonconnect__AC_QueueMetrics__c' },
        Name: 'Sales - EU (Tier 1) ',
        amazonconnect__Queue_ARN__c: 'arn:q-1',
        amazonconnect__Agents_Online__c: 4,
        amazonconnect__Agents_On_Call__c: 2,
        amazonconnect__Contacts_In_Queue__c: 0,
        amazonconnect__Oldest_Contact_Age__c: 31,
        amazonconnect__Queue_Id__c: 'q-1-eu-west-2',
        amazonconnect__Region__c: 'eu-west-2',
      },
      {
        attributes: { type: 'amazonconnect__AC_QueueMetrics__c' },
        Name: 'Idle',
        amazonconnect__Queue_ARN__c: 'arn:q-2',
        amazonconnect__Agents_Online__c: 0,
        amazonconnect__Agents_On_Call__c: 0,
        amazonconnect__Contacts_In_Queue__c: 0,
        amazonconnect__Oldest_Contact_Age__c: 0,
        amazonconnect__Queue_Id__c: 'q-2-eu-west-2',
        amazonconnect__Region__c: 'eu-west-2',
      },
    ]);
    expect(records.map((r) => r.hasResult)).toEqual([true, false]);
  });

  it('leaves Region__c out and the id plain when the object has no Region__c', () => {
    const [record] = buildQueueMetricsRecords(queues, results, object('', false), {
      region: 'eu-west-2',
      globalAnalytics: false,
    });
    expect(record!.externalId).toBe('q-1');
    expect(record!.record).not.toHaveProperty('Region__c');
  });

  it('writes Region__c = global and the plain queue id with global analytics (v5.27)', () => {
    const [record] = buildQueueMetricsRecords(queues, results, object('', true), {
      region: 'eu-west-2',
      globalAnalytics: true,
    });
    expect(record!.externalId).toBe('q-1');
    expect(record!.record.Region__c).toBe('global');
  });

  it('refuses an object without Queue_Id__c (wrong namespace)', () => {
    expect(
      () => new QueueMetricsObject('AC_QueueMetrics__c', 'amazonconnect__', [field('Queue_Id__c')]),
    ).toThrow(QueueMetricsObjectError);
  });
});

describe('runRefreshLoop', () => {
  function fakeClock() {
    let time = 1_000_000;
    const sleeps: number[] = [];
    return {
      now: () => time,
      advance: (ms: number) => {
        time += ms;
      },
      sleep: async (ms: number) => {
        sleeps.push(ms);
        time += ms;
      },
      sleeps,
      elapsed: () => time - 1_000_000,
    };
  }

  it('starts 4 refreshes 15 s apart from the invocation start, whatever each one takes', async () => {
    const clock = fakeClock();
    const startedAt: number[] = [];
    const durations = [2_000, 16_000, 500, 1_000];
    const result = await runRefreshLoop({
      refreshes: 4,
      intervalMs: 15_000,
      now: clock.now,
      sleep: clock.sleep,
      refresh: async (i) => {
        startedAt.push(clock.elapsed());
        clock.advance(durations[i]!);
        return i;
      },
    });
    expect(result).toEqual({ outcomes: [0, 1, 2, 3], skipped: 0 });
    // The second refresh overran its slot (15 s → 31 s): the third starts at once, the fourth on time.
    expect(startedAt).toEqual([0, 15_000, 31_000, 45_000]);
  });

  it('starts no refresh when too little Lambda time is left', async () => {
    const clock = fakeClock();
    const deadline = 50_000;
    const result = await runRefreshLoop({
      refreshes: 4,
      intervalMs: 15_000,
      now: clock.now,
      sleep: clock.sleep,
      remainingTimeMs: () => deadline - clock.elapsed(),
      refresh: async () => 'ok',
    });
    expect(result).toEqual({ outcomes: ['ok', 'ok', 'ok'], skipped: 1 });
  });

  it('keeps refreshing after a transient failure and reports it at the end', async () => {
    const clock = fakeClock();
    let calls = 0;
    const run = runRefreshLoop({
      refreshes: 4,
      intervalMs: 15_000,
      now: clock.now,
      sleep: clock.sleep,
      refresh: async (i) => {
        calls += 1;
        if (i === 1) throw Object.assign(new Error('503'), { name: 'Salesforce.Transient' });
        return i;
      },
    });
    await expect(run).rejects.toThrow(RefreshFailedError);
    expect(calls).toBe(4);
  });

  it('stops after an error repeating cannot fix (rate limit, auth)', async () => {
    const clock = fakeClock();
    let calls = 0;
    const run = runRefreshLoop({
      refreshes: 4,
      intervalMs: 15_000,
      now: clock.now,
      sleep: clock.sleep,
      refresh: async () => {
        calls += 1;
        throw Object.assign(new Error('TotalRequests Limit exceeded.'), { name: 'Salesforce.RateLimited' });
      },
    });
    await expect(run).rejects.toMatchObject({ name: 'Salesforce.RateLimited' });
    expect(calls).toBe(1);
  });
});
