/**
 * Who watches the Salesforce client's API calls: one {@link SalesforceCallObserver} per Lambda
 * invocation (metrics and trace subsegments, see `shared/observability/`), found through an
 * `AsyncLocalStorage` scope rather than passed to the client. The client is shared by every
 * handler of a container (and locally by every handler of one process), so the scope is what
 * attributes a call to the invocation that made it, even when several run at once.
 *
 * @example
 * ```ts
 * await observeSalesforceCalls(observer, () => client.query(soql`SELECT Id FROM Case`));
 * // observer.callStarted('query') was called, then the span's end({ status: 200, limitInfo })
 * ```
 */
import { AsyncLocalStorage } from 'node:async_hooks';

/** What kind of API call it was: bounded, so it can be a metric dimension. */
export type SalesforceOperation =
  | 'query'
  | 'search'
  | 'read'
  | 'create'
  | 'update'
  | 'upsert'
  | 'delete'
  | 'describe'
  | 'composite'
  | 'collection'
  | 'chatter'
  | 'upload'
  | 'limits';

/** The org's daily API usage as one `Sforce-Limit-Info` header reported it. */
export interface LimitInfo {
  used: number;
  max: number;
}

/** How one API call (one HTTP exchange with `/services/data`) ended. */
export interface SalesforceCallOutcome {
  /** HTTP status, absent when no response arrived (timeout, connection reset). */
  status?: number;
  /** The typed error's name (`Salesforce.Transient`...) when the call failed. */
  errorName?: string;
  /** The response's `Sforce-Limit-Info`, parsed. */
  limitInfo?: LimitInfo;
}

/** One Salesforce call in flight: `end` is called once with its outcome. */
export interface SalesforceCallSpan {
  end(outcome: SalesforceCallOutcome): void;
}

/** Told about every API call the client sends; must never throw. */
export interface SalesforceCallObserver {
  callStarted(operation: SalesforceOperation): SalesforceCallSpan;
}

const scope = new AsyncLocalStorage<SalesforceCallObserver>();

/** Runs `work` with `observer` watching every Salesforce call made inside it. */
export function observeSalesforceCalls<T>(observer: SalesforceCallObserver, work: () => T): T {
  return scope.run(observer, work);
}

/** The observer of the current invocation, if any. */
export function currentSalesforceObserver(): SalesforceCallObserver | undefined {
  return scope.getStore();
}
