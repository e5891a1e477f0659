/**
 * Option parsing shared by the operations commands: time window, statuses, contact ids and
 * where executions live (Step Functions or `--local`).
 */
import { type ExecutionSource, type ExecutionStatus, type ListFilter, REDRIVABLE_STATUSES } from './types.js';

const STATUSES: readonly ExecutionStatus[] = ['RUNNING', 'SUCCEEDED', 'FAILED', 'TIMED_OUT', 'ABORTED'];

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

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

export function parseInstant(value: string | undefined, option: string): Date | undefined {
  if (value === undefined) return undefined;
  const date = new Date(value);
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

/** The state machine ARN from `--state-machine-arn`, else `POSTCALL_STATE_MACHINE_ARN`. */
export function resolveStateMachineArn(
  option: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
): string {
  const arn = option ?? env.POSTCALL_STATE_MACHINE_ARN;
  if (!arn) {
    throw new UsageError(
      'no state machine: pass --state-machine-arn (the stack output PostCallStateMachineArn), set POSTCALL_STATE_MACHINE_ARN, or use --local',
    );
  }
  return arn;
}

export interface SourceOptions {
  stateMachineArn?: string;
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
  local: { type: 'boolean', default: false },
} as const;

/** The filter and source choice from {@link EXECUTION_SELECTION_OPTIONS}' values. */
export function executionSelection(
  values: { status?: string; since?: string; until?: string; 'state-machine-arn'?: string; local?: boolean },
  defaultStatuses: readonly ExecutionStatus[],
): { filter: ListFilter; source: SourceOptions } {
  return {
    filter: {
      statuses: parseStatuses(values.status, defaultStatuses),
      since: parseInstant(values.since, '--since'),
      until: parseInstant(values.until, '--until'),
    },
    source: { stateMachineArn: values['state-machine-arn'], local: values.local ?? false },
  };
}
