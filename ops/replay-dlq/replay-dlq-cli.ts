/**
 * `npm run replay-dlq -- [--stack-name NAME | --queue-url URL --state-machine-arn ARN | --local]
 *  [--dry-run] [--max N] [--json] [--verbose]`
 *
 * Progress on stderr while it runs (one updating line on a terminal, a line per message when
 * piped or with `--json`); the final table (120 columns; full cells with `--verbose`) or one JSON
 * document on stdout. Exit code 1 when a message had to stay on the queue (still malformed, its
 * start failed, or the stream no longer holds records of an exhausted batch: those are listed by
 * shard and sequence range), 2 on a usage error.
 */
import { Option } from '@commander-js/extra-typings';
import type { KinesisStreamEvent } from 'aws-lambda';
import type { RecordOutcome } from '../../functions/ctr-trigger/index.js';
import type { PayloadReference } from '../../shared/payloads/payload-reference.js';
import { withOutputOptions, withTargetOptions } from '../cli/cli-options.js';
import { type CommandStreams, createProgram, processStreams, runProgram } from '../cli/program.js';
import { ItemProgress } from '../cli/progress.js';
import { renderTable, TABLE_WIDTH } from '../cli/text-table.js';
import { parsePositiveInt } from '../cli/value-parsers.js';
import { type DeadLetterQueue, type ReplaySource, replayDeadLetters } from './replay-dlq.js';
import type { KinesisBatchInfo, StreamBatch } from './stream-batch.js';

/** What a replay works on: the queue, how a batch is started, how the stream is read back. */
export interface ReplayContext {
  queue: DeadLetterQueue;
  startBatch: (event: KinesisStreamEvent, source: ReplaySource) => Promise<RecordOutcome[]>;
  /** Reads an on-failure record's batch back from the stream. */
  readStreamBatch?: (batch: KinesisBatchInfo) => Promise<StreamBatch>;
  /** Reads a dead letter's data stored in the payload bucket. */
  readPayload?: (ref: PayloadReference) => Promise<string>;
  /** Called once the replay is over (local: wait for executions, save state). */
  close?: () => Promise<void>;
}

/** The target options {@link runReplayDlqCli} hands to its `openContext`. */
export interface ReplayContextOptions {
  queueUrl?: string;
  stateMachineArn?: string;
  stackName?: string;
  local: boolean;
}

/** The `replay-dlq` program: its options, help and examples (parsed by {@link runReplayDlqCli}). */
export function replayDlqProgram() {
  return withOutputOptions(
    withTargetOptions(
      createProgram({
        name: 'replay-dlq',
        description:
          'Replays the records parked on the dead-letter queue through the trigger logic; a message is deleted only once every record in it is handled.',
        examples: [
          {
            command: 'npm run replay-dlq -- --stack-name <stack> --dry-run',
            description: 'what would be replayed, changing nothing',
          },
          {
            command: 'npm run replay-dlq -- --stack-name <stack>',
            description: 'replay, then delete handled messages',
          },
          { command: 'npm run replay-dlq -- --local', description: 'the queue of the last `npm start`' },
        ],
        exitOne: 'a message stays on the queue (still rejected, its start failed, or its records are gone)',
      }),
    ),
  )
    .addOption(
      new Option(
        '--queue-url <url>',
        'the dead-letter queue (output ContactRecordDeadLetterQueueUrl; default: $CTR_DLQ_URL)',
      ).conflicts(['local', 'stackName']),
    )
    .option('--dry-run', 'read and classify, start and delete nothing')
    .option('--max <n>', 'stop after this many messages', parsePositiveInt);
}

/** Runs `npm run replay-dlq` with `argv` on the context `openContext` builds; returns the exit code. */
export async function runReplayDlqCli(
  argv: readonly string[],
  openContext: (options: ReplayContextOptions) => Promise<ReplayContext>,
  streams: CommandStreams = processStreams,
): Promise<number> {
  return runProgram(
    replayDlqProgram(),
    argv,
    async (options, io) => {
      const context = await openContext({
        queueUrl: options.queueUrl,
        stateMachineArn: options.stateMachineArn,
        stackName: options.stackName,
        local: options.local === true,
      });
      const progress = new ItemProgress(io.streams.stderr, { plain: options.json === true });
      let seen = 0;
      let report: Awaited<ReturnType<typeof replayDeadLetters>>;
      try {
        report = await replayDeadLetters(context.queue, {
          startBatch: context.startBatch,
          readStreamBatch: context.readStreamBatch,
          readPayload: context.readPayload,
          dryRun: options.dryRun === true,
          maxMessages: options.max,
          onResult: (r) =>
            progress.item(`${r.messageId}: ${r.action}${r.deleted ? ' (deleted)' : ''}`, ++seen),
        });
      } finally {
        progress.end();
        // Locally: wait for the started executions, save the state, stop the stack.
        await context.close?.();
      }
      const deleted = report.results.filter((r) => r.deleted).length;
      if (options.json) {
        io.out(
          JSON.stringify({
            messages: report.results.length,
            deleted,
            kept: report.kept,
            results: report.results,
            missing: report.missing,
          }),
        );
      } else {
        // An empty table says nothing the count line does not.
        if (report.results.length > 0)
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
              options.verbose ? {} : { maxWidth: TABLE_WIDTH },
            ),
          );
        io.out(`${report.results.length} message(s), ${deleted} handled and deleted, ${report.kept} kept`);
        for (const range of report.missing) {
          io.out(
            `not in the stream any more: ${range.shardId} ${range.fromSequenceNumber} … ${range.toSequenceNumber} (${range.reason})`,
          );
        }
      }
      return report.kept > 0 ? 1 : 0;
    },
    streams,
  );
}
