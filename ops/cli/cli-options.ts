/**
 * Option parsing shared by the operations commands: time window, statuses, contact ids and
 * where executions live (Step Functions or `--local`).
 */
import { requireOutput, STATE_MACHINE_OUTPUT, type StackOutputs } from '../aws/stack-outputs.js';
import {
  type ExecutionSource,
  type ExecutionStatus,
  type ListFilter,
  REDRIVABLE_STATUSES,
} from '../types.js';
import { UsageError } from './errors.js';
import {
  enumListParser,
  parseInstant as parseInstantValue,
  parsePositiveInt as parsePositiveIntValue,
} from './value-parsers.js';

export { UsageError } from './errors.js';

const STATUSES: readonly ExecutionStatus[] = ['RUNNING', 'SUCCEEDED', 'FAILED', 'TIMED_OUT', 'ABORTED'];

// The commands still on parseArgs read their values through the commander parsers, reporting a
// bad one as a UsageError (exit 2) named after the option.
function readValue<T>(option: string, value: string, parse: (value: string) => T): T {
  try {
    return parse(value);
  } catch (error) {
    throw new UsageError(`${option} ${(error as Error).message}, got "${value}"`);
  }
}

export function parseStatuses(
  value: string | undefined,
  fallback: readonly ExecutionStatus[] = REDRIVABLE_STATUSES,
): ExecutionStatus[] {
  if (!value) return [...fallback];
  return readValue('--status', value, enumListParser(STATUSES, 'status'));
}

export function parseInstant(value: string | undefined, option: string): Date | undefined {
  return value === undefined ? undefined : readValue(option, value, parseInstantValue);
}

export function parsePositiveInt(value: string | undefined, option: string, fallback: number): number {
  return value === undefined ? fallback : readValue(option, value, parsePositiveIntValue);
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

export interface SourceOptions extends DeployedTargetOptions {
  local: boolean;
}

/** An execution source and what to do once the command is over (local: wait, save, stop). */
export interface OpenedSource {
  source: ExecutionSource;
  close?: () => Promise<void>;
}

export function asOpened(opened: ExecutionSource | OpenedSource): OpenedSource {
  return 'source' in opened ? opened : { source: opened };
}

/** The options every execution command takes (parseArgs form). */
export const EXECUTION_SELECTION_OPTIONS = {
  status: { type: 'string' },
  since: { type: 'string' },
  until: { type: 'string' },
  'contact-id': { type: 'string', multiple: true },
  'state-machine-arn': { type: 'string' },
  'stack-name': { type: 'string' },
  local: { type: 'boolean', default: false },
} as const;

/** The filter and source choice from {@link EXECUTION_SELECTION_OPTIONS}' values. */
export function executionSelection(
  values: {
    status?: string;
    since?: string;
    until?: string;
    'state-machine-arn'?: string;
    'stack-name'?: string;
    local?: boolean;
  },
  defaultStatuses: readonly ExecutionStatus[],
): { filter: ListFilter; source: SourceOptions } {
  return {
    filter: {
      statuses: parseStatuses(values.status, defaultStatuses),
      since: parseInstant(values.since, '--since'),
      until: parseInstant(values.until, '--until'),
    },
    source: {
      stateMachineArn: values['state-machine-arn'],
      stackName: values['stack-name'],
      local: values.local ?? false,
    },
  };
}
