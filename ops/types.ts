/**
 * Types shared by the operations commands (`npm run executions`, `npm run redrive`,
 * `npm run replay-dlq`). An {@link ExecutionSource} is either the Step Functions API or the
 * local runner's execution store, so every command also runs offline with `--local`.
 */

export type ExecutionStatus =
  | 'RUNNING'
  | 'SUCCEEDED'
  | 'FAILED'
  | 'TIMED_OUT'
  | 'ABORTED'
  | 'PENDING_REDRIVE';

/** The statuses a redrive can act on. */
export const REDRIVABLE_STATUSES: readonly ExecutionStatus[] = ['FAILED', 'TIMED_OUT', 'ABORTED'];

/** One post-call execution as a listing returns it. */
export interface ExecutionSummary {
  executionArn: string;
  name: string;
  status: ExecutionStatus;
  startDate: Date;
  stopDate?: Date;
  redriveCount?: number;
}

/** One execution with its input, error and cause, and whether it can be redriven. */
export interface ExecutionDetail extends ExecutionSummary {
  /** The execution's input as a JSON string. */
  input: string;
  error?: string;
  cause?: string;
  /** `REDRIVABLE`, `NOT_REDRIVABLE`, … when the source knows. */
  redriveStatus?: string;
  redriveStatusReason?: string;
}

/** One step of an execution's history, already made readable. */
export interface TimelineEvent {
  timestamp: Date;
  type: string;
  stateName?: string;
  error?: string;
  cause?: string;
}

/** Which executions a listing returns: by status and start time. */
export interface ListFilter {
  statuses: ExecutionStatus[];
  /** Only executions started at or after this instant. */
  since?: Date;
  /** Only executions started before this instant. */
  until?: Date;
}

/** Where executions live: Step Functions, or the local runner's store. */
export interface ExecutionSource {
  /** All matching executions, every page, newest first per status. */
  list(filter: ListFilter): AsyncIterable<ExecutionSummary>;
  describe(executionArn: string): Promise<ExecutionDetail>;
  history(executionArn: string): Promise<TimelineEvent[]>;
  /** Re-run the execution from its failed state(s), same ARN. */
  redrive(executionArn: string, clientToken: string): Promise<void>;
  /** Start a new execution; throws an error named `ExecutionAlreadyExists` when the name is taken. */
  start(name: string, input: string): Promise<{ executionArn: string }>;
}
