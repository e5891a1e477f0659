/**
 * `npm run executions`: what happened to which contact. Lists executions with their failed state
 * and cause, and renders one contact's history as a timeline.
 */

import { mapWithConcurrency } from '../../shared/concurrency/map-with-concurrency.js';
import { wrapLine } from '../cli/wrap-line.js';
import type { ExecutionSource, ExecutionSummary, ListFilter, TimelineEvent } from '../types.js';
import { belongsToContact, contactIdFromExecutionName } from './execution-names.js';

/** One line of the executions listing. */
export interface ExecutionRow {
  contactId: string;
  executionName: string;
  status: string;
  durationSeconds?: number;
  failedState?: string;
  cause?: string;
}

/** The state that failed: the last state entered before a failure event. */
export function failedStateOf(timeline: TimelineEvent[]): string | undefined {
  for (let i = timeline.length - 1; i >= 0; i--) {
    const event = timeline[i];
    if (event && /Failed|TimedOut|Aborted/.test(event.type) && event.stateName) return event.stateName;
  }
  return undefined;
}

/** The last error and cause in a timeline (what the console shows for a failed execution). */
export function lastFailureOf(timeline: TimelineEvent[]): { error?: string; cause?: string } {
  for (let i = timeline.length - 1; i >= 0; i--) {
    const event = timeline[i];
    if (event?.error || event?.cause) return { error: event.error, cause: readableCause(event.cause) };
  }
  return {};
}

/** A Lambda task's Cause is the function's error as JSON: show its message, which names the Salesforce error. */
export function readableCause(cause: string | undefined): string | undefined {
  if (!cause?.startsWith('{')) return cause;
  try {
    const parsed = JSON.parse(cause) as { errorMessage?: unknown };
    return typeof parsed.errorMessage === 'string' ? parsed.errorMessage : cause;
  } catch {
    return cause;
  }
}

/**
 * The executions matching `filter` (and, when given, the contacts), each with its failed state and
 * cause.
 */
export async function listExecutions(
  source: ExecutionSource,
  filter: ListFilter,
  options: { contactIds?: string[]; concurrency?: number } = {},
): Promise<ExecutionRow[]> {
  const summaries: ExecutionSummary[] = [];
  for await (const summary of source.list(filter)) {
    if (belongsToContact(summary.name, options.contactIds)) summaries.push(summary);
  }
  return mapWithConcurrency(summaries, options.concurrency ?? 5, async (summary) => {
    const row: ExecutionRow = {
      contactId: contactIdFromExecutionName(summary.name),
      executionName: summary.name,
      status: summary.status,
      durationSeconds: summary.stopDate
        ? Math.round((summary.stopDate.getTime() - summary.startDate.getTime()) / 1000)
        : undefined,
    };
    if (summary.status === 'SUCCEEDED' || summary.status === 'RUNNING') return row;
    // Only unsuccessful executions pay for a history read: the failed state lives there.
    const timeline = await source.history(summary.executionArn);
    const failure = lastFailureOf(timeline);
    return {
      ...row,
      failedState: failedStateOf(timeline),
      cause: [failure.error, failure.cause].filter(Boolean).join(': '),
    };
  });
}

/**
 * One line per event: time, event type, state, and the error for failures. With `maxWidth`, a
 * long error and cause continue on indented lines instead of running off the terminal.
 */
export function renderTimeline(timeline: TimelineEvent[], options: { maxWidth?: number } = {}): string {
  return timeline
    .flatMap((event) => {
      const parts = [event.timestamp.toISOString(), event.type.padEnd(28), event.stateName ?? ''];
      if (event.error || event.cause)
        parts.push(`→ ${[event.error, event.cause].filter(Boolean).join(': ')}`);
      const line = parts.join('  ').trimEnd();
      return options.maxWidth ? wrapLine(line, options.maxWidth, TIMELINE_INDENT) : [line];
    })
    .join('\n');
}

/** Continuation lines start under the event type. */
const TIMELINE_INDENT = ' '.repeat('2026-11-28T10:00:00.000Z  '.length);
