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

export { UsageError } from './errors.js';

const STATUSES: readonly ExecutionStatus[] = ['RUNNING', 'SUCCEEDED', 'FAILED', 'TIMED_OUT', 'ABORTED'];

export function parseStatuses(
  value: string | undefined,
  fallback: readonly ExecutionStatus[] = REDRIVABLE_STATUSES,
): ExecutionStatus[] {
  if (!value) return [...fallback];
  const statuses = value
    .split(',')
    .map((s) => s.trim().toUpperCase())
    .filter(Boolean);
  for (const status of statuses) {
    if (!STATUSES.includes(status as ExecutionStatus)) {
      throw new UsageError(`unknown status "${status}"; use a comma list of ${STATUSES.join(', ')}`);
    }
  }
  return statuses as ExecutionStatus[];
}

/** An ISO 8601 date or date-time; without a zone it is UTC (never the host's time zone). */
export function parseInstant(value: string | undefined, option: string): Date | undefined {
  if (value === undefined) return undefined;
  const zoneless = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(value);
  const date = new Date(zoneless ? `${value}Z` : value);
  if (Number.isNaN(date.getTime()))
    throw new UsageError(`${option} must be an ISO 8601 date or date-time, got "${value}"`);
  return date;
}

export function parsePositiveInt(value: string | undefined, option: string, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1)
    throw new UsageError(`${option} must be a positive integer, got "${value}"`);
  return n;
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
