/**
 * CloudWatch metrics of the functions' EMF output (namespace, names and dimensions from
 * shared/observability/metric-names.ts, the single source the functions publish with), as the
 * alarms and the dashboard query them.
 *
 * @example
 * ```ts
 * const usage = dailyApiUsagePercent(['invoke-api', 'contact-import'], Duration.minutes(5));
 * new Alarm(this, 'Usage', { metric: usage, threshold: 80, evaluationPeriods: 1 });
 * ```
 */
import type { Duration } from 'aws-cdk-lib';
import { MathExpression, Metric } from 'aws-cdk-lib/aws-cloudwatch';
import {
  DIMENSION,
  METRIC,
  METRICS_NAMESPACE,
  type MetricName,
} from '../../shared/observability/metric-names.js';

/** One pipeline metric of one function (`service` = its folder under functions/). */
export function pipelineMetric(
  name: MetricName,
  service: string,
  options: { statistic: string; period: Duration; label?: string },
): Metric {
  return new Metric({
    namespace: METRICS_NAMESPACE,
    metricName: name,
    dimensionsMap: { [DIMENSION.service]: service },
    statistic: options.statistic,
    period: options.period,
    label: options.label ?? service,
  });
}

/**
 * The org's daily API usage in percent: the highest reading any function published in the
 * period (every function reads the same org counter; whichever called Salesforce last is newest).
 */
export function dailyApiUsagePercent(services: readonly string[], period: Duration): MathExpression {
  const usingMetrics: Record<string, Metric> = {};
  services.forEach((service, index) => {
    usingMetrics[`usage${index}`] = pipelineMetric(METRIC.salesforceDailyApiUsagePercent, service, {
      statistic: 'Maximum',
      period,
    });
  });
  return new MathExpression({
    expression: `MAX([${Object.keys(usingMetrics).join(', ')}])`,
    usingMetrics,
    label: 'Daily API usage (%)',
    period,
  });
}

/** A metric summed over one extra dimension's values (e.g. API calls over operations), per function. */
export function searchByService(name: MetricName, dimension: string, period: Duration): MathExpression {
  return new MathExpression({
    expression: `SEARCH('{${METRICS_NAMESPACE},${DIMENSION.service},${dimension}} MetricName="${name}"', 'Sum', ${period.toSeconds()})`,
    period,
    usingMetrics: {},
  });
}
