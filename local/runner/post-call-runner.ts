/**
 * Runs `statemachines/post-call.asl.json` locally with aws-local-stepfunctions: every Task state is
 * answered in-process (a `lambda:invoke` task by the real handler behind its `${...FunctionArn}`
 * substitution, any other integration by a handler registered for its Resource), never by AWS.
 * Executions follow Step Functions' StartExecution rules (names, `ExecutionAlreadyExists`) and
 * are kept in an {@link ExecutionStore} with their history.
 *
 * @example
 * ```ts
 * const runner = new PostCallRunner({ lambdaHandlers: { ContactImportFunctionArn: handler } });
 * runner.startExecution({ name: contactId, input: JSON.stringify(executionInput) });
 * await runner.settle();
 * runner.store.get(contactId)?.status; // 'SUCCEEDED'
 * ```
 */
import './promise-with-resolvers.js';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ExecutionAlreadyExists, ExecutionDoesNotExist, ExecutionNotRedrivable } from '@aws-sdk/client-sfn';
import aslValidator from 'asl-validator';
import type { Context } from 'aws-lambda';
import { ExecutionError, StateMachine, type StateMachineDefinition } from 'aws-local-stepfunctions';
import { executionArnFor } from '../../shared/step-functions/start-execution-rules.js';
import {
  ANALYTICS_SUBSTITUTION_DEFAULTS,
  analyticsBranchOptions,
} from '../aws-stand-ins/analytics-branches.js';
import { lambdaContext } from '../aws-stand-ins/lambda-context.js';
import { assertStartExecutionAccepted } from '../aws-stand-ins/start-execution-check.js';
import { ExecutionStore, type StoredExecution, type StoredHistoryEvent } from './execution-store.js';

/** A JSON value as the local state machine passes it between states. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
/** An event of the interpreter's log (the library does not export the type). */
type EventLog = ReturnType<StateMachine['run']>['eventLogs'] extends AsyncGenerator<infer E> ? E : never;

/** A Lambda handler as exported by `functions/<name>/handler.ts`. */
export type LambdaHandler = (event: never, context: Context) => unknown;

/** Answers a non-Lambda Task state: receives the state's input after Parameters, returns the raw result. */
export type TaskHandler = (input: Json, task: { stateName: string; executionName: string }) => unknown;

/** The post-call ASL the local runner executes: the same file the stack deploys. */
export const POST_CALL_DEFINITION_FILE = join(
  dirname(fileURLToPath(import.meta.url)),
  '..',
  '..',
  'statemachines',
  'post-call.asl.json',
);

const REGION = 'us-east-1';
const ACCOUNT = '123456789012';
const LAMBDA_INVOKE = 'arn:aws:states:::lambda:invoke';
/** Step Functions' limit on execution input and state payloads. */

export interface PostCallRunnerOptions {
  /** ASL file (default: statemachines/post-call.asl.json). */
  definitionFile?: string;
  stateMachineName?: string;
  /** Lambda handlers by the substitution that names their ARN, e.g. `ContactImportFunctionArn`. */
  lambdaHandlers?: Record<string, LambdaHandler>;
  /** Handlers for other integrations by Resource, e.g. `arn:aws:states:::aws-sdk:transcribe:getTranscriptionJob`. */
  serviceHandlers?: Record<string, TaskHandler>;
  /** Values of the other `${...}` substitutions (settings). Every substitution must resolve. */
  substitutions?: Record<string, string>;
  /** Milliseconds per Wait state by name; Wait states not listed wait {@link defaultWaitMs}. */
  waitTimeOverrides?: Record<string, number>;
  /** Default for Wait states (ms, default 0: local runs do not sleep). */
  defaultWaitMs?: number;
  /** Retry intervals by state name (ms, or one per retrier). */
  retryIntervalOverrides?: Record<string, number | number[]>;
  /** Interval for every Retry not listed in {@link retryIntervalOverrides} (ms); unset = the ASL's backoff. */
  defaultRetryIntervalMs?: number;
  store?: ExecutionStore;
  /**
   * Wraps every Task invocation (e.g. to meter Salesforce API calls per execution, or to run
   * tasks one at a time); must call `invoke` and return its result.
   */
  taskMiddleware?: (task: TaskInvocation, invoke: () => Promise<Json>) => Promise<Json>;
  /** Lambda function timeout given to handlers' `getRemainingTimeInMillis` (ms, default 900 000). */
  lambdaTimeoutMs?: number;
}

/** Which execution and state a Task handler runs for. */
export interface TaskInvocation {
  executionName: string;
  stateName: string;
}

/** What StartExecution answers: the execution's ARN and start time. */
export interface StartExecutionResult {
  executionArn: string;
  startDate: Date;
}

interface StateInfo {
  name: string;
  type: string;
  resource?: string;
  functionName?: string;
  hasRetry: boolean;
  topLevel: boolean;
}

/** An error as the Lambda service reports a function error to Step Functions. */
class LambdaFunctionError extends Error {
  constructor(name: string, message: string, cause: string) {
    super(message, { cause });
    this.name = name;
  }
}

function jsonClone<T>(value: T): Json {
  return value === undefined ? null : (JSON.parse(JSON.stringify(value)) as Json);
}

function collectStates(
  states: Record<string, Record<string, unknown>>,
  topLevel: boolean,
  out: StateInfo[],
): void {
  for (const [name, state] of Object.entries(states)) {
    const parameters = state.Parameters as Record<string, unknown> | undefined;
    out.push({
      name,
      type: String(state.Type),
      resource: typeof state.Resource === 'string' ? state.Resource : undefined,
      functionName: typeof parameters?.FunctionName === 'string' ? parameters.FunctionName : undefined,
      hasRetry: Array.isArray(state.Retry),
      topLevel,
    });
    const branches =
      (state.Branches as Array<{ States: Record<string, Record<string, unknown>> }> | undefined) ?? [];
    for (const branch of branches) collectStates(branch.States, false, out);
    const processor = (state.ItemProcessor ?? state.Iterator) as
      | { States: Record<string, Record<string, unknown>> }
      | undefined;
    if (processor) collectStates(processor.States, false, out);
  }
}

/** The local ARN standing in for a `${NameFunctionArn}` substitution. */
export function localFunctionArn(substitution: string): string {
  const base = substitution.replace(/Arn$/, '');
  return `arn:aws:lambda:${REGION}:${ACCOUNT}:function:${base}`;
}

/** Definitions (after substitution) already validated in this process. */
const validatedDefinitions = new Set<string>();

/**
 * Runs the post-call ASL locally (aws-local-stepfunctions): every Task answered in-process by the
 * real handler or a registered stand-in, never by AWS; executions follow Step Functions' naming
 * rules and are kept with their history in an {@link ExecutionStore}.
 *
 * @example
 * ```ts
 * const runner = new PostCallRunner({ lambdaHandlers: { ContactImport: handler } });
 * runner.startExecution({ name: contactId, input: JSON.stringify(input) });
 * ```
 */
export class PostCallRunner {
  readonly store: ExecutionStore;
  readonly stateMachineArn: string;
  readonly definition: StateMachineDefinition;
  readonly #states: StateInfo[] = [];
  readonly #taskHandlers: Record<string, (input: Json, executionName: string) => Promise<Json>> = {};
  readonly #waits: Record<string, number> = {};
  readonly #retries: Record<string, number | number[]>;
  readonly #running = new Map<string, Promise<void>>();
  readonly #options: PostCallRunnerOptions;
  /** Validated once; each run reuses it (validation is the slow part of a local run). */
  readonly #machine: StateMachine;

  constructor(options: PostCallRunnerOptions = {}) {
    this.#options = options;
    this.store = options.store ?? new ExecutionStore();
    const name = options.stateMachineName ?? 'post-call';
    this.stateMachineArn = `arn:aws:states:${REGION}:${ACCOUNT}:stateMachine:${name}`;

    // Transcription and Contact Lens branches: real handlers + Transcribe/Comprehend stand-ins +
    // S3 listing (s3rver from AWS_ENDPOINT_URL_S3) unless the caller registers its own.
    const analytics = analyticsBranchOptions();
    const functionsBySubstitution = new Map<string, LambdaHandler>(
      Object.entries({ ...analytics.lambdaHandlers, ...options.lambdaHandlers }),
    );
    const text = readFileSync(options.definitionFile ?? POST_CALL_DEFINITION_FILE, 'utf8');
    const missing = new Set<string>();
    const functionArns = new Map<string, LambdaHandler>();
    const substituted = text.replace(/\$\{([A-Za-z0-9_]+)\}/g, (_match, key: string) => {
      const setting = options.substitutions?.[key] ?? ANALYTICS_SUBSTITUTION_DEFAULTS[key];
      if (setting !== undefined) return setting;
      if (key.endsWith('FunctionArn')) {
        const arn = localFunctionArn(key);
        const handler = functionsBySubstitution.get(key);
        if (handler) functionArns.set(arn, handler);
        return arn;
      }
      missing.add(key);
      return '';
    });
    if (missing.size > 0) throw new Error(`No value for substitution(s): ${[...missing].join(', ')}`);
    this.definition = JSON.parse(substituted) as StateMachineDefinition;
    collectStates(
      (this.definition as unknown as { States: Record<string, Record<string, unknown>> }).States,
      true,
      this.#states,
    );

    for (const state of this.#states) {
      if (state.type === 'Wait')
        this.#waits[state.name] = options.waitTimeOverrides?.[state.name] ?? options.defaultWaitMs ?? 0;
      if (state.type !== 'Task') continue;
      if (state.resource === LAMBDA_INVOKE || state.resource?.startsWith('arn:aws:lambda:')) {
        const arn = state.resource === LAMBDA_INVOKE ? state.functionName : state.resource;
        const handler = arn ? functionArns.get(arn) : undefined;
        if (!handler) {
          throw new Error(
            `Task state '${state.name}' invokes ${arn ?? 'an unnamed function'}: no local handler registered`,
          );
        }
        this.#taskHandlers[state.name] = (input, executionName) =>
          this.#invokeLambda(handler, arn ?? '', input, state.resource === LAMBDA_INVOKE, executionName);
        continue;
      }
      const service = state.resource
        ? (options.serviceHandlers?.[state.resource] ?? analytics.serviceHandlers[state.resource])
        : undefined;
      if (!service)
        throw new Error(`Task state '${state.name}' (${state.resource}): no local handler registered`);
      this.#taskHandlers[state.name] = async (input, executionName) =>
        jsonClone(await service(input, { stateName: state.name, executionName }));
    }

    // Validate once here; the interpreter would otherwise re-validate every Parallel branch on every run.
    if (!validatedDefinitions.has(substituted)) {
      const { isValid, errorsText } = aslValidator(this.definition, { checkPaths: true, checkArn: false });
      if (!isValid) throw new Error(`Invalid state machine definition: ${errorsText()}`);
      validatedDefinitions.add(substituted);
    }
    this.#machine = new StateMachine(this.definition, { validationOptions: { noValidate: true } });
    this.#retries = { ...(options.retryIntervalOverrides ?? {}) };
    if (options.defaultRetryIntervalMs !== undefined) {
      for (const state of this.#states) {
        if (state.hasRetry && this.#retries[state.name] === undefined) {
          this.#retries[state.name] = options.defaultRetryIntervalMs;
        }
      }
    }
  }

  /** Names of every state (branch states included), in definition order. */
  get stateNames(): string[] {
    return this.#states.map((state) => state.name);
  }

  /**
   * StartExecution: the same name with the same input while RUNNING returns the original answer;
   * otherwise an existing name throws `ExecutionAlreadyExists` (as Step Functions does, for 90 days).
   */
  startExecution(request: { name?: string; input?: string }): StartExecutionResult {
    const name = request.name ?? randomUUID();
    const input = request.input ?? '{}';
    assertStartExecutionAccepted(name, input);
    const existing = this.store.get(name);
    if (existing) {
      if (existing.status === 'RUNNING' && existing.input === input) {
        return { executionArn: existing.executionArn, startDate: new Date(existing.startDate) };
      }
      throw new ExecutionAlreadyExists({
        message: `Execution Already Exists: '${existing.executionArn}'`,
        $metadata: { httpStatusCode: 400 },
      });
    }
    const parsedInput = JSON.parse(input) as Json;
    const startDate = new Date();
    const execution: StoredExecution = {
      executionArn: executionArnFor(this.stateMachineArn, name),
      stateMachineArn: this.stateMachineArn,
      name,
      status: 'RUNNING',
      input,
      startDate: startDate.toISOString(),
      redriveCount: 0,
      statesVisited: [],
      history: [],
    };
    this.store.put(execution);
    this.#launch(execution, this.#machine, parsedInput);
    return { executionArn: execution.executionArn, startDate };
  }

  /**
   * RedriveExecution: re-runs a FAILED/TIMED_OUT/ABORTED execution from the top-level state that
   * failed, with that state's recorded input (successful earlier states are not re-run; a failed
   * Parallel runs all its branches again, where Step Functions re-runs only the failed ones).
   */
  redriveExecution(nameOrArn: string): { redriveDate: Date } {
    const execution = this.store.get(nameOrArn);
    if (!execution) {
      throw new ExecutionDoesNotExist({ message: `Execution Does Not Exist: '${nameOrArn}'`, $metadata: {} });
    }
    if (execution.status === 'RUNNING' || execution.status === 'SUCCEEDED') {
      throw new ExecutionNotRedrivable({
        message: `Execution is ${execution.status} and cannot be redriven`,
        $metadata: { httpStatusCode: 400 },
      });
    }
    const topLevel = new Set(this.#states.filter((state) => state.topLevel).map((state) => state.name));
    const entered = [...execution.history]
      .reverse()
      .find((event) => event.type === 'StateEntered' && event.stateName && topLevel.has(event.stateName));
    // The same definition started at the failed state (validation would reject the states before it as unreachable).
    const machine = entered?.stateName
      ? new StateMachine({ ...this.definition, StartAt: entered.stateName } as StateMachineDefinition, {
          validationOptions: { noValidate: true },
        })
      : this.#machine;
    const input = entered ? (entered.input as Json) : (JSON.parse(execution.input) as Json);
    const redriveDate = new Date();
    execution.status = 'RUNNING';
    execution.redriveCount += 1;
    execution.redriveDate = redriveDate.toISOString();
    execution.error = undefined;
    execution.cause = undefined;
    execution.stopDate = undefined;
    execution.history.push({
      timestamp: redriveDate.toISOString(),
      type: 'ExecutionRedriven',
      stateName: entered?.stateName,
    });
    this.#launch(execution, machine, input);
    return { redriveDate };
  }

  /** Resolves when the named execution has stopped. */
  async wait(name: string): Promise<StoredExecution> {
    await this.#running.get(name);
    const execution = this.store.get(name);
    if (!execution) throw new Error(`No execution named ${name}`);
    return execution;
  }

  /** Resolves when every execution started so far (and any started meanwhile) has stopped. */
  async settle(): Promise<void> {
    while (this.#running.size > 0) await Promise.all(this.#running.values());
  }

  #launch(execution: StoredExecution, machine: StateMachine, input: Json): void {
    const taskResourceLocalHandlers: Record<string, (input: Json) => Promise<Json>> = {};
    const middleware = this.#options.taskMiddleware;
    for (const [stateName, handler] of Object.entries(this.#taskHandlers)) {
      taskResourceLocalHandlers[stateName] = middleware
        ? (taskInput) =>
            middleware({ executionName: execution.name, stateName }, () => handler(taskInput, execution.name))
        : (taskInput) => handler(taskInput, execution.name);
    }
    const overrides = {
      taskResourceLocalHandlers,
      waitTimeOverrides: this.#waits,
      retryIntervalOverrides: this.#retries,
    };
    const run = machine.run(input, {
      overrides,
      context: {
        Execution: {
          Id: execution.executionArn,
          Name: execution.name,
          Input: input,
          StartTime: execution.startDate,
          RoleArn: `arn:aws:iam::${ACCOUNT}:role/post-call-state-machine`,
          RedriveCount: execution.redriveCount,
        },
        StateMachine: { Id: this.stateMachineArn, Name: this.stateMachineArn.split(':').pop() ?? '' },
      },
    });
    const collecting = (async () => {
      for await (const event of run.eventLogs) this.#record(execution, event);
    })();
    const done = (async () => {
      try {
        const output = await run.result;
        execution.status = 'SUCCEEDED';
        execution.output = JSON.stringify(output);
      } catch (error) {
        execution.status = 'FAILED';
        const cause = error instanceof ExecutionError ? (error.cause as Error | undefined) : (error as Error);
        execution.error = cause?.name ?? 'States.Runtime';
        execution.cause = causeText(cause);
      }
      await collecting.catch(() => undefined);
      execution.stopDate = new Date().toISOString();
    })().finally(() => this.#running.delete(execution.name));
    this.#running.set(execution.name, done);
  }

  #record(execution: StoredExecution, event: EventLog): void {
    const stored: StoredHistoryEvent = {
      timestamp: new Date(event.timestamp).toISOString(),
      type: event.type,
    };
    if ('state' in event && event.state) {
      stored.stateName = event.state.name;
      stored.stateType = event.state.type;
      stored.input = event.state.input;
      if (event.state.output !== undefined) stored.output = event.state.output;
    }
    if (event.type === 'ExecutionStarted') stored.input = event.input;
    if (event.type === 'ExecutionSucceeded') stored.output = event.output;
    if ('Error' in event) {
      stored.error = event.Error;
      stored.cause =
        typeof event.Cause === 'string' ? event.Cause : causeText(event.Cause as Error | undefined);
    }
    if (event.type === 'StateRetried') stored.retryAttempt = event.retry.attempt;
    if (event.type === 'StateEntered' && stored.stateName) execution.statesVisited.push(stored.stateName);
    execution.history.push(stored);
  }

  async #invokeLambda(
    handler: LambdaHandler,
    functionArn: string,
    input: Json,
    viaInvoke: boolean,
    executionName: string,
  ): Promise<Json> {
    const payload = viaInvoke ? ((input as { Payload?: Json }).Payload ?? null) : input;
    const context = lambdaContext({
      functionName: functionArn.split(':').pop() ?? functionArn,
      invokedFunctionArn: functionArn,
      timeoutMs: this.#options.lambdaTimeoutMs ?? 900_000,
      memoryLimitInMB: '1024',
      logStreamName: `local/${executionName}`,
    });
    let result: unknown;
    try {
      // The event crosses a JSON boundary in Lambda too.
      result = await handler(jsonClone(payload) as never, context);
    } catch (error) {
      const err = error instanceof Error ? error : new Error(String(error));
      const errorType = err.name || 'Error';
      throw new LambdaFunctionError(
        errorType,
        err.message,
        JSON.stringify({ errorType, errorMessage: err.message }),
      );
    }
    const resultPayload = jsonClone(result);
    return viaInvoke
      ? { ExecutedVersion: '$LATEST', Payload: resultPayload, StatusCode: 200 }
      : resultPayload;
  }
}

function causeText(error: Error | undefined): string | undefined {
  if (!error) return undefined;
  return typeof error.cause === 'string' ? error.cause : error.message;
}
