/**
 * The end of `npm start`: the Salesforce figures the functions would have published to
 * CloudWatch, read back from their EMF output (API calls per function and operation, errors,
 * the newest daily-usage reading), so they can be checked offline.
 *
 * @example
 * ```ts
 * console.log(renderMetricsSummary(summariseEmf(capture.documents)));
 * ```
 */
import { renderTable, TABLE_WIDTH } from '../../ops/cli/text-table.js';
import { METRICS_NAMESPACE } from '../../shared/observability/metric-names.js';
import type { EmfSummary } from './emf-capture.js';

const byCount = (counts: Record<string, number>) =>
  Object.entries(counts)
    .sort(([, a], [, b]) => b - a)
    .map(([name, count]) => `${name} ${count}`)
    .join(', ');

/**
 * The table of Salesforce figures the functions would have published (API calls per function and
 * operation, errors, daily usage), as `npm start` prints it.
 */
export function renderMetricsSummary(summary: EmfSummary, options: { verbose?: boolean } = {}): string {
  const services = Object.entries(summary.byService).sort(([a], [b]) => a.localeCompare(b));
  const lines = [`Metrics the functions would have published (EMF, namespace ${METRICS_NAMESPACE}):`];
  if (services.length === 0) {
    lines.push('  none (no function called Salesforce)');
    return lines.join('\n');
  }
  lines.push(
    renderTable(
      ['Function', 'API calls', 'By operation', 'Errors', 'Daily usage'],
      services.map(([service, figures]) => [
        service,
        figures.salesforceApiCalls,
        byCount(figures.callsByOperation),
        byCount(figures.errorsByName) || '-',
        figures.dailyApiUsagePercent === undefined ? '-' : `${figures.dailyApiUsagePercent} %`,
      ]),
      options.verbose === true ? {} : { maxWidth: TABLE_WIDTH },
    ),
  );
  const usage =
    summary.dailyApiUsagePercent === undefined
      ? 'no usage reading'
      : `${summary.dailyApiUsagePercent} % of the org's daily allocation used, ${summary.dailyApiRemaining ?? '?'} calls left (newest reading)`;
  lines.push(`Salesforce API calls published: ${summary.salesforceApiCalls}; ${usage}.`);
  return lines.join('\n');
}
