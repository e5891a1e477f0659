/**
 * `npm run replay-dlq -- [--stack-name NAME | --queue-url URL --state-machine-arn ARN | --local] [--dry-run] [--max N]`
 *
 * Exit code 1 when a message had to stay on the queue (still malformed, its start failed, or the
 * stream no longer holds records of an exhausted batch: those are listed by shard and sequence
 * range), 2 on a usage error.
 */
import { parseArgs } from 'node:util';
import type { KinesisStreamEvent } from 'aws-lambda';
import type { RecordOutcome } from '../../functions/ctr-trigger/index.js';
import { type CliIo, commandFailed, consoleIo } from '../cli/cli-io.js';
import { parsePositiveInt } from '../cli/cli-options.js';
import { renderTable } from '../cli/text-table.js';
import { type DeadLetterQueue, type ReplaySource, replayDeadLetters } from './replay-dlq.js';
import type { KinesisBatchInfo, StreamBatch } from './stream-batch.js';

export interface ReplayContext {
  queue: DeadLetterQueue;
  startBatch: (event: KinesisStreamEvent, source: ReplaySource) => Promise<RecordOutcome[]>;
  /** Reads an on-failure record's batch back from the stream. */
  readStreamBatch?: (batch: KinesisBatchInfo) => Promise<StreamBatch>;
  /** Called once the replay is over (local: wait for executions, save state). */
  close?: () => Promise<void>;
}

export interface ReplayContextOptions {
  queueUrl?: string;
  stateMachineArn?: string;
  stackName?: string;
  local: boolean;
}

export async function runReplayDlqCli(
  argv: string[],
  openContext: (options: ReplayContextOptions) => Promise<ReplayContext>,
  io: CliIo = consoleIo,
): Promise<number> {
  try {
    const { values } = parseArgs({
      args: argv,
      options: {
        'queue-url': { type: 'string' },
        'dry-run': { type: 'boolean', default: false },
        max: { type: 'string' },
        'state-machine-arn': { type: 'string' },
        'stack-name': { type: 'string' },
        local: { type: 'boolean', default: false },
      },
      allowPositionals: false,
    });
    const maxMessages = values.max === undefined ? undefined : parsePositiveInt(values.max, '--max', 1);
    const context = await openContext({
      queueUrl: values['queue-url'],
      stateMachineArn: values['state-machine-arn'],
      stackName: values['stack-name'],
      local: values.local ?? false,
    });
    const report = await replayDeadLetters(context.queue, {
      startBatch: context.startBatch,
      readStreamBatch: context.readStreamBatch,
      dryRun: values['dry-run'] ?? false,
      maxMessages,
      onResult: (r) => io.err(`${r.messageId}: ${r.action}${r.deleted ? ' (deleted)' : ''}`),
    });
    await context.close?.();
    io.out(
      renderTable(
        ['message', 'contact', 'parked because', 'action', 'detail', 'deleted'],
        report.results.map((r) => [
          r.messageId,
          r.contactId,
          r.originalReason,
          r.action,
          r.detail,
          r.deleted ? 'yes' : 'no',
        ]),
      ),
    );
    io.out(
      `${report.results.length} message(s), ${report.results.filter((r) => r.deleted).length} handled and deleted, ${report.kept} kept`,
    );
    for (const range of report.missing) {
      io.out(
        `not in the stream any more: ${range.shardId} ${range.fromSequenceNumber} … ${range.toSequenceNumber} (${range.reason})`,
      );
    }
    return report.kept > 0 ? 1 : 0;
  } catch (error) {
    return commandFailed('replay-dlq', error, io);
  }
}
