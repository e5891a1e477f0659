/**
 * `npm run bench -- <benchmark> [arguments]` runs one benchmark (`bench/<benchmark>.ts`) and prints
 * its figures as one JSON object, the last line of output. The benchmarks are listed here with
 * their own arguments, so `npm run bench -- --help` lists them, `npm run bench -- <benchmark>
 * --help` explains one, and an unknown name or a bad value is refused (exit 2) before anything runs.
 * A benchmark module is imported only when it runs.
 *
 * @example
 * ```sh
 * npm run bench -- salesforce-client
 * npm run bench -- local-scale --repeat 3
 * ```
 */
import '../local/runner/promise-with-resolvers.js';
import { Argument, type Command } from '@commander-js/extra-typings';
import { type CommandIo, createProgram, runProgram } from '../ops/cli/program.js';
import { parsePositiveInt } from '../ops/cli/value-parsers.js';

type Figures = Record<string, unknown> | undefined;

interface Benchmark {
  /** One line in `npm run bench -- --help` (at most 55 characters: the list fits 80 columns). */
  summary: string;
  /** Parses the benchmark's own arguments (after its name), runs it, returns the exit code. */
  main(argv: string[]): Promise<number>;
}

/** A benchmark's own program: `npm run bench -- <name> [arguments]`. */
function benchProgram(name: string, summary: string, example = ''): Command {
  return createProgram({
    name: `bench ${name}`,
    invocation: `npm run bench -- ${name}`,
    description: summary,
    examples: [{ command: `npm run bench -- ${name}${example}` }],
    exitOne: 'the benchmark failed',
  });
}

function printFigures(io: CommandIo, figures: Figures): number {
  if (figures !== undefined) io.out(JSON.stringify(figures));
  return 0;
}

/** A benchmark taking no arguments. */
function plain(name: string, summary: string, load: () => Promise<{ run(): Promise<Figures> }>): Benchmark {
  return {
    summary,
    main: (argv) =>
      runProgram(benchProgram(name, summary), argv, async (_options, io) =>
        printFigures(io, await (await load()).run()),
      ),
  };
}

/** A benchmark taking one optional count, `[argument]` (default `fallback`), handed to `run`. */
function counted(
  name: string,
  summary: string,
  argument: { name: string; description: string; fallback: number; example: number },
  run: (count: number) => Promise<Figures>,
): Benchmark {
  return {
    summary,
    main(argv) {
      const program = benchProgram(name, summary, ` ${argument.example}`).argument(
        `[${argument.name}]`,
        argument.description,
        parsePositiveInt,
        argument.fallback,
      );
      return runProgram(program, argv, async (_options, io, [count]) => printFigures(io, await run(count)));
    },
  };
}

const BENCHMARKS: Record<string, Benchmark> = {
  'salesforce-client': counted(
    'salesforce-client',
    'client overhead vs bare undici; token requests',
    { name: 'iterations', description: 'calls per operation and side', fallback: 3000, example: 1000 },
    async (iterations) => (await import('./salesforce-client.js')).run({ iterations }),
  ),
  'invoke-api': counted(
    'invoke-api',
    'sfInvokeAPI latency vs a bare request; cold init',
    { name: 'iterations', description: 'warm invocations per side', fallback: 300, example: 100 },
    async (iterations) => (await import('./invoke-api.js')).run({ iterations }),
  ),
  pipeline: counted(
    'pipeline',
    'calls, transitions and cost per contact; upload RSS',
    {
      name: 'recordingMb',
      description: 'size of the recording the upload measurement streams, in MB',
      fallback: 200,
      example: 50,
    },
    async (megabytes) => (await import('./pipeline.js')).run({ megabytes }),
  ),
  'pipeline-cost': plain(
    'pipeline-cost',
    'the cost model alone (a few minutes)',
    () => import('./pipeline-cost.js'),
  ),
  'pipeline-full-contact': plain(
    'pipeline-full-contact',
    'one contact asking for everything, vs the original',
    () => import('./pipeline-full-contact.js'),
  ),
  'pipeline-versions': plain(
    'pipeline-versions',
    'Salesforce calls per extra version of a contact',
    () => import('./pipeline-versions.js'),
  ),
  reporting: plain(
    'reporting',
    'calls per real-time refresh and per 1,000 report rows',
    () => import('./reporting.js'),
  ),
  'local-scale': {
    summary: "npm start's engine at 100 and 1,000 contacts",
    main(argv) {
      const program = benchProgram('local-scale', this.summary, ' --repeat 3').option(
        '--repeat <n>',
        'passes over every size and batching (medians over them)',
        parsePositiveInt,
        1,
      );
      return runProgram(program, argv, async (options, io) =>
        printFigures(io, await (await import('./local-scale.js')).run({ repeat: options.repeat })),
      );
    },
  },
};

const names = Object.keys(BENCHMARKS);
const width = Math.max(...names.map((name) => name.length));
const program = createProgram({
  name: 'bench',
  description: [
    'Runs one benchmark and prints its figures as one JSON object on the last line.',
    '',
    'Benchmarks:',
    ...names.map((name) => `  ${name.padEnd(width)}  ${BENCHMARKS[name]?.summary}`),
  ].join('\n'),
  examples: [
    { command: 'npm run bench -- salesforce-client', description: 'one benchmark' },
    { command: 'npm run bench -- local-scale --help', description: "a benchmark's own arguments" },
  ],
  exitOne: 'the benchmark failed',
})
  .addArgument(new Argument('<benchmark>', 'which benchmark').choices(names))
  .argument('[arguments...]', 'the benchmark\'s own arguments (see "npm run bench -- <benchmark> --help")')
  // Everything after the benchmark's name is its own: its --help and options included.
  .passThroughOptions();

process.exitCode = await runProgram(program, process.argv.slice(2), (_options, _io, [name, rest]) => {
  const benchmark = BENCHMARKS[name];
  return benchmark === undefined ? 2 : benchmark.main(rest);
});
