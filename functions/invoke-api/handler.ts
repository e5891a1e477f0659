/**
 * sfInvokeAPI Lambda handler: the contact-flow facade ("Invoke AWS Lambda function" block).
 * Thin: middy + Powertools logger around {@link invokeApi}. The Salesforce client (secret, token,
 * describe cache) is cached per container by `getSalesforceClient()`, so warm invocations make no
 * Secrets Manager call and no token request.
 */
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { Context } from 'aws-lambda';
import { createLogger } from '../../shared/logging/logger.js';
import { FunctionObservability } from '../../shared/observability/function-observability.js';
import { DIMENSION, METRIC } from '../../shared/observability/metric-names.js';
import {
  type ContainerClientOptions,
  getSalesforceClient,
} from '../../shared/salesforce/from-environment.js';
import type { SalesforceApi } from '../../shared/salesforce/types.js';
import { clientBudget } from './client-budget.js';
import { invokeApi } from './invoke-api.js';
import { readInvokeApiSettings } from './settings.js';
import type { ConnectContactFlowEvent, ConnectResponse, InvokeApiSettings } from './types.js';

/** What the handler works with; tests and local runs inject their own. */
export interface InvokeApiHandlerDependencies {
  /**
   * The Salesforce client, given the retry budget and request timeout sized to the deadline.
   * Defaults to the per-container client built from the `SF_*` environment.
   */
  salesforce: (options: ContainerClientOptions) => SalesforceApi;
  /** Where the settings are read from, once per handler. Defaults to `process.env`. */
  env: Record<string, string | undefined>;
}

const logger = createLogger('invoke-api');
const observability = new FunctionObservability('invoke-api');

/**
 * Builds the sfInvokeAPI handler. Its settings are read on the first invocation, not at import: a
 * bad setting then reaches the caller as a clear error instead of an opaque init failure.
 *
 * @example
 * ```ts
 * const handler = createHandler({ env: { ...process.env, SF_INVOKE_API_TIMEOUT_MS: '250' } });
 * await handler({ Details: { Parameters: { sf_operation: 'phoneLookup', sf_phone: '+441122334455', sf_fields: 'Id, Name' } } }, context);
 * ```
 */
export function createHandler(dependencies: Partial<InvokeApiHandlerDependencies> = {}) {
  const salesforce = dependencies.salesforce ?? getSalesforceClient;
  const env = dependencies.env ?? process.env;
  let settings: InvokeApiSettings | undefined;

  const containerSettings = (): InvokeApiSettings => {
    if (settings !== undefined) return settings;
    settings = readInvokeApiSettings(env);
    const sized = clientBudget(settings.timeoutMs).requestTimeoutMs;
    if (settings.requestTimeoutMs > sized) {
      logger.warn('SF_REQUEST_TIMEOUT_MS leaves no room for a retry within SF_INVOKE_API_TIMEOUT_MS', {
        requestTimeoutMs: settings.requestTimeoutMs,
        deadlineMs: settings.timeoutMs,
        suggestedRequestTimeoutMs: sized,
      });
    }
    return settings;
  };

  return observability
    .handler(async (event: ConnectContactFlowEvent, context: Context): Promise<ConnectResponse> => {
      const current = containerSettings();
      const sf = salesforce({
        logger,
        retry: clientBudget(current.timeoutMs).retry,
        requestTimeoutMs: current.requestTimeoutMs,
      });
      const remaining = context?.getRemainingTimeInMillis;
      return invokeApi(event, {
        sf,
        settings: current,
        logger,
        remainingTimeMs:
          typeof remaining === 'function' ? () => context.getRemainingTimeInMillis() : undefined,
        onOutcome: (operation, outcome) =>
          observability.count(outcome === 'answer' ? METRIC.invokeApiAnswers : METRIC.invokeApiErrors, 1, {
            name: DIMENSION.operation,
            value: operation,
          }),
      });
    })
    .use(injectLambdaContext(logger, { resetKeys: true }));
}

/** The deployed handler (`functions/invoke-api/handler.handler`). */
export const handler = createHandler();
