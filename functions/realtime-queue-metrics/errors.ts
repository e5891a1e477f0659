/**
 * Typed errors of the real-time queue metrics refresh; each `name` is stable. It is not a state
 * machine task and its schedule does not retry: the next minute's invocation is the retry.
 *
 * @example
 * ```ts
 * catch (err) { if (err instanceof QueueMetricsRejectedError) logger.error(err.message); }
 * ```
 */
import { ConfigurationError } from '../../shared/config/configuration-error.js';

/**
 * A setting is missing or out of range; the message names the environment variable and the stack
 * parameter, `setting` the variable. Not retried: the invocation fails before its first refresh and
 * the next minute's invocation reads the settings again.
 */
export class RealtimeSettingsError extends ConfigurationError {
  constructor(message: string, setting: string, options?: ErrorOptions) {
    super(message, setting, options);
    this.name = 'RealtimeMetrics.Config';
  }
}

/** Connect returned a page loop (the same NextToken twice) or too many pages. */
export class ConnectPagingError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RealtimeMetrics.ConnectPaging';
  }
}

/** `AC_QueueMetrics__c` is missing or lacks `Queue_Id__c` (usually a wrong SF_ADAPTER_NAMESPACE). */
export class QueueMetricsObjectError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'RealtimeMetrics.ObjectSchema';
  }
}

/** Salesforce rejected some queue records; the others were written. */
export class QueueMetricsRejectedError extends Error {
  readonly failures: Array<{ queueId: string; reason: string }>;
  constructor(total: number, failures: Array<{ queueId: string; reason: string }>) {
    const sample = failures
      .slice(0, 5)
      .map((f) => `${f.queueId}: ${f.reason}`)
      .join('; ');
    super(`${failures.length} of ${total} queue metric records were rejected: ${sample}`);
    this.name = 'RealtimeMetrics.RecordsRejected';
    this.failures = failures;
  }
}

/** One or more refreshes of an invocation failed (the others ran). */
export class RefreshFailedError extends Error {
  readonly errors: Error[];
  constructor(errors: Error[], attempted: number) {
    super(
      `${errors.length} of ${attempted} refreshes failed: ${errors.map((e) => `${e.name}: ${e.message}`).join(' | ')}`,
    );
    this.name = 'RealtimeMetrics.RefreshFailed';
    this.errors = errors;
  }
}
