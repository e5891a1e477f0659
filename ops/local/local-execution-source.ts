/**
 * {@link ExecutionSource} over the local runner (`--local`): the executions `npm start` ran, kept
 * in its {@link ExecutionStore}, re-driven and restarted by the same {@link PostCallRunner}.
 */
import type { ExecutionStore, StoredExecution } from '../../local/runner/execution-store.js';
import type { PostCallRunner } from '../../local/runner/post-call-runner.js';
import {
  type ExecutionDetail,
  type ExecutionSource,
  type ExecutionSummary,
  type ListFilter,
  REDRIVABLE_STATUSES,
  type TimelineEvent,
} from '../types.js';

function summaryOf(execution: StoredExecution): ExecutionSummary {
  return {
    executionArn: execution.executionArn,
    name: execution.name,
    status: execution.status,
    startDate: new Date(execution.startDate),
    stopDate: execution.stopDate ? new Date(execution.stopDate) : undefined,
    redriveCount: execution.redriveCount,
  };
}

/**
 * The executions of the last `npm start`, listed and read from the local store and redriven or
 * started in the local runner.
 */
export class LocalExecutionSource implements ExecutionSource {
  /** @param runner needed to re-drive or start; listing and reading need only the store. */
  constructor(
    private readonly store: ExecutionStore,
    private readonly runner?: PostCallRunner,
  ) {}

  async *list(filter: ListFilter): AsyncIterable<ExecutionSummary> {
    for (const execution of this.store.list({
      statuses: filter.statuses.filter((s) => s !== 'PENDING_REDRIVE') as StoredExecution['status'][],
    })) {
      const summary = summaryOf(execution);
      if (filter.since && summary.startDate < filter.since) continue;
      if (filter.until && summary.startDate >= filter.until) continue;
      yield summary;
    }
  }

  async describe(executionArn: string): Promise<ExecutionDetail> {
    const execution = this.#get(executionArn);
    const redrivable = REDRIVABLE_STATUSES.includes(execution.status);
    return {
      ...summaryOf(execution),
      input: execution.input,
      error: execution.error,
      cause: execution.cause,
      redriveStatus: redrivable ? 'REDRIVABLE' : 'NOT_REDRIVABLE',
      redriveStatusReason: redrivable ? undefined : `Execution is ${execution.status} and cannot be redriven`,
    };
  }

  async history(executionArn: string): Promise<TimelineEvent[]> {
    return this.#get(executionArn).history.map((event) => ({
      timestamp: new Date(event.timestamp),
      type: event.type,
      stateName: event.stateName,
      error: event.error,
      cause: event.cause,
    }));
  }

  async redrive(executionArn: string): Promise<void> {
    this.#runner().redriveExecution(executionArn);
  }

  async start(name: string, input: string): Promise<{ executionArn: string }> {
    return { executionArn: this.#runner().startExecution({ name, input }).executionArn };
  }

  #runner(): PostCallRunner {
    if (!this.runner) throw new Error('this local execution source is read-only (no runner)');
    return this.runner;
  }

  #get(executionArn: string): StoredExecution {
    const execution = this.store.get(executionArn);
    if (!execution)
      throw Object.assign(new Error(`Execution Does Not Exist: '${executionArn}'`), {
        name: 'ExecutionDoesNotExist',
      });
    return execution;
  }
}
