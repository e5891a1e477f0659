/**
 * The one way every command of the repository (`npm start`, `invoke`, `redrive`, `executions`,
 * `replay-dlq`, `salesforce-emulator`, `bench`, `package`) parses its arguments and ends: a
 * commander program from {@link createProgram}, run by {@link runProgram}, which maps every
 * outcome to an exit code the same way:
 *
 * - 0: done; also `--help` / `-h` (usage, every option, examples, exit codes);
 * - 1: something failed (one line on stderr, its stack only with `--verbose` or `DEBUG` set), or
 *   an explicit selection matched nothing ({@link NothingMatchedError});
 * - 2: bad usage: an unknown option, a bad value (the value parsers in `value-parsers.ts`),
 *   conflicting options (commander's `Option.conflicts()`), or a {@link UsageError} thrown
 *   later; the reason and the usage line go to stderr, never a stack trace.
 *
 * Output goes to injectable streams, so tests run a command in-process and read what it printed.
 *
 * @example
 * ```ts
 * import { Option } from '@commander-js/extra-typings';
 * const program = createProgram({
 *   name: 'redrive',
 *   description: 'Re-drive failed post-call executions.',
 *   examples: [{ command: 'npm run redrive -- --local', description: 'the offline stack' }],
 * })
 *   .option('--concurrency <n>', 'executions at once', parsePositiveInt, 10)
 *   .addOption(new Option('--local', 'the offline stack').conflicts(['stackName']))
 *   .option('--stack-name <name>', 'the deployed stack');
 * process.exitCode = await runProgram(program, process.argv.slice(2), async (options, io) => {
 *   io.out(`concurrency ${options.concurrency}`);
 *   return 0;
 * });
 * ```
 */
import { Command, CommanderError } from '@commander-js/extra-typings';
import { NothingMatchedError, UsageError } from './errors.js';
import { TABLE_WIDTH } from './text-table.js';

const DEFAULT_WIDTH = 80;

/** Where a command writes: `process.stdout` / `process.stderr`, or a capture in tests. */
export interface OutputStream {
  write(text: string): unknown;
  /** True on a terminal: progress may rewrite one line in place. */
  isTTY?: boolean;
  columns?: number;
}

/** The two streams a command writes to: results on stdout, diagnostics and progress on stderr. */
export interface CommandStreams {
  stdout: OutputStream;
  stderr: OutputStream;
}

/** What a command's action gets beside its options: line writers and the raw streams. */
export interface CommandIo {
  /** One line of results (stdout). */
  out(line: string): void;
  /** One line of diagnostics or progress (stderr). */
  err(line: string): void;
  streams: CommandStreams;
}

/** One example of `--help`'s Examples section. */
export interface CommandExample {
  /** The command line as a user types it, e.g. `npm run redrive -- --local --dry-run`. */
  command: string;
  /** What it does, shown under it. */
  description?: string;
}

/** What {@link createProgram} needs to know about a command. */
export interface ProgramSpec {
  /** The npm script name (`redrive`); errors are prefixed with it. */
  name: string;
  /** How a user invokes it, shown in the usage line. Default: `npm run <name> --`. */
  invocation?: string;
  /** One or two sentences: what the command does. */
  description: string;
  /** At least one example, shown in `--help`. */
  examples: readonly [CommandExample, ...CommandExample[]];
  /** Meaning of exit code 1 for this command; default: a failure or nothing matched. */
  exitOne?: string;
}

/** A command's work: returns its exit code (0 when omitted); throws to fail (see the module doc). */
export type CommandAction<Args extends unknown[], Opts> = (
  options: Opts,
  io: CommandIo,
  args: Args,
) => Promise<number | undefined> | number | undefined;

/** The process's own stdout and stderr, the default of {@link runProgram}. */
export const processStreams: CommandStreams = { stdout: process.stdout, stderr: process.stderr };

/**
 * A commander program set up like every other command: `-h, --help` with an examples and exit
 * codes section, errors thrown instead of `process.exit` (see {@link runProgram}), suggestions
 * for a mistyped option, no excess arguments, no colours (output lands in CI logs too).
 */
export function createProgram(spec: ProgramSpec): Command {
  const invocation = spec.invocation ?? `npm run ${spec.name} --`;
  const program = new Command(spec.name)
    .description(spec.description)
    .configureHelp({ commandUsage: (command) => `${invocation} ${command.usage()}` })
    .helpOption('-h, --help', 'show this help and exit')
    .exitOverride()
    .allowExcessArguments(false)
    .showSuggestionAfterError(true)
    .addHelpText('after', helpFooter(spec));
  return program;
}

function helpFooter(spec: ProgramSpec): string {
  const examples = spec.examples.flatMap((example) => [
    `  ${example.command}`,
    ...(example.description ? [`      ${example.description}`] : []),
  ]);
  return [
    '',
    'Examples:',
    ...examples,
    '',
    'Exit codes:',
    '  0  done',
    `  1  ${spec.exitOne ?? 'something failed, or the selection matched nothing'}`,
    '  2  bad usage (unknown option, bad value, conflicting options)',
  ].join('\n');
}

/**
 * Parses `argv` (the arguments after the script, e.g. `process.argv.slice(2)`), runs `action`
 * with the typed options, and returns the exit code; never throws, never calls `process.exit`.
 */
export async function runProgram<Args extends unknown[], Opts extends Record<string, unknown>>(
  program: Command<Args, Opts>,
  argv: readonly string[],
  action: CommandAction<Args, Opts>,
  streams: CommandStreams = processStreams,
): Promise<number> {
  if (streams === processStreams) endQuietlyOnClosedPipe();
  const name = program.name();
  const io: CommandIo = {
    out: (line) => streams.stdout.write(`${line}\n`),
    err: (line) => streams.stderr.write(`${line}\n`),
    streams,
  };
  // Help is wrapped to the terminal, never wider than the tables.
  const width = (stream: OutputStream) => Math.min(stream.columns || DEFAULT_WIDTH, TABLE_WIDTH);
  program.configureOutput({
    writeOut: (text) => streams.stdout.write(text),
    writeErr: (text) => streams.stderr.write(text),
    outputError: (text, write) => write(text),
    getOutHelpWidth: () => width(streams.stdout),
    getErrHelpWidth: () => width(streams.stderr),
    getOutHasColors: () => false,
    getErrHasColors: () => false,
  });
  const usageLine = () =>
    `Usage: ${program.createHelp().commandUsage(program)}\nRun with --help for every option and an example.`;

  let exitCode = 0;
  program.action(async () => {
    exitCode = (await action(program.opts(), io, program.processedArgs)) ?? 0;
  });
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and -h end here with code 0; every other parser error was already printed.
      if (error.exitCode === 0) return 0;
      io.err(usageLine());
      return 2;
    }
    if (error instanceof UsageError) {
      io.err(`${name}: ${error.message}`);
      io.err(usageLine());
      return 2;
    }
    if (error instanceof NothingMatchedError) {
      io.err(`${name}: ${error.message}`);
      return 1;
    }
    const failure = error instanceof Error ? error : new Error(String(error));
    const kind = failure.name && failure.name !== 'Error' ? `${failure.name}: ` : '';
    io.err(`${name}: ${kind}${failure.message}`);
    if (wantsStack(program.opts()) && failure.stack) io.err(failure.stack);
    return 1;
  }
}

function wantsStack(options: Record<string, unknown>): boolean {
  const debug = process.env.DEBUG;
  return options.verbose === true || (debug !== undefined && debug !== '' && debug !== '0');
}

let pipeWatched = false;

/**
 * A reader that stops early (`npm start -- --help | head`) closes the pipe, and the next write
 * fails with EPIPE; without a listener Node prints it as an unhandled error with its stack. End
 * quietly instead, with the exit code so far, as other command-line tools do.
 */
function endQuietlyOnClosedPipe(): void {
  if (pipeWatched) return;
  pipeWatched = true;
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE') throw error;
      process.exit(process.exitCode ?? 0);
    });
  }
}
