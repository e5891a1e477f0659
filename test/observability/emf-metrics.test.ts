/**
 * Every function that calls Salesforce publishes its EMF metrics: each handler runs against the
 * Salesforce emulator with metrics enabled, and the values found in its EMF output are checked
 * against what the emulator counted (API calls, daily usage).
 */
import { readFileSync } from 'node:fs';
import { ConnectClient } from '@aws-sdk/client-connect';
import { SFNClient } from '@aws-sdk/client-sfn';
import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it, vi } from 'vitest';

vi.hoisted(() => {
  // The suite runs with metrics disabled; these tests are about them. Not POWERTOOLS_DEV, so the
  // documents go to stdout exactly as in Lambda.
  process.env.POWERTOOLS_METRICS_DISABLED = 'false';
  process.env.POWERTOOLS_DEV = 'false';
});

import { handler as ctrTriggerHandler } from '../../functions/ctr-trigger/handler.js';
import { createHandler as historicalHandler } from '../../functions/historical-report-import/handler.js';
import { createHandler as createInvokeApiHandler } from '../../functions/invoke-api/handler.js';
import { createHandler as realtimeHandler } from '../../functions/realtime-queue-metrics/handler.js';
import { kinesisEventOf } from '../../local/aws-stand-ins/kinesis-event.js';
import { lambdaContext } from '../../local/aws-stand-ins/lambda-context.js';
import { startLocalS3 } from '../../local/aws-stand-ins/local-s3.js';
import { installSimulatedConnect, simulatedInstance } from '../../local/aws-stand-ins/simulated-connect.js';
import { useSalesforceEmulator } from '../../local/emulator-connection/salesforce-environment.js';
import { readCtrFile } from '../../local/runner/ctr-file.js';
import { captureEmf, type EmfCapture, emfValues, summariseEmf } from '../../local/runner/emf-capture.js';
import { LocalPipeline } from '../../local/runner/local-pipeline.js';
import { startSalesforceEmulator } from '../../local/salesforce-emulator/index.js';
import { loadCtrFixture } from '../../local/samples/ctr-fixtures.js';
import { sampleEventSeed } from '../../ops/invoke/sample-event-seed.js';
import { DIMENSION, METRIC, METRICS_NAMESPACE } from '../../shared/observability/metric-names.js';
import { resetSalesforceClient } from '../../shared/salesforce/from-environment.js';

const DAILY_LIMIT = 1_000;
const samples = (name: string) =>
  readCtrFile(new URL(`../../local/samples/${name}`, import.meta.url).pathname);

let capture: EmfCapture | undefined;
afterEach(() => {
  capture?.restore();
  capture = undefined;
  resetSalesforceClient();
});

function percentOf(used: number): number {
  return Math.round((used / DAILY_LIMIT) * 10_000) / 100;
}

describe('EMF metrics of the post-call functions (the local pipeline, real handlers)', () => {
  it('counts every API call by function and operation; usage % and remaining match the emulator', async () => {
    const pipeline = await LocalPipeline.start({
      emulator: { dailyApiLimit: DAILY_LIMIT },
      env: { RECORDING_UPLOAD_ENABLED: 'true' },
    });
    try {
      const batches = [
        samples('01-first-delivery.jsonl'),
        samples('04-transcription-and-contact-lens.jsonl'),
      ];
      await pipeline.putRecordingsFor(batches.flatMap((batch) => batch.records));
      capture = captureEmf();
      for (const batch of batches) {
        await pipeline.deliver(batch.records);
        await pipeline.settle();
      }
      capture.restore();
      const documents = capture.documents;
      for (const document of documents) {
        expect(document._aws.CloudWatchMetrics[0]?.Namespace).toBe(METRICS_NAMESPACE);
      }
      const summary = summariseEmf(documents);
      const usage = pipeline.emulator.apiUsage();
      expect(Object.keys(summary.byService).sort()).toEqual([
        'contact-import',
        'contact-lens-import',
        'recording-upload',
        'transcript-import',
      ]);
      // Every call the emulator counted, attributed to the function that made it.
      expect(summary.salesforceApiCalls).toBe(usage.apiCalls);
      expect(summary.byService['contact-import']?.callsByOperation).toMatchObject({
        composite: expect.any(Number),
      });
      expect(summary.byService['recording-upload']?.callsByOperation).toMatchObject({
        upload: expect.any(Number),
      });
      // Tasks run one at a time: the newest reading is the emulator's final counter.
      expect(summary.dailyApiUsagePercent).toBe(percentOf(usage.apiCalls));
      expect(summary.dailyApiRemaining).toBe(DAILY_LIMIT - usage.apiCalls);
      const imported = emfValues(documents, METRIC.contactsImported).reduce(
        (sum, { value }) => sum + value,
        0,
      );
      const fullExecutions = pipeline
        .contactReports()
        .filter((report) => report.executionName === report.contactId);
      expect(imported).toBe(fullExecutions.length);
      expect(summary.byService['contact-import']?.errorsByName).toEqual({});
    } finally {
      capture?.restore();
      await pipeline.stop();
    }
  });

  it('counts Salesforce errors by error name (the daily allocation spent)', async () => {
    const pipeline = await LocalPipeline.start({ emulator: { dailyApiLimit: 2 } });
    try {
      capture = captureEmf();
      await pipeline.deliver([loadCtrFixture('chat')]);
      await pipeline.settle();
      capture.restore();
      const errors = emfValues(capture.documents, METRIC.salesforceErrors);
      expect(errors.length).toBeGreaterThan(0);
      expect(errors[0]?.dimensions).toMatchObject({
        [DIMENSION.service]: 'contact-import',
        [DIMENSION.errorName]: 'Salesforce.RateLimited',
      });
    } finally {
      capture?.restore();
      await pipeline.stop();
    }
  });
});

describe('EMF metrics of sfInvokeAPI', () => {
  it('answers and errors by operation, API calls by operation, usage from the newest reading', async () => {
    const emulator = await startSalesforceEmulator({ seed: sampleEventSeed(), dailyApiLimit: DAILY_LIMIT });
    const environment = useSalesforceEmulator(emulator, { env: { SF_INVOKE_API_TIMEOUT_MS: undefined } });
    const invokeApiHandler = createInvokeApiHandler();
    const context = lambdaContext({ functionName: 'invoke-api', timeoutMs: 8_000 });
    const event = (name: string) =>
      JSON.parse(
        readFileSync(
          new URL(`../../functions/invoke-api/events/event-${name}.json`, import.meta.url),
          'utf8',
        ),
      );
    try {
      capture = captureEmf();
      await invokeApiHandler(event('phoneLookup'), context);
      await invokeApiHandler(event('lookup'), context);
      await expect(
        invokeApiHandler({ Details: { Parameters: { sf_operation: 'dropTable' } } } as never, context),
      ).rejects.toThrow();
      await expect(
        invokeApiHandler(
          {
            Details: { Parameters: { sf_operation: 'query', query: 'SELECT Nope__c FROM Contact' } },
          } as never,
          context,
        ),
      ).rejects.toThrow();
      capture.restore();
      const documents = capture.documents;
      const byOperation = (name: string) =>
        Object.fromEntries(
          emfValues(documents, name).map((v) => [v.dimensions[DIMENSION.operation], v.value]),
        );
      expect(byOperation(METRIC.invokeApiAnswers)).toEqual({ phoneLookup: 1, lookup: 1 });
      expect(byOperation(METRIC.invokeApiErrors)).toEqual({ unknown: 1, query: 1 });
      const summary = summariseEmf(documents);
      expect(summary.byService['invoke-api']?.salesforceApiCalls).toBe(emulator.apiUsage().apiCalls);
      expect(summary.byService['invoke-api']?.errorsByName).toEqual({ 'Salesforce.Request': 1 });
      expect(summary.dailyApiUsagePercent).toBe(percentOf(emulator.apiUsage().apiCalls));
      const usage = emfValues(documents, METRIC.salesforceDailyApiUsagePercent);
      expect(usage.every((value) => value.unit === 'Percent')).toBe(true);
    } finally {
      capture?.restore();
      environment.restore();
      await emulator.stop();
    }
  });
});

describe('EMF metrics of the reporting functions', () => {
  it('historical-report-import and realtime-queue-metrics publish their calls and the usage', async () => {
    const emulator = await startSalesforceEmulator({
      namespace: 'amazonconnect',
      seed: false,
      dailyApiLimit: DAILY_LIMIT,
    });
    const s3 = await startLocalS3(['connect-reports']);
    const instance = simulatedInstance(30);
    const environment = useSalesforceEmulator(emulator, {
      namespace: 'amazonconnect',
      env: {
        CONNECT_REPORTING_BUCKET: 'connect-reports',
        AMAZON_CONNECT_INSTANCE_ID: instance.instanceId,
        GLOBAL_ANALYTICS_ENABLED: 'false',
      },
    });
    const connectMock = mockClient(ConnectClient);
    installSimulatedConnect(connectMock, instance);
    const key = 'SFDC/Queue/Queues 30 min report 2026-11-28T10:30Z+UTC.csv';
    try {
      await s3.put(
        'connect-reports',
        key,
        readFileSync(
          new URL('../../functions/historical-report-import/fixtures/queue-report.csv', import.meta.url),
        ),
      );
      capture = captureEmf();
      await historicalHandler({ s3: s3.client })(
        {
          Records: [
            {
              eventSource: 'aws:s3',
              eventName: 'ObjectCreated:Put',
              s3: {
                bucket: { name: 'connect-reports' },
                object: { key: encodeURIComponent(key).replace(/%2F/g, '/') },
              },
            },
          ],
        },
        lambdaContext({ functionName: 'historical-report-import', timeoutMs: 60_000 }),
      );
      const afterHistorical = emulator.apiUsage().apiCalls;
      let time = Date.UTC(2026, 10, 28, 10, 45);
      await realtimeHandler({
        connect: new ConnectClient({}),
        now: () => time,
        sleep: async (ms) => {
          time += ms;
        },
      })({}, lambdaContext({ functionName: 'realtime-queue-metrics', timeoutMs: 60_000 }));
      capture.restore();
      const summary = summariseEmf(capture.documents);
      expect(summary.byService['historical-report-import']?.salesforceApiCalls).toBe(afterHistorical);
      expect(summary.byService['historical-report-import']?.dailyApiUsagePercent).toBe(
        percentOf(afterHistorical),
      );
      const total = emulator.apiUsage().apiCalls;
      expect(summary.byService['realtime-queue-metrics']?.salesforceApiCalls).toBe(total - afterHistorical);
      expect(summary.byService['realtime-queue-metrics']?.dailyApiUsagePercent).toBe(percentOf(total));
      expect(summary.dailyApiRemaining).toBe(DAILY_LIMIT - total);
    } finally {
      capture?.restore();
      connectMock.restore();
      environment.restore();
      await s3.stop();
      await emulator.stop();
    }
  });
});

describe('EMF metrics of ctr-trigger', () => {
  it('counts dead-lettered records and versions superseded in the batch', async () => {
    vi.stubEnv('POSTCALL_STATE_MACHINE_ARN', 'arn:aws:states:us-east-1:123456789012:stateMachine:PostCall');
    vi.stubEnv('CTR_DLQ_URL', 'https://sqs.us-east-1.amazonaws.com/123456789012/ctr-dlq');
    const sfnMock = mockClient(SFNClient);
    const sqsMock = mockClient(SQSClient);
    sqsMock.on(SendMessageCommand).resolves({ MessageId: 'm-1' });
    sfnMock.onAnyCommand().resolves({
      executionArn: 'arn:aws:states:us-east-1:123456789012:execution:PostCall:x',
      startDate: new Date(),
    });
    const ctr = loadCtrFixture('chat');
    const newer = { ...ctr, LastUpdateTimestamp: '2099-01-01T00:00:00Z' };
    try {
      capture = captureEmf();
      await ctrTriggerHandler(
        kinesisEventOf([{ rawData: 'not json' }, ctr, newer]),
        lambdaContext({ functionName: 'ctr-trigger', timeoutMs: 60_000 }),
      );
      capture.restore();
      const total = (name: string) =>
        emfValues(capture?.documents ?? [], name).reduce((sum, v) => sum + v.value, 0);
      expect(total(METRIC.recordsDeadLettered)).toBe(1);
      expect(total(METRIC.supersededVersions)).toBe(1);
    } finally {
      vi.unstubAllEnvs();
      sfnMock.restore();
      sqsMock.restore();
    }
  });
});
