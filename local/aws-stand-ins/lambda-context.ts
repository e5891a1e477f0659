/**
 * A Lambda `Context` for running a handler outside Lambda (local runner, invoke CLI, tests,
 * benchmarks): names derived from the function name, a fresh request id, and a remaining time
 * that counts down from the function's timeout (or any clock you pass).
 *
 * @example
 * ```ts
 * await handler(event, lambdaContext({ functionName: 'ctr-trigger', timeoutMs: 120_000 }));
 * ```
 */
import { randomUUID } from 'node:crypto';
import type { Context } from 'aws-lambda';

/** The parts of a Lambda `Context` a test or local run sets; everything else has a default. */
export interface LambdaContextOptions {
  functionName: string;
  /** Default: an ARN for `functionName` in us-east-1, account 000000000000. */
  invokedFunctionArn?: string;
  /** The function's timeout, counted from now (default 900 000 ms). Ignored with `remainingMs`. */
  timeoutMs?: number;
  /** Overrides the countdown (tests with a fake clock). */
  remainingMs?: () => number;
  /** Default `256`. */
  memoryLimitInMB?: string;
  /** Default `local`. */
  logStreamName?: string;
}

/**
 * A Lambda `Context` for running a handler outside Lambda, with a remaining-time countdown from the
 * given timeout (default 900 s).
 *
 * @example
 * ```ts
 * await handler(event, lambdaContext({ functionName: 'contact-import', timeoutMs: 60_000 }));
 * ```
 */
export function lambdaContext(options: LambdaContextOptions): Context {
  const { functionName } = options;
  const deadline = Date.now() + (options.timeoutMs ?? 900_000);
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn:
      options.invokedFunctionArn ?? `arn:aws:lambda:us-east-1:000000000000:function:${functionName}`,
    memoryLimitInMB: options.memoryLimitInMB ?? '256',
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: options.logStreamName ?? 'local',
    getRemainingTimeInMillis: options.remainingMs ?? (() => Math.max(0, deadline - Date.now())),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}
