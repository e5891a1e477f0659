/**
 * `npm run bench -- reporting`: Salesforce API calls spent by the reporting imports, measured
 * through the real handlers against the Salesforce emulator (Connect simulated behind
 * aws-sdk-client-mock, report CSVs in s3rver), next to a model of the original package.
 *
 * Figures (last line, one JSON object):
 * - `sfCallsPerRefresh` {"10","50","250"}: API calls of a warm real-time refresh (describe
 *   cached in the container), the worst of 7 warm refreshes; target ≤ ceil(queues / 200).
 * - `sfCallsPerColdRefresh`: the first refresh in a fresh container (adds the one describe).
 * - `sfCallsPer1000Rows`: API calls to import a 1,000-row report in a warm container; target ≤ 5.
 * - `sfCallsPer1000RowsColdContainer`: the same in a fresh container (adds the one describe).
 * - `original`: the original package's figures from the model below, with its derivation.
 *
 * @example
 * ```sh
 * npm run bench -- reporting
 * ```
 */
import { lambdaContext } from '../local/aws-stand-ins/lambda-context.js';

const QUEUE_COUNTS = [10, 50, 250] as const;
const REFRESHES_PER_MINUTE = 4;
const MINUTES_PER_DAY = 1440;
const BUCKET = 'connect-reports';

/**
 * The original's cost model: a describe per report and per row's region lookup, one create or
 * update per row, and a Step Functions loop refreshing the queue metrics.
 */
function originalModel() {
  const perRefresh = (queues: number) => 2 * queues;
  return {
    sfCallsPerRefresh: Object.fromEntries(QUEUE_COUNTS.map((n) => [String(n), perRefresh(n)])),
    sfCallsPerDay: Object.fromEntries(
      QUEUE_COUNTS.map((n) => [String(n), perRefresh(n) * REFRESHES_PER_MINUTE * MINUTES_PER_DAY]),
    ),
    sfCallsPer1000Rows: 1 + 1000,
    derivation: {
      realtime:
        'sfRealTimeQueueMetrics, per refresh, for every queue with a metric result: one describe of ' +
        'AC_QueueMetrics__c (isFieldInSObject, the Region__c check, not cached) + one PATCH upsert by ' +
        'Queue_Id__c = 2 calls per queue; calls/refresh = 2 × queues (all queues active; idle queues ' +
        'cost 0 but keep stale values). The loop job runs 4 refreshes a minute: calls/day = 2 × queues ' +
        '× 4 × 1440 (50 queues → 576,000). Token requests (a fresh login per page) are not counted.',
      historical:
        'sfIntervalQueue/sfIntervalAgent (v5.26), per report: one describe for the field map + one PATCH ' +
        'upsert per CSV row = 1 + rows (1,000 rows → 1,001). Older versions also describe per row for ' +
        'Region__c (2 × rows + 1).',
    },
  };
}

function thousandRowReport(tag: string): string {
  const lines = ['Queue,StartInterval,EndInterval,Contacts queued,Contacts handled,Service level 20 seconds'];
  for (let i = 0; i < 1000; i += 1) {
    const start = new Date(Date.UTC(2026, 10, 28) + (i % 48) * 1_800_000);
    const end = new Date(start.getTime() + 1_800_000);
    const queue = `${tag} queue ${Math.floor(i / 48)}, "EU"`.replace(/"/g, '""');
    lines.push(
      `"${queue}",${start.toISOString()},${end.toISOString()},${i % 50},${i % 40},${(i % 100) + 0.25}%`,
    );
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

function s3Event(key: string) {
  return {
    Records: [
      {
        eventVersion: '2.1',
        eventSource: 'aws:s3',
        eventTime: new Date().toISOString(),
        eventName: 'ObjectCreated:Put',
        s3: {
          bucket: { name: BUCKET },
          object: { key: encodeURIComponent(key).replace(/%2F/g, '/').replace(/%20/g, '+') },
        },
      },
    ],
  };
}

export async function run(): Promise<Record<string, unknown>> {
  // Keep the handlers' INFO logs out of the benchmark output (loggers are built at import).
  process.env.POWERTOOLS_LOG_LEVEL = 'ERROR';
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  process.env.AWS_REGION ??= 'eu-west-2';
  const [{ ConnectClient }, { mockClient }, emulatorModule, environmentModule, fromEnvironment] =
    await Promise.all([
      import('@aws-sdk/client-connect'),
      import('aws-sdk-client-mock'),
      import('../local/salesforce-emulator/index.js'),
      import('../local/emulator-connection/salesforce-environment.js'),
      import('../shared/salesforce/from-environment.js'),
    ]);
  const [realtime, historical, simulated, localS3] = await Promise.all([
    import('../functions/realtime-queue-metrics/handler.js'),
    import('../functions/historical-report-import/handler.js'),
    import('../local/aws-stand-ins/simulated-connect.js'),
    import('../local/aws-stand-ins/local-s3.js'),
  ]);

  const emulator = await emulatorModule.startSalesforceEmulator({
    namespace: 'amazonconnect',
    seed: false,
    dailyApiLimit: 100_000_000,
  });
  const s3 = await localS3.startLocalS3([BUCKET]);
  const env = environmentModule.useSalesforceEmulator(emulator, {
    namespace: 'amazonconnect',
    env: {
      AWS_REGION: 'eu-west-2',
      CONNECT_REPORTING_BUCKET: BUCKET,
      AMAZON_CONNECT_QUEUE_MAX_RECORDS: '100',
      AMAZON_CONNECT_QUEUE_METRICS_MAX_RECORDS: '100',
      GLOBAL_ANALYTICS_ENABLED: 'false',
      REALTIME_REFRESHES_PER_INVOCATION: String(REFRESHES_PER_MINUTE),
    },
  });
  const connectMock = mockClient(ConnectClient);
  const connect = new ConnectClient({ region: 'eu-west-2' });

  try {
    const sfCallsPerRefresh: Record<string, number> = {};
    const sfCallsPerColdRefresh: Record<string, number> = {};
    const emulatorCountedRefreshCalls: Record<string, number> = {};
    for (const queues of QUEUE_COUNTS) {
      // A fresh container: new Salesforce client, empty describe cache.
      fromEnvironment.resetSalesforceClient();
      const instance = simulated.simulatedInstance(queues);
      connectMock.reset();
      simulated.installSimulatedConnect(connectMock, instance);
      process.env.AMAZON_CONNECT_INSTANCE_ID = instance.instanceId;
      let time = 0;
      const handler = realtime.createHandler({
        connect,
        now: () => time,
        sleep: async (ms: number) => {
          time += ms;
        },
      });
      emulator.resetApiUsage();
      const refreshes = [];
      for (let invocation = 0; invocation < 2; invocation += 1) {
        time = 0;
        const result = await handler(
          {},
          lambdaContext({ functionName: 'realtime-queue-metrics', remainingMs: () => 90_000 - time }),
        );
        refreshes.push(...result.refreshes);
      }
      const [cold, ...warm] = refreshes.map((r) => r.salesforceCalls);
      sfCallsPerColdRefresh[String(queues)] = cold!;
      sfCallsPerRefresh[String(queues)] = Math.max(...warm);
      // Cross-check the client's counter with the emulator's count of /services/data calls.
      emulatorCountedRefreshCalls[String(queues)] = emulator.apiUsage().apiCalls;
      if (
        emulatorCountedRefreshCalls[String(queues)] !== refreshes.reduce((s, r) => s + r.salesforceCalls, 0)
      ) {
        throw new Error(`client and emulator disagree on the calls for ${queues} queues`);
      }
    }

    fromEnvironment.resetSalesforceClient();
    const importer = historical.createHandler({ s3: s3.client });
    const context = lambdaContext({ functionName: 'historical-report-import', remainingMs: () => 300_000 });
    const rowCalls: number[] = [];
    for (const tag of ['cold', 'warm']) {
      const key = `SFDC/Queue/${tag} day report.csv`;
      await s3.put(BUCKET, key, thousandRowReport(tag));
      emulator.resetApiUsage();
      const result = await importer(s3Event(key), context);
      if (result.imported[0]?.upserted !== 1000)
        throw new Error(`expected 1,000 rows upserted, got ${JSON.stringify(result)}`);
      rowCalls.push(emulator.apiUsage().apiCalls);
    }

    const targets = {
      sfCallsPerRefresh: Object.fromEntries(QUEUE_COUNTS.map((n) => [String(n), Math.ceil(n / 200)])),
      sfCallsPer1000Rows: 5,
    };
    const meetsTargets =
      QUEUE_COUNTS.every((n) => sfCallsPerRefresh[String(n)]! <= targets.sfCallsPerRefresh[String(n)]!) &&
      rowCalls[1]! <= targets.sfCallsPer1000Rows;
    return {
      sfCallsPerRefresh,
      sfCallsPerColdRefresh,
      sfCallsPer1000Rows: rowCalls[1],
      sfCallsPer1000RowsColdContainer: rowCalls[0],
      sfCallsPerDay: Object.fromEntries(
        QUEUE_COUNTS.map((n) => [
          String(n),
          sfCallsPerRefresh[String(n)]! * REFRESHES_PER_MINUTE * MINUTES_PER_DAY,
        ]),
      ),
      targets,
      meetsTargets,
      method:
        'Real handlers (middy) → SalesforceClient over HTTP → emulator; warm = worst of 7 refreshes after the ' +
        'first in the container (2 invocations × 4 refreshes); Connect simulated (20% of queues idle, written ' +
        'with zeros); historical: 1,000-row queue report from s3rver, cold then warm container.',
      original: originalModel(),
    };
  } finally {
    connectMock.restore();
    env.restore();
    await s3.stop();
    await emulator.stop();
  }
}
