/**
 * Lambda entry point of the real-time queue metrics (sfRealTimeQueueMetrics): invoked once a
 * minute by an EventBridge schedule, it refreshes `AC_QueueMetrics__c` every 15 s within the
 * invocation (see refresh-loop.ts; the stack sets the Lambda timeout to 60 s). Thin: wiring only.
 */
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { ConnectClient } from '@aws-sdk/client-connect';
import type { Context } from 'aws-lambda';
import { logFailure } from '../../shared/logging/error-summary.js';
import { createLogger } from '../../shared/logging/logger.js';
import { FunctionObservability } from '../../shared/observability/function-observability.js';
import { getSalesforceClient } from '../../shared/salesforce/from-environment.js';
import type { SalesforceApi } from '../../shared/salesforce/types.js';
import { QueueMetricsRefresher } from './realtime-queue-metrics.js';
import { runRefreshLoop } from './refresh-loop.js';
import { readRealtimeMetricsSettings } from './settings.js';
import type { RefreshOutcome } from './types.js';

/**
 * What the queue metrics handler works with; tests inject their own (and a clock and sleep to run
 * the 15 s spacing without waiting).
 */
export interface RealtimeMetricsDependencies {
  connect: ConnectClient;
  salesforce: () => SalesforceApi;
  /** Injected by tests to run the 15 s spacing without waiting. */
  sleep?: (ms: number) => Promise<unknown>;
  now?: () => number;
}

/** The refreshes one invocation ran, and how many it did not start. */
export interface RealtimeMetricsResult {
  refreshes: RefreshOutcome[];
  skipped: number;
}

const logger = createLogger('realtime-queue-metrics');
const observability = new FunctionObservability('realtime-queue-metrics');

/**
 * Builds the Lambda handler around its injectable dependencies.
 *
 * @example
 * ```ts
 * const handler = createHandler({ connect: mockedConnect });
 * await handler({}, context);
 * ```
 */
export function createHandler(dependencies: Partial<RealtimeMetricsDependencies> = {}) {
  // Connect's GetCurrentMetricData quota is 5 requests/s: let the SDK back off a little longer.
  const connect = dependencies.connect ?? observability.awsClient(new ConnectClient({ maxAttempts: 5 }));
  const salesforce = dependencies.salesforce ?? getSalesforceClient;
  return observability
    .handler(async (_event: unknown, context: Context): Promise<RealtimeMetricsResult> => {
      const settings = readRealtimeMetricsSettings(process.env);
      const refresher = new QueueMetricsRefresher({ connect, salesforce: salesforce(), settings, logger });
      const { outcomes, skipped } = await runRefreshLoop({
        refreshes: settings.refreshesPerInvocation,
        intervalMs: settings.refreshIntervalMs,
        refresh: () => refresher.refresh(),
        remainingTimeMs:
          typeof context?.getRemainingTimeInMillis === 'function'
            ? () => context.getRemainingTimeInMillis()
            : undefined,
        sleep: dependencies.sleep,
        now: dependencies.now,
        onError: (error, index) =>
          logFailure(logger, 'error', 'queue metrics refresh failed', error, { refresh: index }),
      });
      if (skipped > 0) logger.warn('refreshes skipped in this invocation', { skipped });
      return { refreshes: outcomes, skipped };
    })
    .use(injectLambdaContext(logger, { resetKeys: true }));
}

/** The deployed handler (`functions/realtime-queue-metrics/handler.handler`). */
export const handler = createHandler();
