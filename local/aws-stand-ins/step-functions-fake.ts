/**
 * An in-memory stand-in for the Step Functions API (there is no local implementation of it) that
 * answers execution names as Standard workflows do:
 *
 * - StartExecution with a new name creates a RUNNING execution;
 * - the same name and byte-identical input while RUNNING returns the original response;
 * - the same name with another input, or once the execution is closed → `ExecutionAlreadyExists`
 *   (Step Functions keeps a closed execution's name for 90 days);
 * - invalid names → `InvalidName`; input over 256 KiB or not JSON → `InvalidExecutionInput`
 *   (the rules of `shared/step-functions/start-execution-rules.ts`, shared with the local runner);
 * - DescribeExecution returns the stored input, or `ExecutionDoesNotExist`.
 *
 * Used by the trigger's tests and available to `npm start` and benchmarks, which attach it to an
 * aws-sdk-client-mock stub and close executions once they have run them.
 *
 * @example
 * ```ts
 * const sfnMock = mockClient(SFNClient);
 * const fake = new StepFunctionsFake();
 * fake.attach(sfnMock);
 * // … run the trigger …
 * fake.close('5c0b…', 'SUCCEEDED');
 * ```
 */
import {
  DescribeExecutionCommand,
  type DescribeExecutionCommandInput,
  type DescribeExecutionCommandOutput,
  ExecutionAlreadyExists,
  ExecutionDoesNotExist,
  type ExecutionStatus,
  type SFNClient,
  StartExecutionCommand,
  type StartExecutionCommandInput,
  type StartExecutionCommandOutput,
} from '@aws-sdk/client-sfn';
import type { AwsClientStub } from 'aws-sdk-client-mock';
import { executionArnFor } from '../../shared/step-functions/start-execution-rules.js';
import { assertStartExecutionAccepted } from './start-execution-check.js';

/** One execution the fake started. */
export interface FakeExecution {
  executionArn: string;
  stateMachineArn: string;
  name: string;
  input: string;
  status: ExecutionStatus;
  startDate: Date;
}

/** Options of {@link StepFunctionsFake}. */
export interface StepFunctionsFakeOptions {
  /** Runs before each StartExecution is answered: add latency or throw a fault (e.g. throttling). */
  beforeStart?: (input: StartExecutionCommandInput) => Promise<void> | void;
  /** Clock for `startDate`. */
  now?: () => Date;
}

const metadata = { httpStatusCode: 400 };

/**
 * Step Functions' StartExecution and DescribeExecution in memory, answering names as Standard
 * workflows do: the same name and input while running returns the original execution, another
 * input or a closed execution is `ExecutionAlreadyExists`, bad names and inputs are refused.
 *
 * @example
 * ```ts
 * const fake = new StepFunctionsFake();
 * fake.attach(mockClient(SFNClient));
 * ```
 */
export class StepFunctionsFake {
  private readonly byArn = new Map<string, FakeExecution>();
  private readonly options: StepFunctionsFakeOptions;

  constructor(options: StepFunctionsFakeOptions = {}) {
    this.options = options;
  }

  /** Routes StartExecution and DescribeExecution of the stub to this fake. */
  attach(stub: AwsClientStub<SFNClient>): void {
    stub
      .on(StartExecutionCommand)
      .callsFake((input: StartExecutionCommandInput) => this.startExecution(input));
    stub
      .on(DescribeExecutionCommand)
      .callsFake(async (input: DescribeExecutionCommandInput) => this.describeExecution(input));
  }

  async startExecution(input: StartExecutionCommandInput): Promise<StartExecutionCommandOutput> {
    await this.options.beforeStart?.(input);
    const stateMachineArn = input.stateMachineArn ?? '';
    const name = input.name ?? crypto.randomUUID();
    const body = input.input ?? '{}';
    assertStartExecutionAccepted(name, body);
    const executionArn = executionArnFor(stateMachineArn, name);
    const existing = this.byArn.get(executionArn);
    if (existing !== undefined) {
      if (existing.status === 'RUNNING' && existing.input === body) {
        return { executionArn, startDate: existing.startDate, $metadata: { httpStatusCode: 200 } };
      }
      throw new ExecutionAlreadyExists({
        message: `Execution Already Exists: '${executionArn}'`,
        $metadata: metadata,
      });
    }
    const startDate = this.options.now?.() ?? new Date();
    this.byArn.set(executionArn, {
      executionArn,
      stateMachineArn,
      name,
      input: body,
      status: 'RUNNING',
      startDate,
    });
    return { executionArn, startDate, $metadata: { httpStatusCode: 200 } };
  }

  describeExecution(input: DescribeExecutionCommandInput): DescribeExecutionCommandOutput {
    const execution = this.byArn.get(input.executionArn ?? '');
    if (execution === undefined) {
      throw new ExecutionDoesNotExist({
        message: `Execution Does Not Exist: '${input.executionArn}'`,
        $metadata: metadata,
      });
    }
    return {
      executionArn: execution.executionArn,
      stateMachineArn: execution.stateMachineArn,
      name: execution.name,
      status: execution.status,
      startDate: execution.startDate,
      input: execution.input,
      $metadata: { httpStatusCode: 200 },
    };
  }

  /** Closes an execution (after the local runner ran it, or to model a finished one). */
  close(name: string, status: Exclude<ExecutionStatus, 'RUNNING' | 'PENDING_REDRIVE'> = 'SUCCEEDED'): void {
    const execution = [...this.byArn.values()].find((candidate) => candidate.name === name);
    if (execution === undefined) throw new Error(`no execution named ${name}`);
    execution.status = status;
  }

  /** Closes every running execution with SUCCEEDED. */
  closeAll(): void {
    for (const execution of this.byArn.values())
      if (execution.status === 'RUNNING') execution.status = 'SUCCEEDED';
  }

  /** All executions, in start order. */
  executions(): FakeExecution[] {
    return [...this.byArn.values()];
  }
}
