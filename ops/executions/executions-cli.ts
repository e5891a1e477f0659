/**
 * `npm run executions -- [--status FAILED,...] [--since ISO] [--until ISO] [--contact-id ID]
 *  [--state-machine-arn ARN | --local]`
 *
 * Without `--contact-id`: a table of executions (contact, status, duration, failed state, cause).
 * With it: that contact's executions, each as a readable timeline.
 */
import { parseArgs } from 'node:util';
import { type CliIo, commandFailed, consoleIo } from '../cli/cli-io.js';
import {
  asOpened,
  EXECUTION_SELECTION_OPTIONS,
  executionSelection,
  type OpenedSource,
  type SourceOptions,
} from '../cli/cli-options.js';
import { renderTable } from '../cli/text-table.js';
import type { ExecutionSource, ExecutionStatus } from '../types.js';
import { belongsToContact } from './execution-names.js';
import { listExecutions, renderTimeline } from './list-executions.js';

const ALL_STATUSES: ExecutionStatus[] = ['RUNNING', 'SUCCEEDED', 'FAILED', 'TIMED_OUT', 'ABORTED'];

export async function runExecutionsCli(
  argv: string[],
  openSource: (options: SourceOptions) => Promise<ExecutionSource | OpenedSource>,
  io: CliIo = consoleIo,
): Promise<number> {
  let opened: OpenedSource | undefined;
  try {
    const { values } = parseArgs({
      args: argv,
      options: EXECUTION_SELECTION_OPTIONS,
      allowPositionals: false,
    });
    const { filter, source: sourceOptions } = executionSelection(values, ALL_STATUSES);
    opened = asOpened(await openSource(sourceOptions));
    const source = opened.source;
    const contactIds = values['contact-id'];
    if (contactIds?.length) {
      let found = 0;
      for await (const summary of source.list(filter)) {
        if (!belongsToContact(summary.name, contactIds)) continue;
        found++;
        const detail = await source.describe(summary.executionArn);
        io.out(`${summary.name}  ${summary.status}  started ${summary.startDate.toISOString()}`);
        io.out(`input: ${detail.input}`);
        io.out(renderTimeline(await source.history(summary.executionArn)));
        io.out('');
      }
      if (found === 0) {
        io.err(`no execution found for ${contactIds.join(', ')}`);
        return 1;
      }
      return 0;
    }
    const rows = await listExecutions(source, filter);
    io.out(
      renderTable(
        ['contact', 'execution', 'status', 'duration s', 'failed state', 'cause'],
        rows.map((r) => [r.contactId, r.executionName, r.status, r.durationSeconds, r.failedState, r.cause]),
      ),
    );
    io.out(`${rows.length} execution(s)`);
    return 0;
  } catch (error) {
    return commandFailed('executions', error, io);
  } finally {
    await opened?.close?.();
  }
}
