/**
 * One X-Ray subsegment per Salesforce API call, under the handler's subsegment: named by the
 * operation kind, annotated with the operation and HTTP status, flagged as error (4xx) or fault
 * (5xx, no answer). Never the path, query text or values: those hold customer data.
 *
 * @example
 * ```ts
 * const tracing = new SalesforceCallTracing(tracer);
 * await observeSalesforceCalls(tracing, () => client.query(text)); // subsegment "Salesforce query"
 * ```
 */
import type {
  SalesforceCallObserver,
  SalesforceCallSpan,
  SalesforceOperation,
} from '../salesforce/call-observer.js';

/** The part of an X-Ray (sub)segment used here. */
export interface TraceSegment {
  addNewSubsegment(name: string): TraceSubsegment;
}

/** The part of an X-Ray subsegment the call tracing uses. */
export interface TraceSubsegment {
  addAnnotation(key: string, value: string | number | boolean): void;
  addErrorFlag(): void;
  addFaultFlag(): void;
  close(): void;
}

/** The part of the Powertools `Tracer` used here. */
export interface SegmentSource {
  isTracingEnabled(): boolean;
  getSegment(): TraceSegment | undefined;
}

const NOTHING: SalesforceCallSpan = { end() {} };

/**
 * A {@link SalesforceCallObserver} that opens one X-Ray subsegment per Salesforce call, annotated
 * with the operation and status only (never paths or values). Does nothing when tracing is off.
 */
export class SalesforceCallTracing implements SalesforceCallObserver {
  constructor(private readonly tracer: SegmentSource) {}

  callStarted(operation: SalesforceOperation): SalesforceCallSpan {
    if (!this.tracer.isTracingEnabled()) return NOTHING;
    const subsegment = this.tracer.getSegment()?.addNewSubsegment(`Salesforce ${operation}`);
    if (subsegment === undefined) return NOTHING;
    subsegment.addAnnotation('operation', operation);
    return {
      end: ({ status, errorName }) => {
        if (status !== undefined) subsegment.addAnnotation('status', status);
        if (errorName !== undefined) subsegment.addAnnotation('errorName', errorName);
        if (status === undefined || status >= 500) {
          if (errorName !== undefined) subsegment.addFaultFlag();
        } else if (status >= 400) subsegment.addErrorFlag();
        subsegment.close();
      },
    };
  }
}
