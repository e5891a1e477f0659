/**
 * Mass re-drive of failed contacts. For each matching execution: re-drive it when Step Functions
 * still can (same ARN, only the failed states run again), otherwise start a fresh execution with
 * the original input under `<ContactId>-r<n>`. Every task of the post-call state machine is
 * idempotent (upserts by external id), so neither path can duplicate Salesforce records.
 *
 * @example
 * ```ts
 * const report = await redriveExecutions(source, { filter: { statuses: ['FAILED'] }, concurrency: 10 });
 * ```
 */
import { createHash } from 'node:crypto';
import { mapWithConcurrency } from '../../shared/concurrency/map-with-concurrency.js';
import { belongsToContact, contactIdFromExecutionName } from '../executions/execution-names.js';
import type { ExecutionDetail, ExecutionSource, ExecutionSummary, ListFilter } from '../types.js';

/** Step Functions keeps an execution redrivable for 14 days after it stopped. */
export const REDRIVE_WINDOW_MS = 14 * 24 * 60 * 60 * 1000;
const MAX_RESTART_SUFFIX = 50;

/** How a contact is brought back: redriven from the failed state, or restarted from the beginning. */
export type RedriveAction = 'redrive' | 'restart';

/** What happened to one execution. */
export interface RedriveResult {
  contactId: string;
  executionName: string;
  oldStatus: string;
  action: RedriveAction;
  /** The execution that now carries the contact (same name for a redrive). */
  newExecution?: string;
  outcome: 'done' | 'dry-run' | 'failed';
  error?: string;
}

/** Which executions to bring back, and how. */
export interface RedriveOptions {
  filter: ListFilter;
  /** Only these contacts (execution names `<ContactId>` or `<ContactId>-…`). */
  contactIds?: string[];
  dryRun?: boolean;
  concurrency?: number;
  now?: () => Date;
  onResult?: (result: RedriveResult, done: number, total: number) => void;
}

/** The results of a redrive run and how many failed. */
export interface RedriveReport {
  results: RedriveResult[];
  failed: number;
}

/** The contact an execution belongs to: its input's contactId, else the name before any suffix. */
export function contactIdOf(detail: Pick<ExecutionDetail, 'name' | 'input'>): string {
  try {
    const parsed = JSON.parse(detail.input) as { contactId?: unknown };
    if (typeof parsed.contactId === 'string' && parsed.contactId) return parsed.contactId;
  } catch {
    // fall through to the name
  }
  return contactIdFromExecutionName(detail.name);
}

/** Deterministic per (execution, redrive count): a repeated command within 15 min is a no-op, not a second redrive. */
function clientTokenFor(summary: ExecutionSummary): string {
  return createHash('sha256')
    .update(`${summary.executionArn}#${summary.redriveCount ?? 0}`)
    .digest('hex')
    .slice(0, 64);
}

function decideAction(detail: ExecutionDetail, now: Date): RedriveAction {
  const stoppedAt = detail.stopDate ?? detail.startDate;
  if (now.getTime() - stoppedAt.getTime() > REDRIVE_WINDOW_MS) return 'restart';
  if (detail.redriveStatus && detail.redriveStatus !== 'REDRIVABLE') return 'restart';
  return 'redrive';
}

async function restart(source: ExecutionSource, detail: ExecutionDetail, contactId: string): Promise<string> {
  for (let n = 1; n <= MAX_RESTART_SUFFIX; n++) {
    const name = `${contactId}-r${n}`;
    try {
      await source.start(name, detail.input);
      return name;
    } catch (error) {
      if ((error as { name?: string }).name !== 'ExecutionAlreadyExists') throw error;
    }
  }
  throw new Error(`no free restart name for ${contactId} (tried -r1 … -r${MAX_RESTART_SUFFIX})`);
}

async function handleOne(
  source: ExecutionSource,
  summary: ExecutionSummary,
  options: RedriveOptions,
): Promise<RedriveResult> {
  let detail: ExecutionDetail | undefined;
  let action: RedriveAction = 'redrive';
  try {
    detail = await source.describe(summary.executionArn);
    action = decideAction(detail, options.now?.() ?? new Date());
    const contactId = contactIdOf(detail);
    const base = { contactId, executionName: summary.name, oldStatus: summary.status, action };
    if (options.dryRun) return { ...base, outcome: 'dry-run' };
    if (action === 'redrive') {
      try {
        await source.redrive(summary.executionArn, clientTokenFor(summary));
        return { ...base, newExecution: summary.name, outcome: 'done' };
      } catch (error) {
        // The execution turned out not to be redrivable after all: fall back to a fresh start.
        if ((error as { name?: string }).name !== 'ExecutionNotRedrivable') throw error;
      }
    }
    const newName = await restart(source, detail, contactId);
    return { ...base, action: 'restart', newExecution: newName, outcome: 'done' };
  } catch (error) {
    return {
      contactId: detail ? contactIdOf(detail) : summary.name,
      executionName: summary.name,
      oldStatus: summary.status,
      action,
      outcome: 'failed',
      error: `${(error as Error).name}: ${(error as Error).message}`,
    };
  }
}

/**
 * Brings back every execution matching the options: redriven where Step Functions still can (only
 * the failed states run again), else restarted with the original input under `<ContactId>-r<n>`.
 */
export async function redriveExecutions(
  source: ExecutionSource,
  options: RedriveOptions,
): Promise<RedriveReport> {
  const targets: ExecutionSummary[] = [];
  for await (const summary of source.list(options.filter)) {
    if (belongsToContact(summary.name, options.contactIds)) targets.push(summary);
  }
  let done = 0;
  const results = await mapWithConcurrency(targets, options.concurrency ?? 10, async (summary) => {
    const result = await handleOne(source, summary, options);
    options.onResult?.(result, ++done, targets.length);
    return result;
  });
  return { results, failed: results.filter((r) => r.outcome === 'failed').length };
}
