/**
 * `npm run redrive -- [--since ISO] [--until ISO] [--contact-id ID ...] [--status FAILED,TIMED_OUT,ABORTED]
 *  [--dry-run] [--concurrency N] [--stack-name NAME | --state-machine-arn ARN | --local] [--json] [--verbose]`
 *
 * Progress on stderr while it runs (one updating line on a terminal, a line per execution when
 * piped or with `--json`); the final table (120 columns; full cells with `--verbose`) or one JSON
 * document on stdout. Exit code 1 when any action failed or a named contact had no matching
 * execution, 2 on a usage error.
 */
import {
  asOpened,
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
import { ItemProgress } from '../cli/progress.js';
import { renderTable, TABLE_WIDTH } from '../cli/text-table.js';
import { parsePositiveInt } from '../cli/value-parsers.js';
import { executionLabel } from '../executions/execution-names.js';
import { type ExecutionSource, REDRIVABLE_STATUSES } from '../types.js';
import { type RedriveResult, redriveExecutions } from './redrive.js';

/** The `redrive` program: its options, help and examples (parsed by {@link runRedriveCli}). */
export function redriveProgram() {
  return withOutputOptions(
    withExecutionSelection(
      withTargetOptions(
        createProgram({
          name: 'redrive',
          description:
            'Re-drives every matching post-call execution: Step Functions re-runs only the failed states; one it can no longer re-drive (stopped over 14 days ago, or refused) starts afresh as <ContactId>-r<n> with its original input.',
          examples: [
            {
              command: 'npm run redrive -- --since 2026-11-28T09:00Z --until 2026-11-28T13:00Z --dry-run',
              description: 'what an outage window would re-drive, changing nothing',
            },
            { command: 'npm run redrive -- --contact-id <ContactId>', description: 'one contact' },
            {
              command: 'npm run redrive -- --local',
              description: 'the failed contacts of the last `npm start`',
            },
          ],
          exitOne: 'an action failed, or a --contact-id matched no execution',
        }),
      ),
      REDRIVABLE_STATUSES,
    ),
  )
    .option('--dry-run', 'show what would be done, change nothing')
    .option('--concurrency <n>', 'executions handled at once', parsePositiveInt, 10);
}

/**
 * Runs `npm run redrive` with `argv`; `openSource` opens where the executions live (Step Functions
 * or the local stack, whose re-driven executions finish before the table). Returns the exit code.
 */
export async function runRedriveCli(
  argv: readonly string[],
  openSource: (options: SourceOptions) => Promise<ExecutionSource | OpenedSource>,
  streams: CommandStreams = processStreams,
): Promise<number> {
  return runProgram(
    redriveProgram(),
    argv,
    async (options, io) => {
      const filter = executionFilter(options);
      const dryRun = options.dryRun === true;
      let opened: OpenedSource | undefined = asOpened(await openSource(sourceOptions(options)));
      const progress = new ItemProgress(io.streams.stderr, { plain: options.json === true });
      try {
        const report = await redriveExecutions(opened.source, {
          filter,
          contactIds: options.contactId,
          dryRun,
          concurrency: options.concurrency,
          onResult: (result, done, total) => progress.item(progressText(result), done, total),
        });
        progress.end();
        // Locally the re-driven executions run in this process: let them finish before reporting.
        await opened.close?.();
        opened = undefined;
        const handled = report.results.length - report.failed;
        if (options.json) {
          io.out(
            JSON.stringify({
              matched: report.results.length,
              handled,
              failed: report.failed,
              dryRun,
              results: report.results,
            }),
          );
        } else {
          // An empty table says nothing the count line does not.
          if (report.results.length > 0)
            io.out(
              renderTable(
                ['contact', 'old status', 'action', 'new execution', 'result'],
                report.results.map((r) => [
                  r.contactId,
                  r.oldStatus,
                  r.action,
                  r.newExecution === undefined
                    ? ''
                    : options.verbose
                      ? r.newExecution
                      : executionLabel(r.contactId, r.newExecution),
                  r.error ? `failed: ${r.error}` : r.outcome,
                ]),
                options.verbose ? {} : { maxWidth: TABLE_WIDTH, keep: [0] },
              ),
            );
          io.out(
            `${report.results.length} execution(s) matched, ${handled} ${dryRun ? 'planned' : 'handled'}, ${report.failed} failed`,
          );
        }
        const unmatched = unmatchedContacts(
          options.contactId,
          report.results.map((r) => r.executionName),
          filter,
        );
        if (unmatched) throw unmatched;
        return report.failed > 0 ? 1 : 0;
      } finally {
        progress.end();
        await opened?.close?.();
      }
    },
    streams,
  );
}

function progressText(result: RedriveResult): string {
  return `${result.executionName}: ${result.action} ${result.outcome}${result.error ? ` (${result.error})` : ''}`;
}
