/**
 * Metrics and tracing of one function, composed around its handler: Powertools Metrics (EMF, one
 * namespace, the function's folder as the `service` dimension) and Powertools Tracer (the
 * handler's subsegment, one subsegment per Salesforce call). Every Salesforce call made during an
 * invocation is counted for that invocation (`SalesforceApiCalls` by operation,
 * `SalesforceErrors` by error name, the newest daily usage) and published when it ends, failed
 * or not.
 *
 * @example
 * ```ts
 * const observability = new FunctionObservability('contact-import');
 * export const handler = observability.handler(importContact).use(injectLambdaContext(logger));
 * // inside importContact:
 * observability.annotateContact(contactId);
 * observability.count(METRIC.contactsImported, 1);
 * ```
 */
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { Tracer } from '@aws-lambda-powertools/tracer';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import middy, { type MiddlewareObj, type MiddyfiedHandler } from '@middy/core';
import type { Context } from 'aws-lambda';
import {
  observeSalesforceCalls,
  type SalesforceCallObserver,
  type SalesforceCallSpan,
  type SalesforceOperation,
} from '../salesforce/call-observer.js';
import { METRICS_NAMESPACE, type MetricName } from './metric-names.js';
import { SalesforceCallMetrics } from './salesforce-call-metrics.js';
import { SalesforceCallTracing, type SegmentSource } from './salesforce-call-tracing.js';

/**
 * One function's metrics and tracing: wraps its handler (handler subsegment, metrics flushed when
 * the invocation ends), traces its AWS clients and counts its Salesforce calls per invocation.
 *
 * @example
 * ```ts
 * const observability = new FunctionObservability('contact-import');
 * export const handler = observability.handler(importContact);
 * ```
 */
export class FunctionObservability {
  readonly metrics: Metrics;
  readonly tracer: Tracer;
  readonly #tracing: SalesforceCallTracing;

  constructor(readonly service: string) {
    this.metrics = new Metrics({ namespace: METRICS_NAMESPACE, serviceName: service });
    this.tracer = new Tracer({ serviceName: service });
    this.#tracing = new SalesforceCallTracing(this.tracer as unknown as SegmentSource);
  }

  /** `fn` as a middy handler with the tracer's handler subsegment and the metrics flush. */
  handler<TEvent, TResult>(
    fn: (event: TEvent, context: Context) => Promise<TResult>,
  ): MiddyfiedHandler<TEvent, TResult, Error, Context> {
    const observed = async (event: TEvent, context: Context): Promise<TResult> => {
      const calls = new SalesforceCallMetrics();
      try {
        return await observeSalesforceCalls(both(calls, this.#tracing), () => fn(event, context));
      } finally {
        calls.publish(this.metrics);
      }
    };
    return middy<TEvent, TResult, Error, Context>(observed)
      .use(captureLambdaHandler(this.tracer, { captureResponse: false }))
      .use(this.#flush());
  }

  /** Adds `value` to a metric of this invocation, optionally under one extra dimension. */
  count(name: MetricName | string, value: number, dimension?: { name: string; value: string }): void {
    if (dimension === undefined) {
      this.metrics.addMetric(name, MetricUnit.Count, value);
      return;
    }
    const single = this.metrics.singleMetric();
    single.addDimension(dimension.name, dimension.value);
    single.addMetric(name, MetricUnit.Count, value);
  }

  /** The ContactId as a trace annotation (searchable in X-Ray); a no-op when tracing is off. */
  annotateContact(contactId: string): void {
    if (this.tracer.isTracingEnabled()) this.tracer.putAnnotation('ContactId', contactId);
  }

  /** The AWS SDK client, traced (a subsegment per call) when tracing is on. */
  awsClient<T>(client: T): T {
    return this.tracer.captureAWSv3Client(client);
  }

  #flush(): MiddlewareObj<unknown, unknown, Error, Context> {
    const publish = async () => {
      // Nothing stored (e.g. no Salesforce call): no empty EMF document, no warning.
      if (this.metrics.hasStoredMetrics()) this.metrics.publishStoredMetrics();
    };
    return { after: publish, onError: publish };
  }
}

function both(first: SalesforceCallObserver, second: SalesforceCallObserver): SalesforceCallObserver {
  return {
    callStarted(operation: SalesforceOperation): SalesforceCallSpan {
      const spans = [first.callStarted(operation), second.callStarted(operation)];
      return {
        end: (outcome) => {
          for (const span of spans) span.end(outcome);
        },
      };
    },
  };
}
