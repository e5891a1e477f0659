/**
 * The real-time refresh end to end: the real handler with its in-invocation loop (clock and
 * sleep injected, so 15 s spacing costs no wall-clock time), a simulated Connect instance behind
 * aws-sdk-client-mock, and the Salesforce emulator over HTTP.
 */
import { ConnectClient } from '@aws-sdk/client-connect';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { lambdaContext } from '../../local/aws-stand-ins/lambda-context.js';
import { installSimulatedConnect, simulatedInstance } from '../../local/aws-stand-ins/simulated-connect.js';
import {
  type SalesforceEnvironment,
  useSalesforceEmulator,
} from '../../local/emulator-connection/salesforce-environment.js';
import { startSalesforceEmulator } from '../../local/salesforce-emulator/index.js';
import type { SalesforceEmulator } from '../../local/salesforce-emulator/types.js';
import { createHandler } from './handler.js';

function fakeClock() {
  let time = Date.UTC(2026, 10, 28, 10, 45);
  const start = time;
  return {
    now: () => time,
    sleep: async (ms: number) => {
      time += ms;
    },
    elapsed: () => time - start,
  };
}

const scheduledEvent = {
  version: '0',
  id: '89d1a02d-5ec7-412e-82f5-13505f849b41',
  'detail-type': 'Scheduled Event',
  source: 'aws.events',
  account: '123456789012',
  time: '2026-11-28T10:45:00Z',
  region: 'eu-west-2',
  resources: ['arn:aws:events:eu-west-2:123456789012:rule/realtime-queue-metrics'],
  detail: {},
};

const connectMock = mockClient(ConnectClient);
afterEach(() => connectMock.reset());

describe('real-time queue metrics against the Salesforce emulator (namespace amazonconnect)', () => {
  let emulator: SalesforceEmulator;
  let env: SalesforceEnvironment;
  const instance = simulatedInstance(250);
  const OBJECT = 'amazonconnect__AC_QueueMetrics__c';

  beforeAll(async () => {
    emulator = await startSalesforceEmulator({ namespace: 'amazonconnect', seed: false });
    env = useSalesforceEmulator(emulator, {
      namespace: 'amazonconnect',
      env: {
        AMAZON_CONNECT_INSTANCE_ID: instance.instanceId,
        AMAZON_CONNECT_QUEUE_MAX_RECORDS: '100',
        AMAZON_CONNECT_QUEUE_METRICS_MAX_RECORDS: '40',
        AWS_REGION: 'eu-west-2',
        GLOBAL_ANALYTICS_ENABLED: 'false',
      },
    });
  });

  afterAll(async () => {
    env?.restore();
    await emulator?.stop();
  });

  it('refreshes 4 times a minute, writes every queue (zeros for idle ones), one API call per warm refresh', async () => {
    const connectCalls = installSimulatedConnect(connectMock, instance);
    const clock = fakeClock();
    const handler = createHandler({
      connect: new ConnectClient({ region: 'eu-west-2' }),
      sleep: clock.sleep,
      now: clock.now,
    });
    emulator.resetApiUsage();
    const result = await handler(
      scheduledEvent,
      lambdaContext({ functionName: 'realtime-queue-metrics', remainingMs: () => 60_000 - clock.elapsed() }),
    );

    expect(result.skipped).toBe(0);
    expect(result.refreshes).toHaveLength(4);
    expect(result.refreshes[0]).toMatchObject({
      queues: 250,
      withResults: 200,
      zeroed: 50,
      upserted: 250,
      created: 250,
    });
    // Cold first refresh: the describe plus one composite request carrying both collections
    // (200 + 50 queues); warm refreshes: that one request only.
    expect(result.refreshes.map((r) => r.salesforceCalls)).toEqual([2, 1, 1, 1]);
    expect(emulator.apiUsage().apiCalls).toBe(5);
    expect(emulator.apiUsage().byEndpoint['POST /composite']).toBe(4);
    expect(clock.elapsed()).toBe(45_000);
    // ListQueues: 3 pages of 100 (agent queues filtered by the service); metrics: 3 groups × pages of 40.
    expect(connectCalls.listQueues).toBe(4 * 3);

    const rows = emulator.records(OBJECT);
    expect(rows).toHaveLength(250);
    const standard = instance.queues.filter((q) => q.QueueType === 'STANDARD');
    const busy = standard[0]!;
    const idle = standard[4]!;
    expect(rows.find((r) => r.amazonconnect__Queue_Id__c === `${busy.Id}-eu-west-2`)).toMatchObject({
      Name: busy.Name,
      amazonconnect__Queue_ARN__c: busy.Arn,
      amazonconnect__Agents_Online__c: 10,
      amazonconnect__Agents_Staffed__c: 9,
      amazonconnect__Agents_On_Call__c: 5,
      amazonconnect__Agents_Error__c: 1,
      amazonconnect__Contacts_Scheduled__c: 1,
      amazonconnect__Region__c: 'eu-west-2',
    });
    expect(rows.find((r) => r.amazonconnect__Queue_Id__c === `${idle.Id}-eu-west-2`)).toMatchObject({
      amazonconnect__Agents_Online__c: 0,
      amazonconnect__Contacts_In_Queue__c: 0,
      amazonconnect__Oldest_Contact_Age__c: 0,
    });
  });

  it('a queue that goes idle is zeroed on the next refresh (no stale values), warm invocation 1 call per refresh', async () => {
    const standard = instance.queues.filter((q) => q.QueueType === 'STANDARD');
    const goingIdle = standard[2]!;
    instance.metrics.delete(goingIdle.Id!);
    installSimulatedConnect(connectMock, instance);
    const clock = fakeClock();
    const handler = createHandler({
      connect: new ConnectClient({ region: 'eu-west-2' }),
      sleep: clock.sleep,
      now: clock.now,
    });
    emulator.resetApiUsage();
    const result = await handler(
      scheduledEvent,
      lambdaContext({ functionName: 'realtime-queue-metrics', remainingMs: () => 60_000 - clock.elapsed() }),
    );
    expect(result.refreshes.map((r) => r.salesforceCalls)).toEqual([1, 1, 1, 1]);
    expect(result.refreshes[0]).toMatchObject({ created: 0, zeroed: 51 });
    const row = emulator
      .records(OBJECT)
      .find((r) => r.amazonconnect__Queue_Id__c === `${goingIdle.Id}-eu-west-2`);
    expect(row).toMatchObject({ amazonconnect__Agents_Online__c: 0, amazonconnect__Contacts_In_Queue__c: 0 });
    expect(emulator.records(OBJECT)).toHaveLength(250);
  });

  it('fails on the first refresh with the namespace to check when the object is missing', async () => {
    installSimulatedConnect(connectMock, instance);
    const clock = fakeClock();
    const handler = createHandler({
      connect: new ConnectClient({ region: 'eu-west-2' }),
      sleep: clock.sleep,
      now: clock.now,
    });
    const previous = process.env.SF_ADAPTER_NAMESPACE;
    process.env.SF_ADAPTER_NAMESPACE = 'acme';
    try {
      await expect(
        handler(
          scheduledEvent,
          lambdaContext({
            functionName: 'realtime-queue-metrics',
            remainingMs: () => 60_000 - clock.elapsed(),
          }),
        ),
      ).rejects.toMatchObject({
        name: 'RealtimeMetrics.ObjectSchema',
        message: expect.stringMatching(/acme__AC_QueueMetrics__c.*SF_ADAPTER_NAMESPACE/),
      });
      expect(clock.elapsed()).toBe(0);
    } finally {
      process.env.SF_ADAPTER_NAMESPACE = previous;
    }
  });

  it('stops the loop when the org is out of API requests and fails the invocation', async () => {
    installSimulatedConnect(connectMock, instance);
    const clock = fakeClock();
    const handler = createHandler({
      connect: new ConnectClient({ region: 'eu-west-2' }),
      sleep: clock.sleep,
      now: clock.now,
    });
    emulator.setFaults({ seed: 1, requestLimitExceededRate: 1 });
    emulator.resetApiUsage();
    try {
      await expect(
        handler(
          scheduledEvent,
          lambdaContext({
            functionName: 'realtime-queue-metrics',
            remainingMs: () => 60_000 - clock.elapsed(),
          }),
        ),
      ).rejects.toMatchObject({
        name: 'Salesforce.RateLimited',
      });
      // One refresh tried (and not retried by the client), the three others skipped.
      expect(emulator.apiUsage().apiCalls).toBeLessThanOrEqual(2);
      expect(clock.elapsed()).toBe(0);
    } finally {
      emulator.setFaults({});
    }
  });
});

describe('real-time queue metrics without namespace, global analytics on', () => {
  let emulator: SalesforceEmulator;
  let env: SalesforceEnvironment;
  const instance = simulatedInstance(12, { agentQueues: 2 });

  beforeAll(async () => {
    emulator = await startSalesforceEmulator({ namespace: '', seed: false });
    env = useSalesforceEmulator(emulator, {
      namespace: '',
      env: {
        AMAZON_CONNECT_INSTANCE_ID: instance.instanceId,
        AMAZON_CONNECT_QUEUE_MAX_RECORDS: '5',
        AMAZON_CONNECT_QUEUE_METRICS_MAX_RECORDS: '3',
        AWS_REGION: 'eu-west-2',
        GLOBAL_ANALYTICS_ENABLED: 'true',
        REALTIME_REFRESHES_PER_INVOCATION: '1',
      },
    });
  });

  afterAll(async () => {
    env?.restore();
    await emulator?.stop();
  });

  it('writes Region__c = global and plain queue ids, with small Connect pages', async () => {
    const connectCalls = installSimulatedConnect(connectMock, instance);
    const handler = createHandler({ connect: new ConnectClient({ region: 'eu-west-2' }) });
    const result = await handler(
      scheduledEvent,
      lambdaContext({ functionName: 'realtime-queue-metrics', remainingMs: () => 60_000 }),
    );
    expect(result.refreshes).toHaveLength(1);
    expect(connectCalls.listQueues).toBe(3);
    expect(connectCalls.getCurrentMetricData).toBe(Math.ceil(10 / 3));
    const rows = emulator.records('AC_QueueMetrics__c');
    expect(rows).toHaveLength(12);
    expect(rows.every((r) => r.Region__c === 'global')).toBe(true);
    const ids = instance.queues.filter((q) => q.QueueType === 'STANDARD').map((q) => q.Id);
    expect(rows.map((r) => r.Queue_Id__c).sort()).toEqual([...ids].sort());
  });
});
