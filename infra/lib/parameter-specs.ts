/**
 * Every stack parameter, declared once: its CloudFormation definition (type, default, pattern,
 * bounds, description), where it appears in the console's deploy form (group, label) and the
 * function environment variable it feeds. {@link StackParameters} builds the parameters, the
 * console metadata and the environment mappings from this table; nothing else lists them.
 *
 * Names, types and defaults follow the original package so an admin can move over with the same
 * values; constraints are tighter so a typo fails at deploy time instead of at 3 a.m. Groups and
 * their order follow the admin guide's installation steps. The environment variable names come
 * from the settings modules that read them (constants only: no handler code enters the CDK app).
 *
 * @example
 * ```ts
 * PARAMETER_SPECS.find((spec) => spec.id === 'SalesforceHost')?.env; // 'SF_HOST'
 * ```
 */
import {
  AGENT_REPORT_PREFIXES_ENV,
  QUEUE_REPORT_PREFIXES_ENV,
  REPORTING_BUCKET_ENV,
} from '../../functions/historical-report-import/settings.js';
import { INVOKE_API_TIMEOUT_ENV, PHONE_DEFAULT_REGION_ENV } from '../../functions/invoke-api/settings.js';
import {
  QUEUE_MAX_RECORDS_ENV,
  QUEUE_METRICS_MAX_RECORDS_ENV,
} from '../../functions/realtime-queue-metrics/settings.js';
import { ADAPTER_NAMESPACE_ENV } from '../../shared/config/adapter-namespace.js';
import { COLLECTIONS_PER_REQUEST_ENV } from '../../shared/config/collections-per-request.js';
import { CONNECT_INSTANCE_ID_ENV } from '../../shared/config/connect-instance.js';
import { GLOBAL_ANALYTICS_ENV } from '../../shared/config/global-analytics.js';
import {
  CONTACT_LENS_IMPORT_ENABLED_ENV,
  CTR_IMPORT_ENABLED_ENV,
  RECORDING_IMPORT_ENABLED_ENV,
  RECORDING_UPLOAD_ENABLED_ENV,
  TRANSCRIBE_ENABLED_ENV,
} from '../../shared/ctr/switch-variables.js';
import {
  SALESFORCE_AUTH_MODE_ENV,
  SALESFORCE_CREDENTIALS_SECRET_ENV,
  SALESFORCE_HOST_ENV,
  SALESFORCE_PRODUCTION_ENV,
  SALESFORCE_SHARE_AUTH_TOKEN_ENV,
  SALESFORCE_USERNAME_ENV,
  SALESFORCE_VERSION_ENV,
} from '../../shared/salesforce/settings-from-environment.js';
import { DEFAULT_RECORDING_KEY_PREFIX } from './object-reads.js';

/** Boolean switches accept the original's `true`/`True`/`false`/`False`. */
export const BOOLEAN_PATTERN = '^([Tt]rue|[Ff]alse)$';
const BOOLEAN_MESSAGE = 'must be true or false';
const BUCKET_PATTERN = '^$|^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$';
const BUCKET_MESSAGE = 'must be an S3 bucket name only (no s3://, no folder), or empty';
const KMS_KEY_PATTERN = '^$|^arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:key/[A-Za-z0-9-]+$';
const KMS_KEY_MESSAGE = 'must be a KMS key ARN (arn:aws:kms:<region>:<account>:key/<id>), or empty';
const REPORT_PREFIX_PATTERN = "^[A-Za-z0-9!_.*'()-][A-Za-z0-9!_.*'()/-]{0,199}$";
const REPORT_PREFIX_MESSAGE = 'must be an S3 key prefix such as SFDC/Queue (no leading s3:// or bucket name)';

/** Salesforce log levels of the original, mapped onto Powertools' names (WARNING → WARN). */
export const LOG_LEVELS = ['DEBUG', 'INFO', 'WARNING', 'ERROR', 'CRITICAL'] as const;

/** The original's parameter for the guided-setup endpoint, accepted and ignored. */
export const RETIRED_PARAMETER = 'SalesforceExecuteAWSServiceUser';

/** Console groups of the deploy form, in the order the admin guide fills them. */
export const PARAMETER_GROUPS = [
  'Salesforce',
  'Amazon Connect',
  'Post-call features',
  'Reporting',
  'Operations and network',
  'Retired (ignored)',
] as const;

/**
 * One stack parameter: its CloudFormation definition, its place in the console's deploy form and the
 * function environment variable it feeds.
 */
export interface ParameterSpec {
  /** Property of {@link StackParameters}. */
  readonly field: string;
  /** CloudFormation logical id: the original's parameter name. */
  readonly id: string;
  readonly type: 'String' | 'Number' | 'CommaDelimitedList';
  /** No default: the admin must fill it in. */
  readonly default?: string | number;
  readonly pattern?: string;
  /** Shown when the pattern refuses a value. */
  readonly constraint?: string;
  readonly values?: readonly string[];
  readonly min?: number;
  readonly max?: number;
  readonly group: (typeof PARAMETER_GROUPS)[number];
  /** The console form's label. */
  readonly label: string;
  readonly description: string;
  /**
   * Function environment variable fed from it: the value itself, or for a true/false switch
   * (pattern {@link BOOLEAN_PATTERN}) `'true'`/`'false'` from its `<Id>Condition`, so functions
   * never see the original's `True`/`False`.
   */
  readonly env?: string;
}

/**
 * Every stack parameter, in console order. Names, types and defaults are the original package's, so
 * an admin can move over with the same values.
 *
 * @example
 * ```ts
 * PARAMETER_SPECS.find((spec) => spec.id === 'SalesforceHost')?.env; // 'SF_HOST'
 * ```
 */
export const PARAMETER_SPECS = [
  {
    field: 'salesforceHost',
    id: 'SalesforceHost',
    type: 'String',
    pattern: '^https://[A-Za-z0-9][A-Za-z0-9-]*(\\.[A-Za-z0-9-]+)*\\.my\\.salesforce\\.(com|mil)/?$',
    constraint:
      'must be your My Domain URL, e.g. https://mycompany.my.salesforce.com or https://mycompany--uat.sandbox.my.salesforce.com',
    group: 'Salesforce',
    label: 'Salesforce My Domain URL',
    description:
      'Required. The org My Domain URL (Setup > My Domain), starting with https:// and ending with .my.salesforce.com.',
    env: SALESFORCE_HOST_ENV,
  },
  {
    field: 'salesforceProduction',
    id: 'SalesforceProduction',
    type: 'String',
    default: 'true',
    pattern: BOOLEAN_PATTERN,
    constraint: BOOLEAN_MESSAGE,
    group: 'Salesforce',
    label: 'Production org (false: sandbox)',
    description:
      'true for a production org (token requests go to login.salesforce.com in password mode), false for a sandbox.',
    env: SALESFORCE_PRODUCTION_ENV,
  },
  // The original defaulted to v42.0; the collections upsert the imports use needs v46.0+, and
  // the client accepts v<2-3 digits>.<1 digit>.
  {
    field: 'salesforceVersion',
    id: 'SalesforceVersion',
    type: 'String',
    default: 'v62.0',
    pattern: '^v(4[6-9]|[5-9][0-9]|[1-9][0-9]{2})\\.[0-9]$',
    constraint: 'must look like v62.0 and be v46.0 or later (sObject collections upsert)',
    group: 'Salesforce',
    label: 'Salesforce API version',
    description: 'Salesforce REST API version, v46.0 or later, e.g. v62.0.',
    env: SALESFORCE_VERSION_ENV,
  },
  {
    field: 'salesforceAuthMode',
    id: 'SalesforceAuthMode',
    type: 'String',
    default: 'password',
    values: ['password', 'client_credentials', 'jwt_bearer'],
    group: 'Salesforce',
    label: 'Salesforce OAuth flow',
    description:
      'OAuth flow: password (original default), client_credentials (Run As user of the Connected App), or jwt_bearer.',
    env: SALESFORCE_AUTH_MODE_ENV,
  },
  {
    field: 'salesforceUsername',
    id: 'SalesforceUsername',
    type: 'String',
    default: '',
    pattern: '^$|^[^\\s<>]+@[^\\s<>]+\\.[^\\s<>]+$',
    constraint:
      'must be a Salesforce username (an email address), or empty in client_credentials/jwt_bearer mode',
    group: 'Salesforce',
    label: 'Salesforce API username',
    description:
      'The API user. Required in password and jwt_bearer modes; not used in client_credentials mode.',
    env: SALESFORCE_USERNAME_ENV,
  },
  // The complete ARN (with the -XXXXXX suffix Secrets Manager adds): IAM matches the policy
  // resource and the kms:EncryptionContext:SecretARN condition against it, so a partial ARN
  // would deploy and then be denied at runtime.
  {
    field: 'salesforceCredentialsSecretsManagerArn',
    id: 'SalesforceCredentialsSecretsManagerARN',
    type: 'String',
    pattern: '^arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:[0-9]{12}:secret:[A-Za-z0-9/_+=.@-]+-[A-Za-z0-9]{6}$',
    constraint:
      'must be the complete Secrets Manager secret ARN, ending with the 6-character suffix (\u2026:secret:Name-AbCdEf)',
    group: 'Salesforce',
    label: 'Credentials secret ARN',
    description:
      'Required. ARN of the secret holding the Salesforce credentials (Password, ConsumerKey, ConsumerSecret, AccessToken...).',
    env: SALESFORCE_CREDENTIALS_SECRET_ENV,
  },
  {
    field: 'salesforceCredentialsKmsKeyArn',
    id: 'SalesforceCredentialsKMSKeyARN',
    type: 'String',
    default: '',
    pattern: KMS_KEY_PATTERN,
    constraint: KMS_KEY_MESSAGE,
    group: 'Salesforce',
    label: 'Credentials secret KMS key ARN',
    description:
      'ARN of the customer-managed KMS key that encrypts the secret; empty if it uses aws/secretsmanager.',
  },
  {
    field: 'salesforceAdapterNamespace',
    id: 'SalesforceAdapterNamespace',
    type: 'String',
    default: 'amazonconnect',
    pattern: '^$|^-$|^[A-Za-z][A-Za-z0-9_]{0,14}$',
    constraint: 'must be a Salesforce namespace prefix (letters, digits, _), blank or - for none',
    group: 'Salesforce',
    label: 'CTI Adapter namespace',
    description: 'CTI Adapter managed-package namespace; blank (or -) for an unmanaged install.',
    env: ADAPTER_NAMESPACE_ENV,
  },
  {
    field: 'salesforceShareAuthToken',
    id: 'SalesforceShareAuthToken',
    type: 'String',
    default: 'true',
    pattern: BOOLEAN_PATTERN,
    constraint: BOOLEAN_MESSAGE,
    group: 'Salesforce',
    label: 'Share the access token through the secret',
    description:
      'New. Share the Salesforce access token between functions through the secret (AuthToken), as the original did: needs secretsmanager:PutSecretValue on the secret. false: each container keeps its own token and the secret is read-only.',
    env: SALESFORCE_SHARE_AUTH_TOKEN_ENV,
  },
  {
    field: 'sfInvokeApiTimeout',
    id: 'SfInvokeApiTimeout',
    type: 'Number',
    default: 7000,
    min: 1000,
    max: 7500,
    group: 'Salesforce',
    label: 'sfInvokeAPI Salesforce time budget (ms)',
    description:
      'sfInvokeAPI: milliseconds it may spend on Salesforce before answering the contact flow with a timeout error (the flow waits at most 8 s).',
    env: INVOKE_API_TIMEOUT_ENV,
  },
  {
    field: 'sfPhoneDefaultRegion',
    id: 'SfPhoneDefaultRegion',
    type: 'String',
    default: 'US',
    pattern: '^[A-Z]{2}$',
    constraint: 'must be an ISO 3166-1 alpha-2 region code in capitals, e.g. US or GB',
    group: 'Salesforce',
    label: 'Default phone number region',
    description:
      'New. sfInvokeAPI phoneLookup: region of phone numbers given without a country code (ISO 3166-1 alpha-2, e.g. US, GB).',
    env: PHONE_DEFAULT_REGION_ENV,
  },
  {
    field: 'amazonConnectInstanceId',
    id: 'AmazonConnectInstanceId',
    type: 'String',
    default: '',
    pattern: '^$|^[a-f0-9]{8}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{12}$',
    constraint: 'must be the instance id (a UUID, the last part of the instance ARN), or empty',
    group: 'Amazon Connect',
    label: 'Amazon Connect instance id',
    description: 'Amazon Connect instance id; required for real-time reporting.',
    env: CONNECT_INSTANCE_ID_ENV,
  },
  {
    field: 'ctrKinesisArn',
    id: 'CTRKinesisARN',
    type: 'String',
    default: '',
    pattern: '^$|^arn:aws[a-z-]*:kinesis:[a-z0-9-]+:[0-9]{12}:stream/[A-Za-z0-9_.-]+$',
    constraint: 'must be a Kinesis data stream ARN (Firehose is not supported), or empty',
    group: 'Amazon Connect',
    label: 'Contact record Kinesis stream ARN',
    description:
      'Kinesis data stream receiving the Connect contact records; empty disables the post-call pipeline trigger.',
  },
  {
    field: 'connectRecordingBucket',
    id: 'ConnectRecordingS3BucketName',
    type: 'String',
    default: '',
    pattern: BUCKET_PATTERN,
    constraint: BUCKET_MESSAGE,
    group: 'Amazon Connect',
    label: 'Recording bucket',
    description: 'Bucket holding call recordings and Contact Lens output. Bucket name only.',
  },
  {
    field: 'connectRecordingKeyPrefix',
    id: 'ConnectRecordingS3KeyPrefix',
    type: 'String',
    default: DEFAULT_RECORDING_KEY_PREFIX,
    pattern: "^[A-Za-z0-9!_.'()/-]*$",
    constraint: "must be an S3 key prefix (letters, digits, / ! _ . ' ( ) -), no wildcards",
    group: 'Amazon Connect',
    label: 'Recording key prefix',
    description:
      'New. Key prefix of the call recordings in the recording bucket (the Connect instance data storage setting, e.g. connect/myinstance/CallRecordings/). Recording reads are limited to it.',
  },
  {
    field: 'connectReportingBucket',
    id: 'ConnectReportingS3BucketName',
    type: 'String',
    default: '',
    pattern: BUCKET_PATTERN,
    constraint: BUCKET_MESSAGE,
    group: 'Amazon Connect',
    label: 'Reporting bucket',
    description:
      'Bucket where Amazon Connect writes scheduled reports (historical import). Bucket name only.',
    env: REPORTING_BUCKET_ENV,
  },
  {
    field: 'transcribeOutputBucket',
    id: 'TranscribeOutputS3BucketName',
    type: 'String',
    default: '',
    pattern: BUCKET_PATTERN,
    constraint: BUCKET_MESSAGE,
    group: 'Amazon Connect',
    label: 'Transcribe output bucket',
    description:
      'Bucket where Amazon Transcribe writes transcripts (often the recording bucket). Bucket name only.',
  },
  {
    field: 'connectRecordingKmsKeyArn',
    id: 'ConnectRecordingS3KMSKeyARN',
    type: 'String',
    default: '',
    pattern: KMS_KEY_PATTERN,
    constraint: KMS_KEY_MESSAGE,
    group: 'Amazon Connect',
    label: 'Recording bucket KMS key ARN',
    description: 'New. KMS key of an SSE-KMS recording bucket (grants kms:Decrypt); empty for SSE-S3.',
  },
  {
    field: 'connectReportingKmsKeyArn',
    id: 'ConnectReportingS3KMSKeyARN',
    type: 'String',
    default: '',
    pattern: KMS_KEY_PATTERN,
    constraint: KMS_KEY_MESSAGE,
    group: 'Amazon Connect',
    label: 'Reporting bucket KMS key ARN',
    description: 'New. KMS key of an SSE-KMS reporting bucket (grants kms:Decrypt); empty for SSE-S3.',
  },
  {
    field: 'transcribeOutputKmsKeyArn',
    id: 'TranscribeOutputS3KMSKeyARN',
    type: 'String',
    default: '',
    pattern: KMS_KEY_PATTERN,
    constraint: KMS_KEY_MESSAGE,
    group: 'Amazon Connect',
    label: 'Transcribe output bucket KMS key ARN',
    description:
      'New. KMS key of an SSE-KMS Transcribe output bucket (grants Decrypt/GenerateDataKey); empty for SSE-S3.',
  },
  {
    field: 'postcallCtrImportEnabled',
    id: 'PostcallCTRImportEnabled',
    type: 'String',
    default: 'true',
    pattern: BOOLEAN_PATTERN,
    constraint: BOOLEAN_MESSAGE,
    group: 'Post-call features',
    label: 'Import contact records',
    description:
      'Package-level switch: upsert contact records into AC_ContactTraceRecord__c (per call: postcallCTRImportEnabled).',
    env: CTR_IMPORT_ENABLED_ENV,
  },
  {
    field: 'postcallRecordingImportEnabled',
    id: 'PostcallRecordingImportEnabled',
    type: 'String',
    default: 'true',
    pattern: BOOLEAN_PATTERN,
    constraint: BOOLEAN_MESSAGE,
    group: 'Post-call features',
    label: 'Import recording paths',
    description:
      'Package-level switch: create the analytics record with the recording path (per call: postcallRecordingImportEnabled).',
    env: RECORDING_IMPORT_ENABLED_ENV,
  },
  {
    field: 'recordingUploadEnabled',
    id: 'RecordingUploadEnabled',
    type: 'String',
    default: 'false',
    pattern: BOOLEAN_PATTERN,
    constraint: BOOLEAN_MESSAGE,
    group: 'Post-call features',
    label: 'Upload recordings as Salesforce files',
    description:
      'New. Also upload the recording audio to Salesforce as a file linked to the analytics record (uses file storage).',
    env: RECORDING_UPLOAD_ENABLED_ENV,
  },
  {
    field: 'postcallTranscribeEnabled',
    id: 'PostcallTranscribeEnabled',
    type: 'String',
    default: 'true',
    pattern: BOOLEAN_PATTERN,
    constraint: BOOLEAN_MESSAGE,
    group: 'Post-call features',
    label: 'Transcribe and analyse calls',
    description:
      'Package-level switch: post-call transcription and Comprehend analysis (per call: postcallTranscribeEnabled).',
    env: TRANSCRIBE_ENABLED_ENV,
  },
  {
    field: 'transcriptionJobCheckWaitTime',
    id: 'TranscriptionJobCheckWaitTime',
    type: 'Number',
    default: 20,
    min: 5,
    max: 3600,
    group: 'Post-call features',
    label: 'Seconds between Transcribe status checks',
    description: 'Seconds between two Amazon Transcribe job status checks.',
  },
  {
    field: 'transcriptionMaxPolls',
    id: 'TranscriptionMaxPolls',
    type: 'Number',
    default: 360,
    min: 1,
    max: 1000,
    group: 'Post-call features',
    label: 'Transcribe status checks before giving up',
    description:
      'New. Status checks before a transcription job is given up as timed out (360 x 20 s = 2 h); the failure is written on the analytics record. Polling also stops after 12 h of waiting.',
  },
  {
    field: 'contactLensImportEnabled',
    id: 'ContactLensImportEnabled',
    type: 'String',
    default: 'true',
    pattern: BOOLEAN_PATTERN,
    constraint: BOOLEAN_MESSAGE,
    group: 'Post-call features',
    label: 'Import Contact Lens analyses',
    description: 'Package-level switch: import Contact Lens analyses (per call: contactLensImportEnabled).',
    env: CONTACT_LENS_IMPORT_ENABLED_ENV,
  },
  {
    field: 'contactLensFirstWaitSeconds',
    id: 'ContactLensFirstWaitSeconds',
    type: 'Number',
    default: 180,
    min: 0,
    max: 3600,
    group: 'Post-call features',
    label: 'Seconds before the first Contact Lens look',
    description:
      'New. Seconds from the contact record to the first look for its Contact Lens analysis file (Contact Lens writes it minutes after the contact).',
  },
  {
    field: 'contactLensWaitSeconds',
    id: 'ContactLensWaitSeconds',
    type: 'Number',
    default: 60,
    min: 5,
    max: 3600,
    group: 'Post-call features',
    label: 'Seconds between Contact Lens looks',
    description: 'New. Seconds between two looks for the contact Contact Lens analysis file.',
  },
  {
    field: 'contactLensMaxPolls',
    id: 'ContactLensMaxPolls',
    type: 'Number',
    default: 30,
    min: 1,
    max: 500,
    group: 'Post-call features',
    label: 'Contact Lens looks before giving up',
    description:
      'New. Looks for the Contact Lens file before the branch ends as "no analysis" (30 x 60 s = 30 min); at most 12 h of waiting.',
  },
  {
    field: 'ctrBatchSize',
    id: 'CTREventSourceMappingBatchSize',
    type: 'Number',
    default: 30,
    min: 1,
    max: 10000,
    group: 'Post-call features',
    label: 'Contact records per trigger invocation',
    description: 'Contact records per trigger invocation.',
  },
  {
    field: 'ctrMaximumRetryAttempts',
    id: 'CTREventSourceMappingMaximumRetryAttempts',
    type: 'Number',
    default: 100,
    min: -1,
    max: 10000,
    group: 'Post-call features',
    label: 'Retries of a failing contact-record batch',
    description:
      'Retries of a failing contact-record batch before it goes to the dead-letter queue (-1 = until the record expires).',
  },
  {
    field: 'historicalReportingImportEnabled',
    id: 'HistoricalReportingImportEnabled',
    type: 'String',
    default: 'true',
    pattern: BOOLEAN_PATTERN,
    constraint: BOOLEAN_MESSAGE,
    group: 'Reporting',
    label: 'Import historical reports',
    description: 'Import Connect queue/agent historical report CSVs (needs ConnectReportingS3BucketName).',
  },
  // Report prefixes have no leading slash: S3 keys (and the EventBridge prefix match) do not.
  {
    field: 'historicalQueueReportPrefix',
    id: 'HistoricalQueueReportPrefix',
    type: 'String',
    default: 'SFDC/Queue',
    pattern: REPORT_PREFIX_PATTERN,
    constraint: REPORT_PREFIX_MESSAGE,
    group: 'Reporting',
    label: 'Queue report key prefix',
    description: 'New. Key prefix of the scheduled queue reports in the reporting bucket.',
    env: QUEUE_REPORT_PREFIXES_ENV,
  },
  {
    field: 'historicalAgentReportPrefix',
    id: 'HistoricalAgentReportPrefix',
    type: 'String',
    default: 'SFDC/Agent',
    pattern: REPORT_PREFIX_PATTERN,
    constraint: REPORT_PREFIX_MESSAGE,
    group: 'Reporting',
    label: 'Agent report key prefix',
    description: 'New. Key prefix of the scheduled agent reports in the reporting bucket.',
    env: AGENT_REPORT_PREFIXES_ENV,
  },
  {
    field: 'realtimeReportingImportEnabled',
    id: 'RealtimeReportingImportEnabled',
    type: 'String',
    default: 'true',
    pattern: BOOLEAN_PATTERN,
    constraint: BOOLEAN_MESSAGE,
    group: 'Reporting',
    label: 'Publish real-time queue metrics',
    description: 'Publish real-time queue metrics every 15 s (needs AmazonConnectInstanceId).',
  },
  {
    field: 'queueMaxRecords',
    id: 'AmazonConnectQueueMaxRecords',
    type: 'Number',
    default: 100,
    min: 1,
    max: 100,
    group: 'Reporting',
    label: 'Queues per ListQueues page',
    description: 'Page size of ListQueues (1-100).',
    env: QUEUE_MAX_RECORDS_ENV,
  },
  {
    field: 'queueMetricsMaxRecords',
    id: 'AmazonConnectQueueMetricsMaxRecords',
    type: 'Number',
    default: 100,
    min: 1,
    max: 100,
    group: 'Reporting',
    label: 'Queues per metrics page',
    description: 'Page size of GetCurrentMetricData (1-100).',
    env: QUEUE_METRICS_MAX_RECORDS_ENV,
  },
  {
    field: 'globalAnalyticsEnabled',
    id: 'GlobalAnalyticsEnabled',
    type: 'String',
    default: 'false',
    pattern: BOOLEAN_PATTERN,
    constraint: BOOLEAN_MESSAGE,
    group: 'Reporting',
    label: 'One metrics row for all regions',
    description:
      'Metrics records use Region__c = global and no region suffix, so all regions share one row per queue/agent.',
    env: GLOBAL_ANALYTICS_ENV,
  },
  {
    field: 'salesforceCollectionsPerRequest',
    id: 'SalesforceCollectionsPerRequest',
    type: 'Number',
    default: 5,
    min: 1,
    max: 5,
    group: 'Reporting',
    label: 'Record collections per Salesforce call',
    description:
      'New. Reporting imports: collections of 200 records per Salesforce API call (1-5). Lower it only if triggers or flows on the metrics objects hit Salesforce CPU limits.',
    env: COLLECTIONS_PER_REQUEST_ENV,
  },
  {
    field: 'lambdaLoggingLevel',
    id: 'LambdaLoggingLevel',
    type: 'String',
    default: 'INFO',
    values: [...LOG_LEVELS],
    group: 'Operations and network',
    label: 'Log level',
    description: 'Log level of every function.',
  },
  // The default is text, like the AllowedValues: CloudFormation compares them as text.
  {
    field: 'logRetentionDays',
    id: 'LogRetentionInDays',
    type: 'Number',
    default: '90',
    values: [
      '1',
      '3',
      '5',
      '7',
      '14',
      '30',
      '60',
      '90',
      '120',
      '150',
      '180',
      '365',
      '400',
      '545',
      '731',
      '1096',
      '1827',
      '2192',
      '2557',
      '2922',
      '3288',
      '3653',
    ],
    group: 'Operations and network',
    label: 'Log retention (days)',
    description: 'New. Days the functions and state machine logs are kept.',
  },
  {
    field: 'alarmTopicArn',
    id: 'AlarmNotificationTopicARN',
    type: 'String',
    default: '',
    pattern: '^$|^arn:aws[a-z-]*:sns:[a-z0-9-]+:[0-9]{12}:[A-Za-z0-9_-]+(\\.fifo)?$',
    constraint: 'must be an SNS topic ARN, or empty',
    group: 'Operations and network',
    label: 'Alarm notification SNS topic ARN',
    description:
      'New. SNS topic notified when an alarm fires or recovers; empty for alarms without notification.',
  },
  {
    field: 'privateVpcEnabled',
    id: 'PrivateVpcEnabled',
    type: 'String',
    default: 'false',
    pattern: BOOLEAN_PATTERN,
    constraint: BOOLEAN_MESSAGE,
    group: 'Operations and network',
    label: 'Run the functions in your VPC',
    description:
      'Run every function in your VPC (needs VpcSecurityGroupList and VpcSubnetList, and NAT or endpoints for Salesforce and AWS APIs).',
  },
  {
    field: 'vpcSubnetList',
    id: 'VpcSubnetList',
    type: 'CommaDelimitedList',
    default: '',
    group: 'Operations and network',
    label: 'VPC subnet ids',
    description: 'Private subnet ids for the functions when PrivateVpcEnabled is true.',
  },
  {
    field: 'vpcSecurityGroupList',
    id: 'VpcSecurityGroupList',
    type: 'CommaDelimitedList',
    default: '',
    group: 'Operations and network',
    label: 'VPC security group ids',
    description: 'Security group ids for the functions when PrivateVpcEnabled is true.',
  },
  // Retired with the original sfExecuteAWSService guided-setup endpoint (not part of this
  // product): accepted so that an original parameter file deploys unchanged, used by nothing.
  {
    field: 'salesforceExecuteAwsServiceUser',
    id: RETIRED_PARAMETER,
    type: 'String',
    default: '',
    group: 'Retired (ignored)',
    label: 'Retired, ignored',
    description:
      'Retired, ignored: the original sfExecuteAWSService guided-setup endpoint is not part of this product. Accepted so an original parameter file deploys unchanged.',
  },
] as const satisfies readonly ParameterSpec[];

/** Property names of {@link StackParameters}, one per spec. */
export type ParameterField = (typeof PARAMETER_SPECS)[number]['field'];
