import { Option } from '@commander-js/extra-typings';
import { afterEach, describe, expect, it } from 'vitest';
import { commandStreams } from '../../test/support/command-streams.js';
import { NothingMatchedError, UsageError } from './errors.js';
import { createProgram, runProgram } from './program.js';
import { parsePositiveInt } from './value-parsers.js';

function sampleProgram() {
  return createProgram({
    name: 'sample',
    description: 'A sample command.',
    examples: [{ command: 'npm run sample -- --local', description: 'the offline stack' }],
  })
    .option('--concurrency <n>', 'items at once', parsePositiveInt, 10)
    .addOption(new Option('--local', 'the offline stack').conflicts(['stackName']))
    .option('--stack-name <name>', 'the deployed stack')
    .option('--verbose', 'stack traces on errors');
}

async function run(argv: string[], action: Parameters<typeof runProgram>[2] = () => 0) {
  const streams = commandStreams();
  const code = await runProgram(sampleProgram(), argv, action, streams);
  return { code, out: streams.stdoutText(), err: streams.stderrText() };
}

const STACK_LINE = /^\s{4}at /m;

describe('runProgram', () => {
  const debug = process.env.DEBUG;
  afterEach(() => {
    if (debug === undefined) delete process.env.DEBUG;
    else process.env.DEBUG = debug;
  });

  it.each([['--help'], ['-h']])(
    '%s prints usage, every option, an example and the exit codes; exit 0',
    async (flag) => {
      let ran = false;
      const { code, out, err } = await run([flag], () => {
        ran = true;
        return 0;
      });
      expect(code).toBe(0);
      expect(ran).toBe(false);
      expect(err).toBe('');
      expect(out).toContain('Usage: npm run sample -- [options]');
      for (const option of ['--concurrency <n>', '--local', '--stack-name <name>', '-h, --help'])
        expect(out).toContain(option);
      expect(out).toContain('Examples:\n  npm run sample -- --local\n      the offline stack');
      expect(out).toMatch(/Exit codes:\n {2}0 {2}done\n {2}1 .*\n {2}2 {2}bad usage/);
    },
  );

  it('hands the typed options to the action and returns its exit code', async () => {
    const seen: unknown[] = [];
    const { code } = await run(['--concurrency', '3', '--local'], (options) => {
      seen.push(options.concurrency, options.local);
      return 7;
    });
    expect(code).toBe(7);
    expect(seen).toEqual([3, true]);
  });

  it.each([
    [['--nope'], /error: unknown option '--nope'/],
    [['--concurency', '2'], /unknown option '--concurency'\n\(Did you mean --concurrency\?\)/],
    [
      ['--concurrency', 'x'],
      /error: option '--concurrency <n>' argument 'x' is invalid\. must be a positive integer/,
    ],
    [
      ['--local', '--stack-name', 'prod'],
      /error: option '--local' cannot be used with option '--stack-name <name>'/,
    ],
    [['extra'], /error: too many arguments/],
  ])('%j: the reason and the usage line on stderr, exit 2, no stack trace', async (argv, reason) => {
    let ran = false;
    const { code, out, err } = await run(argv, () => {
      ran = true;
      return 0;
    });
    expect(code).toBe(2);
    expect(ran).toBe(false);
    expect(out).toBe('');
    expect(err).toMatch(reason);
    expect(err).toContain('Usage: npm run sample -- [options]');
    expect(err).not.toMatch(STACK_LINE);
  });

  it('a UsageError from the action: exit 2 with the usage line', async () => {
    const { code, err } = await run([], () => {
      throw new UsageError('no state machine: pass --stack-name or --local');
    });
    expect(code).toBe(2);
    expect(err).toBe(
      'sample: no state machine: pass --stack-name or --local\nUsage: npm run sample -- [options]\nRun with --help for every option and an example.\n',
    );
  });

  it('NothingMatchedError: one line, exit 1', async () => {
    const { code, err } = await run([], async () => {
      throw new NothingMatchedError('no execution found for c-1');
    });
    expect(code).toBe(1);
    expect(err).toBe('sample: no execution found for c-1\n');
  });

  it('an operational error: one line, exit 1; its stack only with --verbose or DEBUG', async () => {
    delete process.env.DEBUG;
    const fail = () => {
      throw Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' });
    };
    const plain = await run([], fail);
    expect(plain.code).toBe(1);
    expect(plain.err).toBe('sample: ThrottlingException: Rate exceeded\n');

    const verbose = await run(['--verbose'], fail);
    expect(verbose.code).toBe(1);
    expect(verbose.err).toMatch(STACK_LINE);

    process.env.DEBUG = '1';
    expect((await run([], fail)).err).toMatch(STACK_LINE);
  });

  it('writes help to the injected stream wrapped to its width, at most 120 columns', async () => {
    const streams = commandStreams({ columns: 300 });
    const program = createProgram({
      name: 'wide',
      description: `${'word '.repeat(60)}end`,
      examples: [{ command: 'npm run wide' }],
    });
    expect(await runProgram(program, ['--help'], () => 0, streams)).toBe(0);
    for (const line of streams.stdoutText().split('\n')) expect(line.length).toBeLessThanOrEqual(120);
  });
});
