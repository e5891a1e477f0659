/**
 * The current metrics requested from GetCurrentMetricData and the `AC_QueueMetrics__c` field
 * each one fills (names without namespace), exactly the original's list.
 */
import type { CurrentMetric } from '@aws-sdk/client-connect';
import type { CurrentMetricName } from './types.js';

/** The field (without namespace) each current metric is written to. */
export const QUEUE_METRIC_FIELDS: Record<CurrentMetricName, string> = {
  AGENTS_ONLINE: 'Agents_Online__c',
  AGENTS_AVAILABLE: 'Agents_Available__c',
  AGENTS_ON_CONTACT: 'Agents_On_Call__c',
  AGENTS_STAFFED: 'Agents_Staffed__c',
  AGENTS_AFTER_CONTACT_WORK: 'Agents_After_Contact_Work__c',
  AGENTS_NON_PRODUCTIVE: 'Agents_Non_Productive__c',
  AGENTS_ERROR: 'Agents_Error__c',
  CONTACTS_IN_QUEUE: 'Contacts_In_Queue__c',
  OLDEST_CONTACT_AGE: 'Oldest_Contact_Age__c',
  CONTACTS_SCHEDULED: 'Contacts_Scheduled__c',
};

/** The metrics requested from GetCurrentMetricData, with their units. */
export const CURRENT_METRICS: CurrentMetric[] = (Object.keys(QUEUE_METRIC_FIELDS) as CurrentMetricName[]).map(
  (name) => ({ Name: name, Unit: name === 'OLDEST_CONTACT_AGE' ? 'SECONDS' : 'COUNT' }),
);

/** Channels the original aggregates over. */
export const METRIC_CHANNELS = ['VOICE', 'CHAT', 'TASK'] as const;

/** GetCurrentMetricData accepts at most 100 queues in `Filters.Queues`. */
export const MAX_QUEUES_PER_METRICS_REQUEST = 100;

/** Whether a metric name is one the import writes. */
export function isCurrentMetricName(name: string | undefined): name is CurrentMetricName {
  return name !== undefined && Object.hasOwn(QUEUE_METRIC_FIELDS, name);
}
