/**
 * The local runner's record of post-call executions: status, input, output, error and history,
 * the way Step Functions keeps them. `npm start` persists it to `.local-state/executions.json`
 * so other local tools (e.g. `npm run executions -- --local`) can read what the last run did.
 *
 * @example
 * ```ts
 * const store = ExecutionStore.load();            // the last `npm start` run, or empty
 * for (const execution of store.list({ statuses: ['FAILED'] })) console.log(execution.name, execution.cause);
 * ```
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeJsonFile } from './json-file.js';

/** An execution's status, as Step Functions names them. */
export type StoredExecutionStatus = 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED';

/** One history event (the local interpreter's event log, made JSON-safe). */
export interface StoredHistoryEvent {
  /** ISO-8601 time. */
  timestamp: string;
  /**
   * `ExecutionStarted`, `StateEntered`, `StateExited`, `StateFailed`, `StateRetried`, `StateCaught`,
   * `ParallelBranchStarted`/`Succeeded`/`Failed`, `ExecutionSucceeded`, `ExecutionFailed`,
   * `ExecutionRedriven`, ...
   */
  type: string;
  stateName?: string;
  stateType?: string;
  /** State input (StateEntered/StateFailed/StateRetried) or execution input (ExecutionStarted). */
  input?: unknown;
  /** State output (StateExited) or execution output (ExecutionSucceeded). */
  output?: unknown;
  error?: string;
  cause?: string;
  /** Retry attempt number (StateRetried). */
  retryAttempt?: number;
}

/**
 * One local execution as the store keeps it: identity, status, input, output or error, times and
 * history.
 */
export interface StoredExecution {
  executionArn: string;
  stateMachineArn: string;
  name: string;
  status: StoredExecutionStatus;
  /** The input as given to StartExecution (a JSON string). */
  input: string;
  /** The output as a JSON string, once SUCCEEDED. */
  output?: string;
  error?: string;
  cause?: string;
  /** ISO-8601 times. */
  startDate: string;
  stopDate?: string;
  redriveCount: number;
  redriveDate?: string;
  /** Every state entered, in order, across attempts (branch states included). */
  statesVisited: string[];
  history: StoredHistoryEvent[];
}

/** Which executions {@link ExecutionStore.list} returns (all when empty). */
export interface ExecutionListFilter {
  statuses?: StoredExecutionStatus[];
}

/** Where `npm start` keeps its executions (git-ignored). */
export const DEFAULT_EXECUTION_STORE_FILE = join(
  dirname(fileURLToPath(import.meta.url)),
  '..',
  '..',
  '.local-state',
  'executions.json',
);

interface StoreFile {
  version: 1;
  executions: StoredExecution[];
}

/**
 * The local record of post-call executions, kept the way Step Functions keeps them and saved to
 * `.local-state/executions.json`, so the `--local` commands can read what the last `npm start` did.
 *
 * @example
 * ```ts
 * const failed = ExecutionStore.load().list({ statuses: ['FAILED'] });
 * ```
 */
export class ExecutionStore {
  readonly #byName = new Map<string, StoredExecution>();
  /** Execution ARN → name, so a lookup by ARN is no scan. */
  readonly #nameByArn = new Map<string, string>();

  /** @param file where {@link save} writes (none: in memory only). */
  constructor(readonly file?: string) {}

  /** The store saved at `file`; empty when the file does not exist yet. */
  static load(file: string = DEFAULT_EXECUTION_STORE_FILE): ExecutionStore {
    const store = new ExecutionStore(file);
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return store;
      throw error;
    }
    const parsed = JSON.parse(text) as StoreFile;
    for (const execution of parsed.executions ?? []) store.put(execution);
    return store;
  }

  get size(): number {
    return this.#byName.size;
  }

  get(nameOrArn: string): StoredExecution | undefined {
    const byName = this.#byName.get(nameOrArn);
    if (byName) return byName;
    const name = this.#nameByArn.get(nameOrArn);
    return name === undefined ? undefined : this.#byName.get(name);
  }

  /** Newest first, like ListExecutions. */
  list(filter: ExecutionListFilter = {}): StoredExecution[] {
    const statuses = filter.statuses;
    return [...this.#byName.values()]
      .filter((execution) => !statuses || statuses.includes(execution.status))
      .sort((a, b) => b.startDate.localeCompare(a.startDate));
  }

  /** Adds or replaces an execution (keyed by name). */
  put(execution: StoredExecution): void {
    const replaced = this.#byName.get(execution.name);
    if (replaced !== undefined) this.#nameByArn.delete(replaced.executionArn);
    this.#byName.set(execution.name, execution);
    this.#nameByArn.set(execution.executionArn, execution.name);
  }

  /** Writes the store to its file atomically, execution by execution (no-op for an in-memory store). */
  save(): void {
    if (!this.file) return;
    const body: StoreFile = { version: 1, executions: this.list() };
    writeJsonFile(this.file, body);
  }
}
