/**
 * Points an `SFNClient` at the local runner: StartExecution starts the execution in
 * {@link PostCallRunner} (which models names and `ExecutionAlreadyExists` like Step Functions),
 * DescribeExecution and RedriveExecution read and act on its store. Code that takes an
 * `SFNClient` (the Kinesis trigger) then drives real local executions.
 *
 * @example
 * ```ts
 * const sfn = new SFNClient({});
 * const local = attachLocalStepFunctions(sfn, runner, { beforeStart: () => sleep(30) });
 * await handleKinesisBatch(event, { sfn, sqs, settings });
 * local.restore();
 * ```
 */
import {
  DescribeExecutionCommand,
  type DescribeExecutionCommandInput,
  type DescribeExecutionCommandOutput,
  ExecutionDoesNotExist,
  RedriveExecutionCommand,
  type RedriveExecutionCommandInput,
  type SFNClient,
  StartExecutionCommand,
  type StartExecutionCommandInput,
  StateMachineDoesNotExist,
} from '@aws-sdk/client-sfn';
import { mockClient } from 'aws-sdk-client-mock';
import type { PostCallRunner } from './post-call-runner.js';

/** Options of {@link attachLocalStepFunctions}. */
export interface LocalStepFunctionsOptions {
  /** Runs before each StartExecution is answered (latency, injected throttling...). */
  beforeStart?: (input: StartExecutionCommandInput) => Promise<void> | void;
}

/** An `SFNClient` pointed at the local runner: its StartExecution count, and `restore` to undo. */
export interface LocalStepFunctions {
  /** StartExecution calls received (including those answered with an error). */
  readonly startCalls: number;
  restore(): void;
}

/**
 * Answers StartExecution, DescribeExecution and RedriveExecution of `sfn` from the local runner, so
 * code taking an `SFNClient` (the trigger, redrive) drives real local executions.
 *
 * @example
 * ```ts
 * const local = attachLocalStepFunctions(sfn, runner);
 * try { await handleKinesisBatch(event, { sfn, sqs, settings }); } finally { local.restore(); }
 * ```
 */
export function attachLocalStepFunctions(
  sfn: SFNClient,
  runner: PostCallRunner,
  options: LocalStepFunctionsOptions = {},
): LocalStepFunctions {
  const stub = mockClient(sfn);
  let startCalls = 0;
  stub.on(StartExecutionCommand).callsFake(async (input: StartExecutionCommandInput) => {
    startCalls += 1;
    await options.beforeStart?.(input);
    if (input.stateMachineArn !== runner.stateMachineArn) {
      throw new StateMachineDoesNotExist({
        message: `State Machine Does Not Exist: '${input.stateMachineArn}'`,
        $metadata: { httpStatusCode: 400 },
      });
    }
    return runner.startExecution({ name: input.name, input: input.input });
  });
  stub.on(DescribeExecutionCommand).callsFake(async (input: DescribeExecutionCommandInput) => {
    const execution = runner.store.get(input.executionArn ?? '');
    if (!execution) {
      throw new ExecutionDoesNotExist({
        message: `Execution Does Not Exist: '${input.executionArn}'`,
        $metadata: { httpStatusCode: 400 },
      });
    }
    const described: DescribeExecutionCommandOutput = {
      $metadata: { httpStatusCode: 200 },
      executionArn: execution.executionArn,
      stateMachineArn: execution.stateMachineArn,
      name: execution.name,
      status: execution.status,
      startDate: new Date(execution.startDate),
      stopDate: execution.stopDate ? new Date(execution.stopDate) : undefined,
      input: execution.input,
      output: execution.output,
      error: execution.error,
      cause: execution.cause,
      redriveCount: execution.redriveCount,
      redriveDate: execution.redriveDate ? new Date(execution.redriveDate) : undefined,
    };
    return described;
  });
  stub.on(RedriveExecutionCommand).callsFake(async (input: RedriveExecutionCommandInput) => ({
    $metadata: { httpStatusCode: 200 },
    ...runner.redriveExecution(input.executionArn ?? ''),
  }));
  return {
    get startCalls() {
      return startCalls;
    },
    restore: () => stub.restore(),
  };
}
