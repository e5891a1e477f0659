/**
 * What `npm start` prints: per execution its status, states visited, the contact's Salesforce
 * records and the API calls it cost, plus dead-lettered and skipped records and a summary.
 *
 * @example
 * ```ts
 * const report = buildPipelineReport(pipeline);
 * console.log(json ? JSON.stringify(report) : renderPipelineReport(report, summary));
 * ```
 */
import type { ContactReport, LocalPipeline } from './local-pipeline.js';
import { renderTable } from '../../ops/cli/text-table.js';

/** The `--json` shape: exactly these keys (scripts read them). */
export interface PipelineReport {
  contacts: Array<{
    contactId: string;
    executionName: string;
    status: string;
    statesVisited: string[];
    salesforceRecords: Record<string, string[]>;
    salesforceApiCalls: number;
  }>;
  deadLettered: Array<{ reason: string; data: string }>;
  skipped: Array<{ contactId: string; reason: string }>;
  salesforceApiCalls: number;
}

export interface PipelineSummary {
  batches: number;
  records: number;
  /** Records still failing after every re-delivery (lost if Lambda gave up). */
  unresolvedRetries: Array<{ contactId?: string; reason: string }>;
  tokenRequests: number;
  elapsedMs: number;
  failures: ContactReport[];
}

/** @param contactReports the pipeline's contact reports, when the caller has them already. */
export function buildPipelineReport(
  pipeline: LocalPipeline,
  contactReports: ContactReport[] = pipeline.contactReports(),
): PipelineReport {
  const contacts = contactReports.map((report) => ({
    contactId: report.contactId,
    executionName: report.executionName,
    status: report.status,
    statesVisited: report.statesVisited,
    salesforceRecords: report.salesforceRecords,
    salesforceApiCalls: report.salesforceApiCalls,
  }));
  const skipped: PipelineReport['skipped'] = [];
  for (const outcome of pipeline.outcomes) {
    if (outcome.status === 'skipped') skipped.push({ contactId: outcome.contactId, reason: outcome.reason });
  }
  return {
    contacts,
    deadLettered: pipeline.deadLettered.map((record) => ({
      reason: `${record.reason}: ${record.detail}`,
      data: record.data,
    })),
    skipped,
    salesforceApiCalls: pipeline.emulator.apiUsage().apiCalls,
  };
}

const SHORT_NAMES: Array<[RegExp, string]> = [
  [/AC_ContactTraceRecord__c$/, 'CTR'],
  [/AC_ContactChannelAnalytics__c$/, 'Analytics'],
];

function shortObject(name: string): string {
  for (const [pattern, short] of SHORT_NAMES) if (pattern.test(name)) return short;
  return name;
}

function shorten(value: string, length: number): string {
  return value.length <= length ? value : `${value.slice(0, length - 1)}…`;
}

/** The human-readable report: one table row per execution, then the other records and a summary. */
export function renderPipelineReport(report: PipelineReport, summary: PipelineSummary): string {
  const rows = report.contacts.map((contact) => [
    shorten(contact.contactId, 13),
    contact.executionName,
    contact.status,
    // Choice states only route; the others say what happened.
    contact.statesVisited.filter((state) => !state.endsWith('?')).join(' > '),
    Object.entries(contact.salesforceRecords)
      .map(([object, ids]) => `${shortObject(object)} ${ids.join(' ')}`)
      .join(', '),
    contact.salesforceApiCalls,
  ]);
  const lines: string[] = [];
  lines.push(
    renderTable(
      ['Contact', 'Execution', 'Status', 'States visited', 'Salesforce records', 'API calls'],
      rows,
    ),
  );
  for (const failure of summary.failures) {
    lines.push('', `FAILED ${failure.executionName}: ${failure.error ?? ''} ${failure.cause ?? ''}`.trim());
  }
  if (report.skipped.length > 0) {
    lines.push('', 'Skipped records:');
    for (const skipped of report.skipped) lines.push(`  ${skipped.contactId}: ${skipped.reason}`);
  }
  if (report.deadLettered.length > 0) {
    lines.push('', 'Dead-lettered records:');
    for (const dead of report.deadLettered) lines.push(`  ${dead.reason} (data: ${shorten(dead.data, 40)})`);
  }
  if (summary.unresolvedRetries.length > 0) {
    lines.push('', 'Records still failing after re-delivery:');
    for (const retry of summary.unresolvedRetries) lines.push(`  ${retry.contactId ?? '?'}: ${retry.reason}`);
  }
  const succeeded = report.contacts.filter((contact) => contact.status === 'SUCCEEDED').length;
  const contacts = new Set(report.contacts.map((contact) => contact.contactId)).size;
  lines.push(
    '',
    `${summary.records} records in ${summary.batches} batch(es) → ${report.contacts.length} executions for ${contacts} contacts: ` +
      `${succeeded} succeeded, ${report.contacts.length - succeeded} not; ${report.skipped.length} skipped, ` +
      `${report.deadLettered.length} dead-lettered.`,
    `Salesforce API calls: ${report.salesforceApiCalls} (plus ${summary.tokenRequests} token requests). ` +
      `Took ${(summary.elapsedMs / 1000).toFixed(1)} s.`,
  );
  return lines.join('\n');
}
