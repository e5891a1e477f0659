/**
 * Every command as a user runs it (a child process through tsx, like its npm script): `--help` and
 * `-h` print the usage with every option and an example (within 120 columns) and exit 0; an unknown option, a bad value
 * or a conflicting pair prints the reason and the usage line on stderr and exits 2; an explicit
 * selection that matches nothing exits 1. Never a stack trace, not even when the reader of the
 * output closes the pipe early (`| head`). Every case here ends before the
 * command does any real work (no pipeline, build or benchmark runs).
 */
import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../infra/lib/paths.js';

const execFileAsync = promisify(execFile);
const TSX = join(REPO_ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs');
const directory = mkdtempSync(join(tmpdir(), 'commands-test-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

/** A file in the test's temporary folder. */
function file(name: string, text: string): string {
  const path = join(directory, name);
  writeFileSync(path, text);
  return path;
}

interface CommandSpec {
  /** The npm script. */
  script: string;
  /** The file the npm script runs with tsx. */
  entry: string;
  /** Every option `--help` must list. */
  options: string[];
  /** Arguments before the case's own (e.g. a subcommand). */
  prefix?: string[];
}

const COMMANDS: Record<string, CommandSpec> = {
  start: {
    script: 'start',
    entry: 'local/start.ts',
    options: [
      '--ctr',
      '--json',
      '--verbose',
      '--daily-api-limit',
      '--reject-field',
      '--start-execution-throttle-rate',
    ],
  },
  'salesforce-emulator': {
    script: 'salesforce-emulator',
    entry: 'local/salesforce-emulator/cli.ts',
    options: [
      '--port',
      '--seed',
      '--no-seed',
      '--namespace',
      '--daily-api-limit',
      '--latency-ms',
      '--reject-field',
      '--write-env',
    ],
  },
  bench: {
    script: 'bench',
    entry: 'bench/run.ts',
    // Every benchmark module is one of its choices, listed in its help.
    options: readdirSync(join(REPO_ROOT, 'bench'))
      .filter((name) => name.endsWith('.ts') && name !== 'run.ts' && !name.endsWith('.test.ts'))
      .map((name) => name.slice(0, -3)),
  },
  'bench local-scale': {
    script: 'bench',
    entry: 'bench/run.ts',
    prefix: ['local-scale'],
    options: ['--repeat'],
  },
  'bench invoke-api': {
    script: 'bench',
    entry: 'bench/run.ts',
    prefix: ['invoke-api'],
    options: ['iterations'],
  },
  package: {
    script: 'package',
    entry: 'infra/bin/package.ts',
    options: ['--s3-bucket', '--s3-prefix', '--region', '--endpoint-url', '--json'],
  },
};

type Expectation = { kind: 'usage error'; reason: RegExp } | { kind: 'nothing matched'; reason: RegExp };

/** [command, what is wrong, arguments, expected answer]. */
const MISUSES: Array<[keyof typeof COMMANDS, string, () => string[], Expectation]> = [
  ['start', 'unknown option', () => ['--bogus'], { kind: 'usage error', reason: /--bogus/ }],
  [
    'start',
    'throttle rate above 1',
    () => ['--start-execution-throttle-rate', '2'],
    { kind: 'usage error', reason: /--start-execution-throttle-rate.*0.*1/ },
  ],
  [
    'start',
    'daily API limit not a positive integer',
    () => ['--daily-api-limit', '0'],
    { kind: 'usage error', reason: /--daily-api-limit.*positive integer/ },
  ],
  [
    'start',
    'reject-field without its object',
    () => ['--reject-field', 'Attributes__c'],
    { kind: 'usage error', reason: /--reject-field/ },
  ],
  [
    'start',
    'a CTR file that does not exist',
    () => ['--ctr', join(directory, 'missing.jsonl')],
    { kind: 'usage error', reason: /missing\.jsonl/ },
  ],
  [
    'start',
    '--json with --verbose (the logs would break the JSON)',
    () => ['--json', '--verbose'],
    { kind: 'usage error', reason: /--json.*--verbose|--verbose.*--json/ },
  ],
  [
    'start',
    'a CTR file with no records',
    () => ['--ctr', file('empty.jsonl', '\n\n')],
    { kind: 'nothing matched', reason: /empty\.jsonl.*no (contact )?records/ },
  ],
  ['salesforce-emulator', 'unknown option', () => ['--bogus'], { kind: 'usage error', reason: /--bogus/ }],
  [
    'salesforce-emulator',
    'port not a number',
    () => ['--port', 'abc'],
    { kind: 'usage error', reason: /--port.*abc/ },
  ],
  [
    'salesforce-emulator',
    'port out of range',
    () => ['--port', '70000'],
    { kind: 'usage error', reason: /--port.*65535/ },
  ],
  [
    'salesforce-emulator',
    'latency not a number',
    () => ['--latency-ms', 'slow'],
    { kind: 'usage error', reason: /--latency-ms.*slow/ },
  ],
  [
    'salesforce-emulator',
    'daily API limit not a positive integer',
    () => ['--daily-api-limit', '-5'],
    { kind: 'usage error', reason: /--daily-api-limit/ },
  ],
  [
    'salesforce-emulator',
    'reject-field without its object',
    () => ['--reject-field', 'Attributes__c'],
    { kind: 'usage error', reason: /--reject-field/ },
  ],
  [
    'salesforce-emulator',
    'a seed file that does not exist',
    () => ['--seed', join(directory, 'missing-seed.json')],
    { kind: 'usage error', reason: /missing-seed\.json/ },
  ],
  [
    'salesforce-emulator',
    '--seed with --no-seed',
    () => ['--seed', file('seed.json', '{}'), '--no-seed'],
    { kind: 'usage error', reason: /--seed.*--no-seed|--no-seed.*--seed/ },
  ],
  [
    'bench',
    'unknown benchmark (the valid ones listed)',
    () => ['no-such-bench'],
    { kind: 'usage error', reason: /no-such-bench[\s\S]*salesforce-client[\s\S]*local-scale/ },
  ],
  ['bench', 'unknown option', () => ['--bogus'], { kind: 'usage error', reason: /--bogus/ }],
  ['bench local-scale', 'unknown option', () => ['--bogus'], { kind: 'usage error', reason: /--bogus/ }],
  [
    'bench local-scale',
    'repeat not a positive integer',
    () => ['--repeat', '0'],
    { kind: 'usage error', reason: /--repeat.*positive integer/ },
  ],
  [
    'bench invoke-api',
    'iterations not a number',
    () => ['many'],
    { kind: 'usage error', reason: /'many'.*iterations/ },
  ],
  ['package', 'unknown option', () => ['--bogus'], { kind: 'usage error', reason: /--bogus/ }],
  [
    'package',
    'an S3 URL instead of a bucket name',
    () => ['--s3-bucket', 's3://artifacts/releases'],
    { kind: 'usage error', reason: /--s3-bucket.*s3:\/\/artifacts\/releases.*--s3-prefix/ },
  ],
  [
    'package',
    'an endpoint that is not a URL',
    () => ['--s3-bucket', 'artifacts', '--endpoint-url', 'localhost:4566'],
    { kind: 'usage error', reason: /--endpoint-url.*localhost:4566/ },
  ],
  [
    'package',
    'a Region that is not one',
    () => ['--s3-bucket', 'artifacts', '--region', 'eu-west'],
    { kind: 'usage error', reason: /--region.*eu-west/ },
  ],
  [
    'package',
    'upload options without --s3-bucket',
    () => ['--s3-prefix', 'releases/'],
    { kind: 'usage error', reason: /--s3-prefix.*--s3-bucket/ },
  ],
];

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

async function runCommand(spec: CommandSpec, args: string[]): Promise<Run> {
  try {
    const { stdout, stderr } = await execFileAsync(
      process.execPath,
      [TSX, spec.entry, ...(spec.prefix ?? []), ...args],
      {
        cwd: REPO_ROOT,
        env: { ...process.env, POWERTOOLS_DEV: 'false' },
        timeout: 60_000,
      },
    );
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return {
      code: typeof failed.code === 'number' ? failed.code : -1,
      stdout: failed.stdout ?? '',
      stderr: failed.stderr ?? '',
    };
  }
}

const STACK_LINE = /^\s+at .+\(?.*:\d+:\d+\)?$/m;

describe.concurrent('every command explains itself', () => {
  describe.each(Object.entries(COMMANDS))('%s', (_name, spec) => {
    it.each(['--help', '-h'])(
      '%s prints the usage with every option and an example, exit 0',
      async (flag) => {
        const { code, stdout, stderr } = await runCommand(spec, [flag]);
        expect(code, stderr).toBe(0);
        expect(stdout).toMatch(/^Usage: /m);
        expect(stdout).toContain(`npm run ${spec.script}`.replace('npm run start', 'npm start'));
        for (const option of spec.options) expect(stdout).toContain(option);
        expect(stdout).toMatch(/^Examples?:/m);
        for (const line of stdout.split('\n')) expect(line.length, line).toBeLessThanOrEqual(120);
        expect(stdout).not.toMatch(STACK_LINE);
      },
    );
  });

  it.each(MISUSES)('%s: %s', async (name, _what, args, expected) => {
    const spec = COMMANDS[name];
    const { code, stdout, stderr } = await runCommand(spec, args());
    expect(stderr).not.toMatch(STACK_LINE);
    expect(stdout).not.toMatch(STACK_LINE);
    expect(stderr).toMatch(expected.reason);
    if (expected.kind === 'usage error') {
      expect(code, stderr).toBe(2);
      // The usage line, so the right form is at hand.
      expect(stderr).toMatch(/^Usage: /m);
    } else {
      expect(code, stderr).toBe(1);
    }
  });

  // `npm run bench -- --help | head -3`: the reader closes the pipe before the help is written.
  it.each(Object.entries(COMMANDS))(
    '%s --help into a pipe closed early: exit 0, no stack trace',
    async (_name, spec) => {
      const child = spawn(process.execPath, [TSX, spec.entry, ...(spec.prefix ?? []), '--help'], {
        cwd: REPO_ROOT,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      child.stdout.destroy();
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => {
        stderr += chunk.toString();
      });
      const code = await new Promise<number | null>((resolve) => child.once('close', resolve));
      expect(stderr).not.toMatch(STACK_LINE);
      expect(stderr).not.toMatch(/EPIPE/);
      expect(code, stderr).toBe(0);
    },
  );
});
