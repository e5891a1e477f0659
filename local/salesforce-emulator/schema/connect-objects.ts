/**
 * Amazon Connect CTI Adapter package objects the pipeline writes (contact trace
 * records, channel analytics, reporting objects). Every object and custom field here is `packaged`: with `namespace: 'amazonconnect'`
 * they become `amazonconnect__AC_ContactTraceRecord__c`, `amazonconnect__ContactId__c`, …
 */
import { dateTime, double, longText, text } from './field-builders.js';
import type { FieldDefinition, ObjectDefinition } from './types.js';

const packaged = (fields: FieldDefinition[]): FieldDefinition[] =>
  fields.map((field) => (field.name.endsWith('__c') ? { ...field, packaged: true } : field));

/** Unique, case-sensitive external id (idempotent upserts). */
const externalKey = (name: string, length = 255): FieldDefinition =>
  text(name, length, { externalId: true, unique: true, caseSensitive: true });

/**
 * Fields of the adapter's `AC_ContactTraceRecord__c` (names without namespace), keyed by
 * `ContactId__c`.
 */
export const CONTACT_TRACE_RECORD_FIELDS: FieldDefinition[] = [
  externalKey('ContactId__c', 64),
  text('AWSAccountId__c', 20),
  double('AgentConnectionAttempts__c'),
  longText('Attributes__c'),
  text('Channel__c', 20),
  dateTime('ConnectedToSystemTimestamp__c'),
  dateTime('InitiationTimestamp__c'),
  text('InitialContactId__c', 64),
  text('Initiation_Method__c', 40),
  text('InstanceARN__c'),
  dateTime('LastUpdateTimestamp__c'),
  text('NextContactId__c', 64),
  text('PreviousContactId__c', 64),
  dateTime('DisconnectTimestamp__c'),
  double('AfterContactWorkDuration__c'),
  dateTime('AfterContactWorkEndTimestamp__c'),
  dateTime('AfterContactWorkStartTimestamp__c'),
  dateTime('AgentConnectedToAgentTimestamp__c'),
  double('AgentInteractionDuration__c'),
  double('AgentCustomerHoldDuration__c'),
  longText('AgentHierarchyGroup__c'),
  double('AgentLongestHoldDuration__c'),
  double('AgentNumberOfHolds__c'),
  text('AgentUsername__c'),
  text('AgentRoutingProfileARN__c'),
  text('AgentRoutingProfileName__c'),
  text('CustomerEndpointAddress__c'),
  text('QueueARN__c'),
  dateTime('QueueDequeueTimestamp__c'),
  double('QueueDuration__c'),
  dateTime('QueueEnqueueTimestamp__c'),
  text('QueueName__c'),
  text('RecordingLocation__c'),
  text('RecordingStatus__c', 40),
  text('RecordingDeletionReason__c'),
  text('SystemEndpointAddress__c'),
  text('TransferredToEndpoint__c'),
  dateTime('TransferCompletedTimestamp__c'),
  text('Region__c', 40),
  text('DisconnectReason__c', 80),
];

/** Fields of the adapter's `AC_ContactChannelAnalytics__c` (names without namespace). */
export const CONTACT_CHANNEL_ANALYTICS_FIELDS: FieldDefinition[] = [
  // Unique so the pipeline can upsert it idempotently (the original created it and kept the Id).
  externalKey('ContactId__c', 64),
  text('RecordingPath__c', 1024),
  text('CustomerEndpointAddress__c'),
  text('InstanceId__c', 64),
  text('Region__c', 40),
  text('Sentiment__c'),
  longText('Keywords__c'),
  text('DominantLanguage__c', 40),
  longText('NamedEntities__c'),
  text('DataSource__c', 40),
  double('ContactLensCustomerSentiment__c'),
  double('ContactLensAgentSentiment__c'),
  double('ContactLensInterruptions__c'),
  longText('ContactLensAgentInterruptions__c'),
  longText('ContactLensCustomerInterruptions__c'),
  double('ContactLensNonTalkTime__c'),
  double('ContactLensTalkSpeedCustomer__c'),
  double('ContactLensTalkSpeedAgent__c'),
  double('ContactLensTalkTimeTotal__c'),
  double('ContactLensTalkTimeCustomer__c'),
  double('ContactLensTalkTimeAgent__c'),
  longText('ContactLensMatchedCategories__c'),
  longText('ContactLensMatchedDetails__c'),
  text('ContactLensCustomerSentimentCurve__c', 20),
  longText('ContactLensTranscriptsFullText__c'),
];

/**
 * Metric columns of the Connect historical "Queues" report after the upstream header
 * normaliser: parentheses removed, runs of `-`/whitespace → `_`, `__c` appended, four long
 * names shortened. Values are numbers (the importer strips `%`).
 */
const SHARED_INTERVAL_METRICS = [
  'After_contact_work_time__c',
  'Agent_interaction_and_hold_time__c',
  'Agent_interaction_time__c',
  'Average_after_contact_work_time__c',
  'Avg_agent_interaction_and_cust_hold_time__c',
  'Average_agent_interaction_time__c',
  'Average_customer_hold_time__c',
  'Average_handle_time__c',
  'Average_outbound_after_contact_work_time__c',
  'Average_outbound_agent_interaction_time__c',
  'Contacts_agent_hung_up_first__c',
  'Contacts_consulted__c',
  'Contacts_handled__c',
  'Contacts_handled_incoming__c',
  'Contacts_handled_outbound__c',
  'Contacts_handled_conn_to_agent_timestamp__c',
  'Contacts_hold_disconnect__c',
  'Contacts_hold_agent_disconnect__c',
  'Contacts_hold_customer_disconnect__c',
  'Contacts_put_on_hold__c',
  'Contacts_transferred_in__c',
  'Contacts_transferred_out__c',
  'Contacts_transferred_out_internal__c',
  'Contacts_transferred_out_external__c',
  'Customer_hold_time__c',
  'Agent_non_response__c',
  'Agent_non_response_without_cust_abandons__c',
  'Callback_contacts_handled__c',
  'API_contacts_handled__c',
];

const QUEUE_INTERVAL_METRICS = [
  'Average_queue_abandon_time__c',
  'Average_queue_answer_time__c',
  'Contacts_abandoned__c',
  'Contacts_abandoned_in_15_seconds__c',
  'Contacts_abandoned_in_20_seconds__c',
  'Contacts_abandoned_in_25_seconds__c',
  'Contacts_abandoned_in_30_seconds__c',
  'Contacts_abandoned_in_45_seconds__c',
  'Contacts_abandoned_in_60_seconds__c',
  'Contacts_abandoned_in_90_seconds__c',
  'Contacts_abandoned_in_120_seconds__c',
  'Contacts_abandoned_in_180_seconds__c',
  'Contacts_abandoned_in_240_seconds__c',
  'Contacts_abandoned_in_300_seconds__c',
  'Contacts_abandoned_in_600_seconds__c',
  'Contacts_answered_in_15_seconds__c',
  'Contacts_answered_in_20_seconds__c',
  'Contacts_answered_in_25_seconds__c',
  'Contacts_answered_in_30_seconds__c',
  'Contacts_answered_in_45_seconds__c',
  'Contacts_answered_in_60_seconds__c',
  'Contacts_answered_in_90_seconds__c',
  'Contacts_answered_in_120_seconds__c',
  'Contacts_answered_in_180_seconds__c',
  'Contacts_answered_in_240_seconds__c',
  'Contacts_answered_in_300_seconds__c',
  'Contacts_answered_in_600_seconds__c',
  'Contacts_incoming__c',
  'Contacts_missed__c',
  'Contacts_queued__c',
  'Contacts_transferred_in_from_queue__c',
  'Contacts_transferred_out_from_queue__c',
  'Maximum_queued_time__c',
  'Service_level_15_seconds__c',
  'Service_level_20_seconds__c',
  'Service_level_25_seconds__c',
  'Service_level_30_seconds__c',
  'Service_level_45_seconds__c',
  'Service_level_60_seconds__c',
  'Service_level_90_seconds__c',
  'Service_level_120_seconds__c',
  'Service_level_180_seconds__c',
  'Service_level_240_seconds__c',
  'Service_level_300_seconds__c',
  'Service_level_600_seconds__c',
  'Callback_contacts__c',
  'API_contacts__c',
];

const AGENT_INTERVAL_METRICS = [
  'Agent_answer_rate__c',
  'Agent_idle_time__c',
  'Agent_on_contact_time__c',
  'Error_status_time__c',
  'Nonproductive_time__c',
  'Occupancy__c',
  'Online_time__c',
  'Agent_contact_time__c',
];

/** Fields shared by the two report objects: key, object name, interval, import metadata. */
const reportObjectFields = (metrics: string[]): FieldDefinition[] => [
  externalKey('AC_Record_Id__c'),
  text('AC_Object_Name__c'),
  text('StartInterval__c', 40),
  text('EndInterval__c', 40),
  dateTime('Created_Date__c'),
  text('Region__c', 40),
  ...metrics.map((name) => double(name)),
];

/** The CTI adapter's custom objects the pipeline writes, as the managed package defines them. */
export const CONNECT_OBJECTS: ObjectDefinition[] = [
  {
    name: 'AC_ContactTraceRecord__c',
    label: 'AC Contact Trace Record',
    labelPlural: 'AC Contact Trace Records',
    keyPrefix: 'a0A',
    packaged: true,
    nameAutoNumber: 'CTR-{0000000}',
    fields: packaged(CONTACT_TRACE_RECORD_FIELDS),
  },
  {
    name: 'AC_ContactChannelAnalytics__c',
    label: 'AC Contact Channel Analytics',
    labelPlural: 'AC Contact Channel Analytics',
    keyPrefix: 'a0B',
    packaged: true,
    nameAutoNumber: 'CCA-{0000000}',
    fields: packaged(CONTACT_CHANNEL_ANALYTICS_FIELDS),
  },
  {
    name: 'AC_HistoricalQueueMetrics__c',
    label: 'AC Historical Queue Metrics',
    labelPlural: 'AC Historical Queue Metrics',
    keyPrefix: 'a0C',
    packaged: true,
    nameAutoNumber: 'HQM-{0000000}',
    fields: packaged(reportObjectFields([...SHARED_INTERVAL_METRICS, ...QUEUE_INTERVAL_METRICS])),
  },
  {
    name: 'AC_AgentPerformance__c',
    label: 'AC Agent Performance',
    labelPlural: 'AC Agent Performance',
    keyPrefix: 'a0D',
    packaged: true,
    nameAutoNumber: 'AP-{0000000}',
    fields: packaged(reportObjectFields([...SHARED_INTERVAL_METRICS, ...AGENT_INTERVAL_METRICS])),
  },
  {
    name: 'AC_QueueMetrics__c',
    label: 'AC Queue Metrics',
    labelPlural: 'AC Queue Metrics',
    keyPrefix: 'a0E',
    packaged: true,
    // Name is the queue name, written by the importer (text Name, not auto-number).
    fields: packaged([
      text('Name', 80, { required: true }),
      externalKey('Queue_Id__c'),
      text('Queue_ARN__c'),
      double('Agents_Online__c'),
      double('Agents_Available__c'),
      double('Agents_On_Call__c'),
      double('Agents_Staffed__c'),
      double('Agents_After_Contact_Work__c'),
      double('Agents_Non_Productive__c'),
      double('Agents_Error__c'),
      double('Contacts_In_Queue__c'),
      double('Oldest_Contact_Age__c'),
      double('Contacts_Scheduled__c'),
      text('Region__c', 40),
    ]),
  },
];
