/**
 * Counts one invocation's Salesforce API calls for its metrics: calls by operation kind, errors
 * by error name, and the newest daily-usage reading. Published once at the end of the invocation
 * (one EMF document per operation kind and error name, not one per call).
 *
 * "Newest" is the reading of the call sent last: calls may answer out of order, and an answer to
 * an earlier request reports a counter that is at most as new.
 *
 * @example
 * ```ts
 * const calls = new SalesforceCallMetrics();
 * await observeSalesforceCalls(calls, () => work());
 * calls.publish(metrics);
 * ```
 */
import { type Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import type {
  LimitInfo,
  SalesforceCallObserver,
  SalesforceCallSpan,
  SalesforceOperation,
} from '../salesforce/call-observer.js';
import { DIMENSION, METRIC } from './metric-names.js';

/**
 * A {@link SalesforceCallObserver} that counts one invocation's calls by operation and failures by
 * error name, and keeps the daily-usage reading of the call sent last; `publish` turns them into
 * metrics once.
 */
export class SalesforceCallMetrics implements SalesforceCallObserver {
  readonly callsByOperation = new Map<SalesforceOperation, number>();
  readonly errorsByName = new Map<string, number>();
  #sent = 0;
  #newest: { sequence: number; info: LimitInfo } | undefined;

  callStarted(operation: SalesforceOperation): SalesforceCallSpan {
    this.callsByOperation.set(operation, (this.callsByOperation.get(operation) ?? 0) + 1);
    const sequence = ++this.#sent;
    return {
      end: ({ errorName, limitInfo }) => {
        if (errorName !== undefined)
          this.errorsByName.set(errorName, (this.errorsByName.get(errorName) ?? 0) + 1);
        if (limitInfo !== undefined && (this.#newest === undefined || sequence > this.#newest.sequence)) {
          this.#newest = { sequence, info: limitInfo };
        }
      },
    };
  }

  /** The newest daily-usage reading of the invocation. */
  get limitInfo(): LimitInfo | undefined {
    return this.#newest?.info;
  }

  /** Adds the invocation's figures to `metrics` (flushed by the caller). */
  publish(metrics: Metrics): void {
    for (const [operation, count] of this.callsByOperation) {
      const single = metrics.singleMetric();
      single.addDimension(DIMENSION.operation, operation);
      single.addMetric(METRIC.salesforceApiCalls, MetricUnit.Count, count);
    }
    for (const [name, count] of this.errorsByName) {
      const single = metrics.singleMetric();
      single.addDimension(DIMENSION.errorName, name);
      single.addMetric(METRIC.salesforceErrors, MetricUnit.Count, count);
    }
    const info = this.limitInfo;
    if (info !== undefined) {
      metrics.addMetric(METRIC.salesforceDailyApiUsagePercent, MetricUnit.Percent, usagePercent(info));
      metrics.addMetric(
        METRIC.salesforceDailyApiRemaining,
        MetricUnit.Count,
        Math.max(0, info.max - info.used),
      );
    }
  }
}

/** Percent of the allocation used, to two decimals (the alarms compare it with 80 and 95). */
export function usagePercent(info: LimitInfo): number {
  return Math.round((info.used / info.max) * 10_000) / 100;
}
