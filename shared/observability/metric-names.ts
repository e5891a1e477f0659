/**
 * The metrics every function publishes (CloudWatch EMF through Powertools Metrics), in one
 * namespace, with the dimension names the stack's alarms and dashboard query. Every metric also
 * carries the Powertools `service` dimension: the function's folder name.
 *
 * @example
 * ```ts
 * metrics.addMetric(METRIC.contactsImported, MetricUnit.Count, 1);
 * ```
 */
export const METRICS_NAMESPACE = 'ConnectSalesforcePipeline';

/**
 * The custom metrics the functions publish, by name.
 *
 * @example
 * ```ts
 * observability.count(METRIC.contactsImported, 1);
 * ```
 */
export const METRIC = {
  /** Calls counted toward the org's daily allocation, with the `Operation` dimension. */
  salesforceApiCalls: 'SalesforceApiCalls',
  /** The org's daily API usage in percent, from the newest `Sforce-Limit-Info` of the invocation. */
  salesforceDailyApiUsagePercent: 'SalesforceDailyApiUsagePercent',
  /** Calls left in the org's daily allocation, from the same reading. */
  salesforceDailyApiRemaining: 'SalesforceDailyApiRemaining',
  /** Failed Salesforce calls, with the `ErrorName` dimension (`Salesforce.Transient`...). */
  salesforceErrors: 'SalesforceErrors',
  /** Post-call executions the trigger started for new contacts (ctr-trigger). */
  executionsStarted: 'ExecutionsStarted',
  /** Contact trace records written to Salesforce (contact-import). */
  contactsImported: 'ContactsImported',
  /** Transcripts imported into the analytics record (transcript-import). */
  transcriptsImported: 'TranscriptsImported',
  /** Transcription jobs that failed, recorded on the analytics record (transcript-import). */
  transcriptionsFailed: 'TranscriptionsFailed',
  /** Contact Lens analyses imported into the analytics record (contact-lens-import). */
  contactLensImported: 'ContactLensImported',
  /**
   * CTR fields too long for their Salesforce field, written as null with the full text attached
   * to the CTR record (contact-import).
   */
  oversizeFieldsAttached: 'OversizeFieldsAttached',
  /** Records not applied because a newer version of the contact was already handled. */
  supersededVersions: 'SupersededVersions',
  /** Contact records parked on the dead-letter queue (ctr-trigger). */
  recordsDeadLettered: 'RecordsDeadLettered',
  /** sfInvokeAPI answers given to the contact flow, with the `Operation` dimension. */
  invokeApiAnswers: 'InvokeApiAnswers',
  /** sfInvokeAPI errors answered to the contact flow, with the `Operation` dimension. */
  invokeApiErrors: 'InvokeApiErrors',
} as const;

/** The name of a custom metric the functions publish. */
export type MetricName = (typeof METRIC)[keyof typeof METRIC];

/** The dimension names of the custom metrics. */
export const DIMENSION = {
  /** Powertools' default dimension: the function (its folder under functions/). */
  service: 'service',
  operation: 'Operation',
  errorName: 'ErrorName',
} as const;
