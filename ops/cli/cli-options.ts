/**
 * The options the operations commands share, declared once on their commander programs: where
 * the executions live (`--stack-name`, `--state-machine-arn`, or `--local`, which conflict), which
 * executions (`--status`, `--since`, `--until`, `--contact-id`), and how to print (`--json`,
 * `--verbose`).
 *
 * @example
 * ```ts
 * const program = withOutputOptions(
 *   withExecutionSelection(withTargetOptions(createProgram(spec)), REDRIVABLE_STATUSES),
 * );
 * await runProgram(program, argv, async (options) => {
 *   const filter = executionFilter(options); // { statuses, since, until }
 *   const arn = await resolveStateMachineArn(options, describeStackOutputs);
 * });
 * ```
 */
import { type Command, Option } from '@commander-js/extra-typings';
import { requireOutput, STATE_MACHINE_OUTPUT, type StackOutputs } from '../aws/stack-outputs.js';
import { belongsToContact } from '../executions/execution-names.js';
import type { ExecutionSource, ExecutionStatus, ListFilter } from '../types.js';
import { NothingMatchedError, UsageError } from './errors.js';
import { collect, enumListParser, parseInstant } from './value-parsers.js';

/** Every status `--status` accepts. */
export const EXECUTION_STATUSES: readonly ExecutionStatus[] = [
  'RUNNING',
  'SUCCEEDED',
  'FAILED',
  'TIMED_OUT',
  'ABORTED',
];

type Options = Record<string, unknown>;

/**
 * `--stack-name`, `--state-machine-arn` and `--local`: one target at a time (any two together
 * end with exit 2). Without any, `POSTCALL_STATE_MACHINE_ARN` names the state machine.
 */
export function withTargetOptions<Args extends unknown[], Opts extends Options>(
  program: Command<Args, Opts>,
) {
  return program
    .option('--stack-name <name>', 'the deployed stack; its outputs name the state machine')
    .addOption(
      new Option(
        '--state-machine-arn <arn>',
        'the post-call state machine (default: $POSTCALL_STATE_MACHINE_ARN)',
      ).conflicts('stackName'),
    )
    .addOption(
      new Option('--local', 'the offline stack `npm start` left in .local-state/').conflicts([
        'stackName',
        'stateMachineArn',
      ]),
    );
}

/** `--status`, `--since`, `--until` and the repeatable `--contact-id`. */
export function withExecutionSelection<Args extends unknown[], Opts extends Options>(
  program: Command<Args, Opts>,
  defaultStatuses: readonly ExecutionStatus[],
) {
  return program
    .addOption(
      new Option('--status <list>', `comma list of ${EXECUTION_STATUSES.join(', ')}`)
        .argParser(enumListParser(EXECUTION_STATUSES, 'status'))
        .default([...defaultStatuses], defaultStatuses.join(',')),
    )
    .option(
      '--since <iso>',
      'only executions started at or after (ISO 8601; UTC without a zone)',
      parseInstant,
    )
    .option('--until <iso>', 'only executions started before (ISO 8601; UTC without a zone)', parseInstant)
    .option('--contact-id <id>', 'only this contact (repeatable)', collect, [] as string[]);
}

/** `--json` (one JSON document on stdout) and `--verbose` (full cells, logs, stack traces). */
export function withOutputOptions<Args extends unknown[], Opts extends Options>(
  program: Command<Args, Opts>,
) {
  return program
    .option('--json', 'one JSON document on stdout instead of the table')
    .option('--verbose', 'full table cells, the functions’ logs (--local), stack traces on errors');
}

/** The list filter from {@link withExecutionSelection}'s options; `--until` must come after `--since`. */
export function executionFilter(options: {
  status: readonly ExecutionStatus[];
  since?: Date;
  until?: Date;
}): ListFilter {
  if (options.since && options.until && options.until <= options.since)
    throw new UsageError('--until must be later than --since');
  return { statuses: [...options.status], since: options.since, until: options.until };
}

/**
 * The error for the `--contact-id` values that matched no execution (`matchedNames` are the
 * names of the executions found), or undefined when each matched at least one.
 */
export function unmatchedContacts(
  contactIds: readonly string[],
  matchedNames: readonly string[],
  filter: ListFilter,
): NothingMatchedError | undefined {
  const missing = contactIds.filter((id) => !matchedNames.some((name) => belongsToContact(name, [id])));
  if (missing.length === 0) return undefined;
  const everyStatus = EXECUTION_STATUSES.every((status) => filter.statuses.includes(status));
  const window = [
    everyStatus ? '' : `status ${filter.statuses.join(', ')}`,
    filter.since ? `since ${filter.since.toISOString()}` : '',
    filter.until ? `until ${filter.until.toISOString()}` : '',
  ].filter(Boolean);
  return new NothingMatchedError(
    `no execution found for ${missing.join(', ')}${window.length ? ` (${window.join(', ')})` : ''}`,
  );
}

/** Where the deployed resources are named: explicit options, the stack, or the environment. */
export interface DeployedTargetOptions {
  stateMachineArn?: string;
  stackName?: string;
}

/** Reads a stack's outputs (CloudFormation DescribeStacks in the commands; a stub in tests). */
export type StackOutputsReader = (stackName: string) => Promise<StackOutputs>;

/**
 * The state machine ARN: `--state-machine-arn`, else the output PostCallStateMachineArn of
 * `--stack-name`, else `POSTCALL_STATE_MACHINE_ARN`.
 */
export async function resolveStateMachineArn(
  options: DeployedTargetOptions,
  readOutputs: StackOutputsReader,
  env: NodeJS.ProcessEnv = process.env,
): Promise<string> {
  if (options.stateMachineArn) return options.stateMachineArn;
  if (options.stackName) {
    return requireOutput(await readOutputs(options.stackName), STATE_MACHINE_OUTPUT, options.stackName);
  }
  if (env.POSTCALL_STATE_MACHINE_ARN) return env.POSTCALL_STATE_MACHINE_ARN;
  throw new UsageError(
    'no state machine: pass --stack-name, --state-machine-arn (the stack output PostCallStateMachineArn), set POSTCALL_STATE_MACHINE_ARN, or use --local',
  );
}

/** Which execution source a command opens: the deployed state machine, or `--local`. */
export interface SourceOptions extends DeployedTargetOptions {
  local: boolean;
}

/** The target part of the parsed options, as the entry points open it. */
export function sourceOptions(options: DeployedTargetOptions & { local?: boolean }): SourceOptions {
  return {
    stateMachineArn: options.stateMachineArn,
    stackName: options.stackName,
    local: options.local === true,
  };
}

/** An execution source and what to do once the command is over (local: wait, save, stop). */
export interface OpenedSource {
  source: ExecutionSource;
  close?: () => Promise<void>;
}

/** An execution source as an {@link OpenedSource} (nothing to close when it came bare). */
export function asOpened(opened: ExecutionSource | OpenedSource): OpenedSource {
  return 'source' in opened ? opened : { source: opened };
}
