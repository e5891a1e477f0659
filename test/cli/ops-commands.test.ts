/**
 * The operations commands (redrive, executions, replay-dlq, invoke) all answer alike: `--help` and
 * `-h` print usage with every option and an example (exit 0); an unknown option, a bad value or
 * two conflicting targets print the reason and the usage line (exit 2, no stack trace); an
 * explicit selection that matches nothing exits 1. Each runs in-process through the function its
 * entry point calls, and once as the real entry point in a child process.
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { QueueDoesNotExist, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { SqsDeadLetterQueue } from '../../ops/aws/sqs-dead-letter-queue.js';
import type { CommandStreams } from '../../ops/cli/program.js';
import { runExecutionsCli } from '../../ops/executions/executions-cli.js';
import { main as runInvokeCli } from '../../ops/invoke/cli.js';
import { runRedriveCli } from '../../ops/redrive/redrive-cli.js';
import { runReplayDlqCli } from '../../ops/replay-dlq/replay-dlq-cli.js';
import type { ExecutionSource } from '../../ops/types.js';
import { commandStreams } from '../support/command-streams.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const STACK_TRACE = /^\s{4}at /m;
const UNKNOWN_CONTACT = '99999999-9999-4999-8999-999999999999';

/** A Step Functions stand-in holding no execution at all. */
const emptySource: ExecutionSource = {
  async *list() {},
  describe: async () => {
    throw new Error('no execution');
  },
  history: async () => [],
  redrive: async () => {},
  start: async () => ({ executionArn: 'unused' }),
};

const KNOWN_CONTACT = '11111111-1111-4111-8111-111111111111';

/** A source holding one FAILED execution of `contactId` (named after it, as the trigger names them). */
function failedExecutionSource(contactId: string, extra: { redriveStatus?: string } = {}): ExecutionSource {
  const startDate = new Date('2026-11-28T10:00:00Z');
  return {
    ...emptySource,
    async *list() {
      yield { executionArn: `arn:${contactId}`, name: contactId, status: 'FAILED', startDate };
    },
    describe: async (executionArn) => ({
      executionArn,
      name: contactId,
      status: 'FAILED',
      startDate,
      stopDate: new Date(),
      input: JSON.stringify({ contactId }),
      ...extra,
    }),
  };
}

const refuse = async (): Promise<never> => {
  throw new Error('bad usage must be refused before any target is opened');
};

interface CommandCase {
  command: string;
  /** Runs the command in-process; `open` is false for usage cases (nothing may be opened). */
  run: (argv: string[], streams: CommandStreams, open: boolean) => Promise<number>;
  options: string[];
  badValue: { argv: string[]; reason: RegExp };
  conflicts: Array<{ argv: string[]; reason: RegExp }>;
  noMatch: { argv: string[]; reason: RegExp };
}

const sqsMock = mockClient(SQSClient);
afterEach(() => sqsMock.reset());

const CASES: CommandCase[] = [
  {
    command: 'redrive',
    run: (argv, streams, open) => runRedriveCli(argv, open ? async () => emptySource : refuse, streams),
    options: [
      '--status <list>',
      '--since <iso>',
      '--until <iso>',
      '--contact-id <id>',
      '--dry-run',
      '--concurrency <n>',
      '--stack-name <name>',
      '--state-machine-arn <arn>',
      '--local',
      '--json',
      '--verbose',
    ],
    badValue: {
      argv: ['--concurrency', 'ten'],
      reason: /option '--concurrency <n>' argument 'ten' is invalid/,
    },
    conflicts: [
      {
        argv: ['--local', '--stack-name', 'x'],
        reason: /'--local' cannot be used with option '--stack-name <name>'/,
      },
      {
        argv: ['--local', '--state-machine-arn', 'x'],
        reason: /'--local' cannot be used with option '--state-machine-arn <arn>'/,
      },
    ],
    noMatch: {
      argv: ['--contact-id', UNKNOWN_CONTACT],
      reason: new RegExp(`redrive: no execution found for ${UNKNOWN_CONTACT}`),
    },
  },
  {
    command: 'executions',
    run: (argv, streams, open) => runExecutionsCli(argv, open ? async () => emptySource : refuse, streams),
    options: [
      '--status <list>',
      '--since <iso>',
      '--until <iso>',
      '--contact-id <id>',
      '--stack-name <name>',
      '--state-machine-arn <arn>',
      '--local',
      '--json',
      '--verbose',
    ],
    badValue: {
      argv: ['--since', 'yesterday'],
      reason: /option '--since <iso>' argument 'yesterday' is invalid\. must be an ISO 8601/,
    },
    conflicts: [
      {
        argv: ['--local', '--stack-name', 'x'],
        reason: /'--local' cannot be used with option '--stack-name <name>'/,
      },
      {
        argv: ['--stack-name', 'x', '--state-machine-arn', 'y'],
        reason: /'--state-machine-arn <arn>' cannot be used with option '--stack-name <name>'/,
      },
    ],
    noMatch: {
      argv: ['--contact-id', UNKNOWN_CONTACT],
      reason: new RegExp(`executions: no execution found for ${UNKNOWN_CONTACT}`),
    },
  },
  {
    command: 'replay-dlq',
    run: (argv, streams, open) =>
      runReplayDlqCli(
        argv,
        open
          ? async ({ queueUrl }) => ({
              queue: new SqsDeadLetterQueue(queueUrl ?? '', new SQSClient({ region: 'us-east-1' })),
              startBatch: async () => [],
            })
          : refuse,
        streams,
      ),
    options: [
      '--stack-name <name>',
      '--queue-url <url>',
      '--state-machine-arn <arn>',
      '--local',
      '--dry-run',
      '--max <n>',
      '--json',
      '--verbose',
    ],
    badValue: {
      argv: ['--max', '0'],
      reason: /option '--max <n>' argument '0' is invalid\. must be a positive integer/,
    },
    conflicts: [
      {
        argv: ['--local', '--queue-url', 'x'],
        reason: /'--queue-url <url>' cannot be used with option '--local'/,
      },
      {
        argv: ['--local', '--stack-name', 'x'],
        reason: /'--local' cannot be used with option '--stack-name <name>'/,
      },
    ],
    noMatch: {
      argv: ['--queue-url', 'https://sqs.us-east-1.amazonaws.com/123456789012/gone'],
      reason:
        /replay-dlq: no queue at https:\/\/sqs\.us-east-1\.amazonaws\.com\/123456789012\/gone \(QueueDoesNotExist\)/,
    },
  },
  {
    command: 'invoke',
    run: (argv, streams, open) =>
      runInvokeCli(argv, {
        streams,
        lambdaClient: () => new LambdaClient({ region: 'us-east-1' }),
        localTarget: open
          ? async () => ({ invoker: { target: 'none', invoke: refuse }, close: async () => {} })
          : refuse,
      }),
    options: [
      '[events...]',
      '--walkthrough',
      '--json',
      '--function-name <name>',
      '--region <region>',
      '--local',
    ],
    badValue: {
      argv: ['--walkthrough', '--function-name'],
      reason: /option '--function-name <name>' argument missing/,
    },
    conflicts: [
      { argv: ['--walkthrough', 'event.json'], reason: /invoke: give either event files or --walkthrough/ },
      {
        argv: ['--local', '--function-name', 'sfInvokeAPI', '--walkthrough'],
        reason: /'--local' cannot be used with option '--function-name <name>'/,
      },
      {
        argv: ['--walkthrough', '--region', 'eu-west-2'],
        reason: /--region names the region of a deployed function: pass --function-name too/,
      },
    ],
    noMatch: { argv: ['no/such/event.json'], reason: /invoke: no such event file: no\/such\/event\.json/ },
  },
];

async function run(command: CommandCase, argv: string[], open = false) {
  const streams = commandStreams();
  const code = await command.run(argv, streams, open);
  return { code, out: streams.stdoutText(), err: streams.stderrText() };
}

describe.each(CASES)('npm run $command', (command) => {
  it.each([['--help'], ['-h']])(
    '%s prints usage, every option, an example and the exit codes; exit 0',
    async (flag) => {
      const { code, out, err } = await run(command, [flag]);
      expect(code).toBe(0);
      expect(err).toBe('');
      expect(out).toContain(`Usage: npm run ${command.command} -- [options]`);
      for (const option of [...command.options, '-h, --help']) expect(out).toContain(option);
      expect(out).toMatch(new RegExp(`Examples:\\n {2}npm run ${command.command} -- `));
      expect(out).toMatch(/Exit codes:\n {2}0 .*\n {2}1 .*\n {2}2 /);
      for (const line of out.split('\n')) expect(line.length).toBeLessThanOrEqual(120);
    },
  );

  const usageCases = [
    { name: 'an unknown option', argv: ['--bogus'], reason: /error: unknown option '--bogus'/ },
    { name: 'a bad value', ...command.badValue },
    ...command.conflicts.map((conflict) => ({ name: `conflicting ${conflict.argv.join(' ')}`, ...conflict })),
  ];
  it.each(usageCases)(
    '$name: the reason and the usage line on stderr, exit 2, no stack trace',
    async ({ argv, reason }) => {
      const { code, out, err } = await run(command, argv);
      expect(code).toBe(2);
      expect(out).toBe('');
      expect(err).toMatch(reason);
      expect(err).toContain(`Usage: npm run ${command.command} -- [options]`);
      expect(err).not.toMatch(STACK_TRACE);
    },
  );

  it('an explicit selection that matches nothing: one line on stderr, exit 1', async () => {
    sqsMock
      .on(ReceiveMessageCommand)
      .rejects(new QueueDoesNotExist({ message: 'The specified queue does not exist.', $metadata: {} }));
    const { code, err } = await run(command, command.noMatch.argv, true);
    expect(code).toBe(1);
    expect(err).toMatch(command.noMatch.reason);
    expect(err).not.toMatch(STACK_TRACE);
  });

  it('the real entry point answers --help (child process)', async () => {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', `ops/${command.command}.ts`, '--help'],
      { cwd: ROOT, timeout: 60_000 },
    );
    expect(stdout).toContain(`Usage: npm run ${command.command} -- [options]`);
    expect(stdout).toContain('Examples:');
  });
});

describe('the shared execution selection', () => {
  it('refuses --until before --since with exit 2', async () => {
    const { code, err } = await run(
      CASES[0] as CommandCase,
      ['--since', '2026-11-28T12:00Z', '--until', '2026-11-28T10:00Z'],
      true,
    );
    expect(code).toBe(2);
    expect(err).toContain('redrive: --until must be later than --since');
  });

  it('redrive: a second named contact without any execution still exits 1 after the first is handled', async () => {
    const known = KNOWN_CONTACT;
    const source = failedExecutionSource(known, { redriveStatus: 'REDRIVABLE' });
    const streams = commandStreams();
    const code = await runRedriveCli(
      ['--contact-id', known, '--contact-id', UNKNOWN_CONTACT],
      async () => source,
      streams,
    );
    expect(code).toBe(1);
    expect(streams.stdoutText()).toContain('1 execution(s) matched, 1 handled, 0 failed');
    expect(streams.stderrText()).toContain(
      `redrive: no execution found for ${UNKNOWN_CONTACT} (status FAILED, TIMED_OUT, ABORTED)`,
    );
  });

  it('redrive on a terminal: one updating progress line on stderr, erased before the table', async () => {
    const known = KNOWN_CONTACT;
    const source = failedExecutionSource(known);
    const terminal = commandStreams({ tty: true, columns: 100 });
    expect(await runRedriveCli([], async () => source, terminal)).toBe(0);
    expect(terminal.stderrText()).toBe(`\r\x1b[2K[1/1] ${known}: redrive done\r\x1b[2K`);

    const piped = commandStreams();
    expect(await runRedriveCli(['--json'], async () => source, piped)).toBe(0);
    expect(piped.stderrText()).toBe(`[1/1] ${known}: redrive done\n`);
    expect(JSON.parse(piped.stdoutText())).toMatchObject({
      matched: 1,
      handled: 1,
      failed: 0,
      dryRun: false,
    });
  });
});
