/**
 * `npm run executions -- [--status FAILED,...] [--since ISO] [--until ISO] [--contact-id ID ...]
 *  [--stack-name NAME | --state-machine-arn ARN | --local] [--json] [--verbose]`
 *
 * Without `--contact-id`: a table of executions (contact, status, duration, failed state, cause),
 * 120 columns wide (full cells with `--verbose` or `--json`). With it: that contact's executions,
 * each as a readable timeline; a named contact without any execution ends with exit 1.
 */
import {
  asOpened,
  EXECUTION_STATUSES,
  executionFilter,
  type OpenedSource,
  type SourceOptions,
  sourceOptions,
  unmatchedContacts,
  withExecutionSelection,
  withOutputOptions,
  withTargetOptions,
} from '../cli/cli-options.js';
import { type CommandStreams, createProgram, processStreams, runProgram } from '../cli/program.js';
import { renderTable, TABLE_WIDTH } from '../cli/text-table.js';
import { wrapLine } from '../cli/wrap-line.js';
import type { ExecutionSource, ExecutionSummary, TimelineEvent } from '../types.js';
import { belongsToContact, executionLabel } from './execution-names.js';
import { listExecutions, renderTimeline } from './list-executions.js';

/** The `executions` program: its options, help and examples (parsed by {@link runExecutionsCli}). */
export function executionsProgram() {
  return withOutputOptions(
    withExecutionSelection(
      withTargetOptions(
        createProgram({
          name: 'executions',
          description:
            'Lists post-call executions (contact, status, duration, failed state, cause); with --contact-id, that contact’s executions as timelines.',
          examples: [
            {
              command: 'npm run executions -- --status FAILED --since 2026-11-28',
              description: 'what failed since then',
            },
            {
              command: 'npm run executions -- --contact-id <ContactId>',
              description: 'why one contact failed',
            },
            {
              command: 'npm run executions -- --local',
              description: 'the executions of the last `npm start`',
            },
          ],
        }),
      ),
      EXECUTION_STATUSES,
    ),
  );
}

/**
 * Runs `npm run executions` with `argv`; `openSource` opens where the executions live (Step
 * Functions or the local store). Returns the exit code.
 */
export async function runExecutionsCli(
  argv: readonly string[],
  openSource: (options: SourceOptions) => Promise<ExecutionSource | OpenedSource>,
  streams: CommandStreams = processStreams,
): Promise<number> {
  return runProgram(
    executionsProgram(),
    argv,
    async (options, io) => {
      const filter = executionFilter(options);
      const opened = asOpened(await openSource(sourceOptions(options)));
      try {
        const { source } = opened;
        const contactIds = options.contactId;
        if (contactIds.length > 0) {
          const found: Array<ExecutionSummary & { input: string; history: TimelineEvent[] }> = [];
          for await (const summary of source.list(filter)) {
            if (!belongsToContact(summary.name, contactIds)) continue;
            const detail = await source.describe(summary.executionArn);
            const history = await source.history(summary.executionArn);
            found.push({ ...summary, input: detail.input, history });
            if (options.json) continue;
            const width = options.verbose ? undefined : TABLE_WIDTH;
            io.out(`${summary.name}  ${summary.status}  started ${summary.startDate.toISOString()}`);
            for (const line of width ? wrapLine(`input: ${detail.input}`, width) : [`input: ${detail.input}`])
              io.out(line);
            io.out(renderTimeline(history, { maxWidth: width }));
            io.out('');
          }
          if (options.json) io.out(JSON.stringify({ executions: found }));
          const unmatched = unmatchedContacts(
            contactIds,
            found.map((execution) => execution.name),
            filter,
          );
          if (unmatched) throw unmatched;
          return 0;
        }
        const rows = await listExecutions(source, filter);
        if (options.json) {
          io.out(JSON.stringify({ executions: rows }));
          return 0;
        }
        // An empty table says nothing the count line does not.
        if (rows.length > 0)
          io.out(
            renderTable(
              ['contact', 'execution', 'status', 'secs', 'failed state', 'cause'],
              rows.map((r) => [
                r.contactId,
                options.verbose ? r.executionName : executionLabel(r.contactId, r.executionName),
                r.status,
                r.durationSeconds,
                r.failedState,
                r.cause,
              ]),
              // The contact id whole (to copy into --contact-id), and enough of the cause to read it.
              options.verbose ? {} : { maxWidth: TABLE_WIDTH, keep: [0], minWidths: { 4: 16, 5: 36 } },
            ),
          );
        io.out(`${rows.length} execution(s)`);
        return 0;
      } finally {
        await opened.close?.();
      }
    },
    streams,
  );
}
