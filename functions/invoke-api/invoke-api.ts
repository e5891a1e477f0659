/**
 * sfInvokeAPI as a plain function: event in, flat Connect map out. The handler wraps it in middy;
 * tests, the `npm run invoke` CLI and the benchmark call it (or the handler) directly.
 *
 * Every invocation: parse the event, run the operation under the deadline, surface Salesforce
 * errors as `errorCode: message`, and check the answer fits Connect (flat, ≤ 32 KB).
 *
 * @example
 * ```ts
 * const result = await invokeApi(event, { sf: getSalesforceClient(), settings: readInvokeApiSettings(process.env) });
 * ```
 */
import type { Logger } from '@aws-lambda-powertools/logger';
import { logFailure } from '../../shared/logging/error-summary.js';
import { SalesforceConfigError, SalesforceError } from '../../shared/salesforce/errors.js';
import type { SalesforceApi } from '../../shared/salesforce/types.js';
import { withDeadline } from './deadline.js';
import { InvokeApiTimeoutError, SalesforceCallError, UnknownOperationError } from './errors.js';
import { parseContactFlowEvent } from './event.js';
import { OPERATION_NAMES, OPERATIONS } from './operations/index.js';
import { checkConnectResponse } from './response.js';
import type { ConnectResponse, InvokeApiSettings, Operation } from './types.js';

/** Time kept back from the Lambda's remaining time so the error still reaches Connect. */
const LAMBDA_SAFETY_MARGIN_MS = 300;

/**
 * What {@link invokeApi} works with: the Salesforce client, the settings, and optional logger, clock
 * and outcome callback.
 */
export interface InvokeApiDependencies {
  sf: SalesforceApi;
  settings: InvokeApiSettings;
  logger?: Logger;
  /** The time of the call (tests fix it). Default: the current time. */
  now?: () => Date;
  /** The Lambda's remaining time; the deadline never exceeds it (minus a margin). */
  remainingTimeMs?: () => number;
  /**
   * Told how each invocation ended, by operation (a known `sf_operation` name, else `unknown`):
   * the handler counts answers and errors as metrics.
   */
  onOutcome?: (operation: string, outcome: 'answer' | 'error') => void;
}

/**
 * Runs one contact flow request: parses the event, runs the named operation against Salesforce and
 * returns the flat answer Connect accepts. Errors name the operation and parameter.
 *
 * @example
 * ```ts
 * const answer = await invokeApi(event, { sf: getSalesforceClient(), settings });
 * answer.sf_count; // e.g. 1
 * ```
 */
export async function invokeApi(
  event: unknown,
  dependencies: InvokeApiDependencies,
): Promise<ConnectResponse> {
  const { sf, settings, logger, onOutcome } = dependencies;
  let parsed: ReturnType<typeof parseContactFlowEvent>;
  try {
    parsed = parseContactFlowEvent(event);
  } catch (error) {
    onOutcome?.('unknown', 'error');
    throw error;
  }
  const { operation, parameters } = parsed;
  const run = findOperation(operation);
  if (operation === undefined || run === undefined) {
    onOutcome?.('unknown', 'error');
    throw new UnknownOperationError(operation, OPERATION_NAMES);
  }

  const timeoutMs = deadlineMs(settings.timeoutMs, dependencies.remainingTimeMs?.());
  const context = { operation, sf, settings, logger, now: dependencies.now?.() ?? new Date() };
  const started = performance.now();
  try {
    const response = await withDeadline(
      () => run(parameters, context),
      timeoutMs,
      () => new InvokeApiTimeoutError(operation, timeoutMs),
    );
    const checked = checkConnectResponse(operation, response, settings.maxResponseBytes);
    // Names and counts only: parameter values and results are caller data (PII).
    logger?.info('sf_operation succeeded', {
      operation,
      parameters: Object.keys(parameters),
      sfCount: checked.sf_count,
      keys: Object.keys(checked).length,
      durationMs: Math.round(performance.now() - started),
    });
    onOutcome?.(operation, 'answer');
    return checked;
  } catch (error) {
    const surfaced = surfaceError(operation, error);
    // Error name, Salesforce codes and field names only: Salesforce quotes rejected values in its
    // messages. The flow's answer still carries the message; the log has it at DEBUG.
    logFailure(logger, 'warn', 'sf_operation failed', surfaced, {
      operation,
      parameters: Object.keys(parameters),
      durationMs: Math.round(performance.now() - started),
    });
    onOutcome?.(operation, 'error');
    throw surfaced;
  }
}

function findOperation(operation: string | undefined): Operation | undefined {
  return operation !== undefined && Object.hasOwn(OPERATIONS, operation) ? OPERATIONS[operation] : undefined;
}

function deadlineMs(configured: number, remaining: number | undefined): number {
  if (remaining === undefined) return configured;
  return Math.max(1, Math.min(configured, remaining - LAMBDA_SAFETY_MARGIN_MS));
}

/** Salesforce errors (configuration ones too) become `errorCode: message` (as the original surfaced them); others pass through. */
function surfaceError(operation: string, error: unknown): Error {
  if (error instanceof SalesforceError) {
    const detail = error.details[0];
    return new SalesforceCallError(
      operation,
      {
        name: error.name,
        message: detail?.message ?? error.message,
        errorCode: detail?.errorCode ?? error.errorCode,
        status: error.status,
      },
      error,
    );
  }
  if (error instanceof SalesforceConfigError) {
    return new SalesforceCallError(operation, { name: error.name, message: error.message }, error);
  }
  return error instanceof Error ? error : new Error(String(error));
}
