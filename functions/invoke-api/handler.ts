/**
 * sfInvokeAPI Lambda handler: the contact-flow facade ("Invoke AWS Lambda function" block).
 * Thin: middy + Powertools logger around {@link invokeApi}. The Salesforce client (secret, token)
 * is cached per container by `getSalesforceClient()`, so warm invocations make no Secrets Manager
 * call and no token request.
 *
 * @example
 * ```ts
 * await handler({ Details: { Parameters: { sf_operation: 'phoneLookup', sf_phone: '+441122334455', sf_fields: 'Id, Name' } } }, context);
 * ```
 */
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { Context } from 'aws-lambda';
import { createLogger } from '../../shared/logging/logger.js';
import { FunctionObservability } from '../../shared/observability/function-observability.js';
import { DIMENSION, METRIC } from '../../shared/observability/metric-names.js';
import { getSalesforceClient } from '../../shared/salesforce/from-environment.js';
import type { SalesforceApi } from '../../shared/salesforce/types.js';
import { clientBudget } from './client-budget.js';
import { invokeApi } from './invoke-api.js';
import { readInvokeApiSettings } from './settings.js';
import type { ConnectContactFlowEvent, ConnectResponse, InvokeApiSettings } from './types.js';

const logger = createLogger('invoke-api');
const observability = new FunctionObservability('invoke-api');

// Read on first use, not at import: a bad setting then reaches the caller as a clear error
// instead of an opaque init failure.
let settings: InvokeApiSettings | undefined;

let budgetChecked = false;

function salesforce(deadlineMs: number): SalesforceApi {
  const budget = clientBudget(deadlineMs);
  if (!budgetChecked) {
    budgetChecked = true;
    // The client reads its per-request timeout from the environment when it is first built; unless
    // the stack sets one, size it to the deadline (applies to this container only).
    const configured = Number(process.env.SF_REQUEST_TIMEOUT_MS);
    if (process.env.SF_REQUEST_TIMEOUT_MS === undefined) {
      process.env.SF_REQUEST_TIMEOUT_MS = String(budget.requestTimeoutMs);
    } else if (configured > budget.requestTimeoutMs) {
      logger.warn('SF_REQUEST_TIMEOUT_MS leaves no room for a retry within SF_INVOKE_API_TIMEOUT_MS', {
        requestTimeoutMs: configured,
        deadlineMs,
        suggestedRequestTimeoutMs: budget.requestTimeoutMs,
      });
    }
  }
  return getSalesforceClient({ logger, retry: budget.retry });
}

async function invokeApiHandler(event: ConnectContactFlowEvent, context: Context): Promise<ConnectResponse> {
  settings ??= readInvokeApiSettings(process.env);
  const remaining = context?.getRemainingTimeInMillis;
  return invokeApi(event, {
    sf: salesforce(settings.timeoutMs),
    settings,
    logger,
    remainingTimeMs: typeof remaining === 'function' ? () => context.getRemainingTimeInMillis() : undefined,
    onOutcome: (operation, outcome) =>
      observability.count(outcome === 'answer' ? METRIC.invokeApiAnswers : METRIC.invokeApiErrors, 1, {
        name: DIMENSION.operation,
        value: operation,
      }),
  });
}

export const handler = observability
  .handler<ConnectContactFlowEvent, ConnectResponse>(invokeApiHandler)
  .use(injectLambdaContext(logger));

/** Forget the cached settings (tests that change the environment). */
export function resetInvokeApiSettings(): void {
  settings = undefined;
  budgetChecked = false;
}
