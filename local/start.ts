/**
 * `npm start`: the post-call pipeline offline. Starts the Salesforce emulator (sample org) and a
 * local S3 with the sample recordings, feeds the sample CTRs (or `--ctr FILE`) as Kinesis batches
 * through the real trigger logic, runs every execution of statemachines/post-call.asl.json with
 * the real handlers, and prints what happened. Exits 0 only if every execution succeeded; `--help`
 * lists the options. On a terminal, a status line shows contacts done / total and Salesforce API
 * calls while the run lasts (not with --json or --verbose, nor when stderr is piped).
 * The executions, the emulated org and the dead-letter queue are saved in .local-state/ for the
 * `--local` operations commands (executions, redrive, replay-dlq).
 *
 * @example
 * ```sh
 * npm start -- --ctr my-ctrs.jsonl --json
 * ```
 */
import './start-environment.js';
import './runner/emf-environment.js';
import './runner/promise-with-resolvers.js';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Option } from '@commander-js/extra-typings';
import { NothingMatchedError } from '../ops/cli/errors.js';
import { createProgram, runProgram } from '../ops/cli/program.js';
import { checked, numberBetween, parsePositiveInt, repeatable } from '../ops/cli/value-parsers.js';
import { type CtrFileBatch, readCtrFile } from './runner/ctr-file.js';
import { parseRejectField } from './salesforce-emulator/org-behaviour.js';

const SAMPLES_DIRECTORY = join(dirname(fileURLToPath(import.meta.url)), 'samples');

function sampleFiles(): string[] {
  return readdirSync(SAMPLES_DIRECTORY)
    .filter((name) => name.endsWith('.jsonl') || name.endsWith('.json'))
    .sort()
    .map((name) => join(SAMPLES_DIRECTORY, name));
}

const program = createProgram({
  name: 'start',
  invocation: 'npm start --',
  description:
    'Runs the post-call pipeline offline: the sample CTRs (or yours) through the real trigger, state machine and ' +
    'handlers, against the Salesforce emulator and a local S3; prints a table per execution, the state summary ' +
    'and the metrics the functions would have published.',
  examples: [
    { command: 'npm start', description: 'the samples in local/samples/' },
    { command: 'npm start -- --ctr my-ctrs.jsonl --json', description: 'your CTRs, one JSON object out' },
    {
      command: 'npm start -- --reject-field AC_ContactTraceRecord__c.Attributes__c',
      description: 'contacts fail on a validation rule; then npm run redrive -- --local',
    },
  ],
  exitOne: 'an execution did not succeed, or a --ctr file holds no records',
})
  .option(
    '--ctr <file>',
    'a JSON array or JSON lines of CTRs, one Kinesis batch per file (repeatable; an invalid line is a ' +
      'malformed record). Default: local/samples/*.jsonl',
    repeatable(checked(readCtrFile, 'cannot read it')),
  )
  .option(
    '--json',
    'one JSON object instead of the table: {contacts, deadLettered, skipped, salesforceApiCalls}',
  )
  .addOption(
    new Option(
      '--verbose',
      "the functions' DEBUG logs on stdout, every state and record id in full",
    ).conflicts('json'),
  )
  .option(
    '--daily-api-limit <n>',
    "the emulated org's daily API allocation (default 100000); a small one makes contacts fail on " +
      'REQUEST_LIMIT_EXCEEDED, to try npm run redrive -- --local',
    parsePositiveInt,
  )
  .option(
    '--reject-field <Object.Field>',
    'the org refuses any write setting that field (a validation rule, repeatable): those contacts fail with ' +
      'FIELD_CUSTOM_VALIDATION_EXCEPTION; npm run redrive -- --local (rule gone) completes them',
    repeatable(checked(parseRejectField)),
  )
  .option(
    '--start-execution-throttle-rate <r>',
    'StartExecution answers ThrottlingException for about this share r (0..1) of the calls; a batch failing ' +
      'after 3 re-deliveries is given up and parked: npm run replay-dlq -- --local completes it',
    numberBetween(0, 1),
  );

process.exitCode = await runProgram(program, process.argv.slice(2), async (options, io) => {
  const batches: CtrFileBatch[] = options.ctr ?? sampleFiles().map((file) => readCtrFile(file));
  const empty = batches.find((batch) => batch.records.length === 0);
  if (empty !== undefined) throw new NothingMatchedError(`${empty.file}: no contact records in it`);

  // The pipeline's modules load only now, so --help and usage errors answer at once.
  const { runLocalStart } = await import('./runner/local-start.js');
  return runLocalStart(batches, options, io);
});
