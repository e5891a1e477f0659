/**
 * `npm run redrive -- [--since ISO] [--until ISO] [--contact-id ID ...] [--status FAILED,TIMED_OUT,ABORTED]
 *  [--dry-run] [--concurrency N] [--state-machine-arn ARN | --local]`
 *
 * Progress goes to stderr while it runs; the final table to stdout. Exit code 1 when any action
 * failed, 2 on a usage error.
 */
import { parseArgs } from 'node:util';
import { type CliIo, commandFailed, consoleIo } from '../cli/cli-io.js';
import {
  asOpened,
  EXECUTION_SELECTION_OPTIONS,
  executionSelection,
  type OpenedSource,
  parsePositiveInt,
  type SourceOptions,
} from '../cli/cli-options.js';
import { renderTable } from '../cli/text-table.js';
import { type ExecutionSource, REDRIVABLE_STATUSES } from '../types.js';
import { redriveExecutions } from './redrive.js';

export async function runRedriveCli(
  argv: string[],
  openSource: (options: SourceOptions) => Promise<ExecutionSource | OpenedSource>,
  io: CliIo = consoleIo,
): Promise<number> {
  let opened: OpenedSource | undefined;
  try {
    const { values } = parseArgs({
      args: argv,
      options: {
        ...EXECUTION_SELECTION_OPTIONS,
        'dry-run': { type: 'boolean', default: false },
        concurrency: { type: 'string' },
      },
      allowPositionals: false,
    });
    const { filter, source: sourceOptions } = executionSelection(values, REDRIVABLE_STATUSES);
    const concurrency = parsePositiveInt(values.concurrency, '--concurrency', 10);
    opened = asOpened(await openSource(sourceOptions));
    const source = opened.source;
    const dryRun = values['dry-run'] ?? false;
    const report = await redriveExecutions(source, {
      filter,
      contactIds: values['contact-id'],
      dryRun,
      concurrency,
      onResult: (result, done, total) =>
        io.err(
          `[${done}/${total}] ${result.executionName}: ${result.action} ${result.outcome}${result.error ? ` (${result.error})` : ''}`,
        ),
    });
    // Locally the re-driven executions run in this process: let them finish before reporting.
    await opened.close?.();
    opened = undefined;
    io.out(
      renderTable(
        ['contact', 'old status', 'action', 'new execution', 'result'],
        report.results.map((r) => [
          r.contactId,
          r.oldStatus,
          r.action,
          r.newExecution ?? '',
          r.error ? `failed: ${r.error}` : r.outcome,
        ]),
      ),
    );
    io.out(
      `${report.results.length} execution(s) matched, ${report.results.length - report.failed} ${dryRun ? 'planned' : 'handled'}, ${report.failed} failed`,
    );
    return report.failed > 0 ? 1 : 0;
  } catch (error) {
    return commandFailed('redrive', error, io);
  } finally {
    await opened?.close?.();
  }
}
