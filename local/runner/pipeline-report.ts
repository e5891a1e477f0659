/**
 * What `npm start` prints: per execution its status, states visited, the contact's Salesforce
 * records and the API calls it cost, plus dead-lettered and skipped records and a summary. The
 * table fits 120 columns: states and records are summarised ("13 states: transcript after 2
 * polls, Contact Lens: 1 look"); `verbose` lists them in full.
 *
 * @example
 * ```ts
 * const report = buildPipelineReport(pipeline);
 * console.log(json ? JSON.stringify(report) : renderPipelineReport(report, summary));
 * ```
 */

import { renderTable, TABLE_WIDTH } from '../../ops/cli/text-table.js';
import { wrapLine } from '../../ops/cli/wrap-line.js';
import { executionLabel } from '../../ops/executions/execution-names.js';
import type { ContactReport, LocalPipeline } from './local-pipeline.js';

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
  /** `data`: the first bytes of the record; `dataStoredIn`: where its data is when too large for SQS. */
  deadLettered: Array<{ reason: string; data: string; dataStoredIn?: string }>;
  skipped: Array<{ contactId: string; reason: string }>;
  salesforceApiCalls: number;
}

/** Run-wide figures of a local run for the report's summary. */
export interface PipelineSummary {
  batches: number;
  records: number;
  /** Records still failing after every re-delivery (lost if Lambda gave up). */
  unresolvedRetries: Array<{ contactId?: string; reason: string }>;
  tokenRequests: number;
  elapsedMs: number;
  failures: ContactReport[];
  /** Every state visited and every record id, the table as wide as it takes. */
  verbose?: boolean;
}

/**
 * The report of a local run: every execution, the dead-lettered and skipped records.
 *
 * @param contactReports the pipeline's contact reports, when the caller has them already.
 */
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
      ...(record.dataStoredIn === undefined ? {} : { dataStoredIn: record.dataStoredIn }),
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

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;

/** "13 states: upload, transcript after 2 polls, Contact Lens: 1 look". */
export function summariseStates(statesVisited: readonly string[]): string {
  const count = (state: string) => statesVisited.filter((visited) => visited === state).length;
  const notes: string[] = [];
  if (count('Contact trace record refreshed') > 0) notes.push('CTR refresh');
  if (count('Upload recording to Salesforce') > 0) notes.push('upload');
  if (count('Import transcript') > 0)
    notes.push(`transcript after ${plural(count('Get transcription job'), 'poll')}`);
  if (count('Record transcription failure') > 0) notes.push('transcription failed');
  // One Lambda call per look: it imports the analysis when it is there (or ends the branch as
  // "no analysis" at the last look), so the states tell how many looks, not which of the two.
  const contactLensLooks = count('Look for and import Contact Lens analysis');
  if (contactLensLooks > 0) notes.push(`Contact Lens: ${plural(contactLensLooks, 'look')}`);
  const states = plural(statesVisited.length, 'state');
  return notes.length === 0 ? states : `${states}: ${notes.join(', ')}`;
}

/** "CTR, Analytics, 1 file, 3 attachments". */
export function summariseRecords(records: Record<string, string[]>): string {
  return Object.entries(records)
    .map(([object, ids]) => {
      if (object === 'ContentVersion') return plural(ids.length, 'file');
      if (object === 'Attachment') return plural(ids.length, 'attachment');
      return ids.length === 1 ? shortObject(object) : `${ids.length} ${shortObject(object)}`;
    })
    .join(', ');
}

/** The human-readable report: one table row per execution, then the other records and a summary. */
export function renderPipelineReport(report: PipelineReport, summary: PipelineSummary): string {
  const verbose = summary.verbose === true;
  const rows = report.contacts.map((contact) => [
    verbose ? contact.contactId : shorten(contact.contactId, 9),
    verbose ? contact.executionName : executionLabel(contact.contactId, contact.executionName),
    contact.status,
    verbose
      ? // Choice states only route; the others say what happened.
        contact.statesVisited.filter((state) => !state.endsWith('?')).join(' > ')
      : summariseStates(contact.statesVisited),
    verbose
      ? Object.entries(contact.salesforceRecords)
          .map(([object, ids]) => `${shortObject(object)} ${ids.join(' ')}`)
          .join(', ')
      : summariseRecords(contact.salesforceRecords),
    contact.salesforceApiCalls,
  ]);
  const lines: string[] = [];
  lines.push(
    renderTable(
      ['Contact', 'Execution', 'Status', 'States visited', 'Salesforce records', 'API calls'],
      rows,
      verbose ? {} : { maxWidth: TABLE_WIDTH },
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
    for (const dead of report.deadLettered) {
      const data =
        dead.dataStoredIn === undefined ? shorten(dead.data, 40) : `stored at ${dead.dataStoredIn}`;
      lines.push(`  ${dead.reason} (data: ${data})`);
    }
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
  const text = lines.join('\n');
  if (verbose) return text;
  return text
    .split('\n')
    .flatMap((line) => wrapLine(line, TABLE_WIDTH))
    .join('\n');
}
