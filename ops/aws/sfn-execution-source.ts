/**
 * {@link ExecutionSource} over the Step Functions API. Every call goes through
 * {@link withThrottleRetry}, so a mass re-drive after an outage slows down instead of failing.
 */
import {
  DescribeExecutionCommand,
  GetExecutionHistoryCommand,
  type HistoryEvent,
  ListExecutionsCommand,
  RedriveExecutionCommand,
  SFNClient,
  StartExecutionCommand,
} from '@aws-sdk/client-sfn';
import type {
  ExecutionDetail,
  ExecutionSource,
  ExecutionStatus,
  ExecutionSummary,
  ListFilter,
  TimelineEvent,
} from '../types.js';
import { type BackoffOptions, withThrottleRetry } from './backoff.js';

/**
 * The deployed state machine's executions, listed, described, redriven and started through Step
 * Functions, every call retried on throttling.
 */
export class SfnExecutionSource implements ExecutionSource {
  constructor(
    private readonly stateMachineArn: string,
    private readonly sfn: SFNClient = new SFNClient({}),
    private readonly backoff: BackoffOptions = {},
  ) {}

  async *list(filter: ListFilter): AsyncIterable<ExecutionSummary> {
    for (const status of filter.statuses) {
      let nextToken: string | undefined;
      let olderThanSince = false;
      do {
        const page = await withThrottleRetry(
          () =>
            this.sfn.send(
              new ListExecutionsCommand({
                stateMachineArn: this.stateMachineArn,
                statusFilter: status,
                maxResults: 1000,
                nextToken,
              }),
            ),
          this.backoff,
        );
        for (const item of page.executions ?? []) {
          const startDate = item.startDate ?? new Date(0);
          // Newest first: once we are before `since`, the rest of this status is older still.
          if (filter.since && startDate < filter.since) {
            olderThanSince = true;
            break;
          }
          if (filter.until && startDate >= filter.until) continue;
          yield {
            executionArn: item.executionArn ?? '',
            name: item.name ?? '',
            status: (item.status ?? status) as ExecutionStatus,
            startDate,
            stopDate: item.stopDate,
            redriveCount: item.redriveCount,
          };
        }
        nextToken = olderThanSince ? undefined : page.nextToken;
      } while (nextToken);
    }
  }

  async describe(executionArn: string): Promise<ExecutionDetail> {
    const out = await withThrottleRetry(
      () => this.sfn.send(new DescribeExecutionCommand({ executionArn })),
      this.backoff,
    );
    return {
      executionArn,
      name: out.name ?? '',
      status: (out.status ?? 'RUNNING') as ExecutionStatus,
      startDate: out.startDate ?? new Date(0),
      stopDate: out.stopDate,
      redriveCount: out.redriveCount,
      input: out.input ?? '{}',
      error: out.error,
      cause: out.cause,
      redriveStatus: out.redriveStatus,
      redriveStatusReason: out.redriveStatusReason,
    };
  }

  async history(executionArn: string): Promise<TimelineEvent[]> {
    const events: HistoryEvent[] = [];
    let nextToken: string | undefined;
    do {
      const page = await withThrottleRetry(
        () =>
          this.sfn.send(
            new GetExecutionHistoryCommand({
              executionArn,
              maxResults: 1000,
              nextToken,
              includeExecutionData: false,
            }),
          ),
        this.backoff,
      );
      events.push(...(page.events ?? []));
      nextToken = page.nextToken;
    } while (nextToken);
    return toTimeline(events);
  }

  async redrive(executionArn: string, clientToken: string): Promise<void> {
    await withThrottleRetry(
      () => this.sfn.send(new RedriveExecutionCommand({ executionArn, clientToken })),
      this.backoff,
    );
  }

  async start(name: string, input: string): Promise<{ executionArn: string }> {
    const out = await withThrottleRetry(
      () => this.sfn.send(new StartExecutionCommand({ stateMachineArn: this.stateMachineArn, name, input })),
      this.backoff,
    );
    return { executionArn: out.executionArn ?? '' };
  }
}

/** Turns GetExecutionHistory events into a readable timeline: state entered/exited, retries, failures. */
export function toTimeline(events: HistoryEvent[]): TimelineEvent[] {
  const byId = new Map<number, HistoryEvent>();
  for (const event of events) if (event.id !== undefined) byId.set(event.id, event);
  const stateOf = (event: HistoryEvent): string | undefined => {
    const direct = event.stateEnteredEventDetails?.name ?? event.stateExitedEventDetails?.name;
    if (direct) return direct;
    // Task/Lambda events name no state: walk back to the StateEntered that caused them.
    let cursor = event.previousEventId === undefined ? undefined : byId.get(event.previousEventId);
    while (cursor) {
      if (cursor.stateEnteredEventDetails?.name) return cursor.stateEnteredEventDetails.name;
      cursor = cursor.previousEventId === undefined ? undefined : byId.get(cursor.previousEventId);
    }
    return undefined;
  };
  return events.map((event) => {
    const failure =
      event.executionFailedEventDetails ??
      event.taskFailedEventDetails ??
      event.lambdaFunctionFailedEventDetails ??
      event.taskTimedOutEventDetails ??
      event.executionTimedOutEventDetails ??
      event.executionAbortedEventDetails;
    return {
      timestamp: event.timestamp ?? new Date(0),
      type: event.type ?? 'Unknown',
      stateName: stateOf(event),
      error: failure?.error,
      cause: failure?.cause,
    };
  });
}
