/**
 * The stack's CloudFormation parameters and the conditions derived from them.
 *
 * Names, types and defaults follow the original package (upstream-behaviour.md §11.1, plus
 * SalesforceAuthMode and GlobalAnalyticsEnabled from v5.27/v5.28) so an admin can move over with
 * the same values; constraints are tighter so a typo fails at deploy time instead of at 3 a.m.
 *
 * @example
 * ```ts
 * const params = new StackParameters(stack, 'Parameters');
 * fn.addEnvironment('SF_HOST', params.salesforceHost.valueAsString);
 * cfnResource.cfnOptions.condition = params.conditions.ctrPipeline;
 * ```
 */
import {
  CfnCondition,
  CfnMapping,
  CfnParameter,
  CfnRule,
  type CfnRuleAssertion,
  Fn,
  type ICfnConditionExpression,
  Stack,
  Validations,
} from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { DEFAULT_RECORDING_KEY_PREFIX } from './object-reads.js';

/** Boolean switches accept the original's `true`/`True`/`false`/`False`. */
export const BOOLEAN_PATTERN = '^([Tt]rue|[Ff]alse)$';
const BOOLEAN_MESSAGE = 'must be true or false';
const BUCKET_PATTERN = '^$|^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$';
const BUCKET_MESSAGE = 'must be an S3 bucket name only (no s3://, no folder), or empty';
const KMS_KEY_PATTERN = '^$|^arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:key/[A-Za-z0-9-]+$';
const KMS_KEY_MESSAGE = 'must be a KMS key ARN (arn:aws:kms:<region>:<account>:key/<id>), or empty';

/** The original's parameter for the guided-setup endpoint, accepted and ignored. */
export const RETIRED_PARAMETER = 'SalesforceExecuteAWSServiceUser';

/** Salesforce log levels of the original, mapped onto Powertools' names (WARNING → WARN). */
export const LOG_LEVELS = ['DEBUG', 'INFO', 'WARNING', 'ERROR', 'CRITICAL'] as const;

export interface StackConditions {
  /** `SalesforceProduction` is true. */
  readonly salesforceProduction: CfnCondition;
  /** `SalesforceShareAuthToken` is true: functions write the token back to the secret. */
  readonly shareAuthToken: CfnCondition;
  /** Token sharing on and the secret has a customer-managed key (PutSecretValue needs GenerateDataKey). */
  readonly shareAuthTokenWithKmsKey: CfnCondition;
  readonly ctrImport: CfnCondition;
  readonly recordingImport: CfnCondition;
  readonly transcribe: CfnCondition;
  readonly contactLens: CfnCondition;
  readonly recordingUpload: CfnCondition;
  readonly historicalImport: CfnCondition;
  readonly realtimeImport: CfnCondition;
  readonly globalAnalytics: CfnCondition;
  readonly privateVpc: CfnCondition;
  readonly hasSecretKmsKey: CfnCondition;
  readonly hasRecordingBucket: CfnCondition;
  readonly hasTranscribeBucket: CfnCondition;
  readonly hasReportingBucket: CfnCondition;
  readonly hasInstanceId: CfnCondition;
  readonly hasRecordingKmsKey: CfnCondition;
  readonly hasTranscribeKmsKey: CfnCondition;
  readonly hasReportingKmsKey: CfnCondition;
  readonly hasAlarmTopic: CfnCondition;
  /** CTRKinesisARN set and at least one post-call feature on: the event source mapping exists. */
  readonly ctrPipeline: CfnCondition;
  /** Transcription can run: switch on and both buckets named. */
  readonly transcriptionResources: CfnCondition;
  /** Contact Lens import can run: switch on and the recording bucket named. */
  readonly contactLensResources: CfnCondition;
  /** Recording upload can run: switch on and the recording bucket named. */
  readonly recordingUploadResources: CfnCondition;
  /** HistoricalReportingImportEnabled and the reporting bucket named. */
  readonly historicalReporting: CfnCondition;
  /** RealtimeReportingImportEnabled and the instance id set: the schedule exists. */
  readonly realtimeReporting: CfnCondition;
  /** Contact Lens import and the instance id set (GetContactAttributes on the S3 entry point). */
  readonly contactLensConnectAccess: CfnCondition;
}

export class StackParameters extends Construct {
  readonly salesforceProduction: CfnParameter;
  readonly salesforceHost: CfnParameter;
  readonly salesforceUsername: CfnParameter;
  readonly salesforceVersion: CfnParameter;
  readonly salesforceAuthMode: CfnParameter;
  readonly salesforceAdapterNamespace: CfnParameter;
  readonly salesforceCredentialsSecretsManagerArn: CfnParameter;
  readonly salesforceCredentialsKmsKeyArn: CfnParameter;
  readonly sfInvokeApiTimeout: CfnParameter;
  readonly sfPhoneDefaultRegion: CfnParameter;
  readonly salesforceShareAuthToken: CfnParameter;
  readonly salesforceCollectionsPerRequest: CfnParameter;
  readonly connectReportingBucket: CfnParameter;
  readonly connectRecordingBucket: CfnParameter;
  readonly connectRecordingKeyPrefix: CfnParameter;
  readonly transcribeOutputBucket: CfnParameter;
  readonly connectRecordingKmsKeyArn: CfnParameter;
  readonly connectReportingKmsKeyArn: CfnParameter;
  readonly transcribeOutputKmsKeyArn: CfnParameter;
  readonly transcriptionJobCheckWaitTime: CfnParameter;
  readonly transcriptionMaxPolls: CfnParameter;
  readonly contactLensWaitSeconds: CfnParameter;
  readonly contactLensMaxPolls: CfnParameter;
  readonly ctrKinesisArn: CfnParameter;
  readonly ctrBatchSize: CfnParameter;
  readonly ctrMaximumRetryAttempts: CfnParameter;
  readonly amazonConnectInstanceId: CfnParameter;
  readonly queueMaxRecords: CfnParameter;
  readonly queueMetricsMaxRecords: CfnParameter;
  readonly historicalQueueReportPrefix: CfnParameter;
  readonly historicalAgentReportPrefix: CfnParameter;
  readonly lambdaLoggingLevel: CfnParameter;
  readonly logRetentionDays: CfnParameter;
  readonly alarmTopicArn: CfnParameter;
  readonly postcallRecordingImportEnabled: CfnParameter;
  readonly postcallTranscribeEnabled: CfnParameter;
  readonly postcallCtrImportEnabled: CfnParameter;
  readonly contactLensImportEnabled: CfnParameter;
  readonly recordingUploadEnabled: CfnParameter;
  readonly historicalReportingImportEnabled: CfnParameter;
  readonly realtimeReportingImportEnabled: CfnParameter;
  readonly globalAnalyticsEnabled: CfnParameter;
  readonly privateVpcEnabled: CfnParameter;
  readonly vpcSecurityGroupList: CfnParameter;
  readonly vpcSubnetList: CfnParameter;
  /** Retired: accepted and ignored (see {@link RETIRED_PARAMETER}). */
  readonly salesforceExecuteAwsServiceUser: CfnParameter;
  readonly conditions: StackConditions;
  /** LambdaLoggingLevel as Powertools spells it (it has WARN, not WARNING). */
  readonly powertoolsLogLevel: string;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    // Parameters live at stack level so their logical ids are exactly the original names.
    const stack = Stack.of(this);
    const bool = (name: string, defaultValue: 'true' | 'false', description: string): CfnParameter =>
      new CfnParameter(stack, name, {
        type: 'String',
        default: defaultValue,
        allowedPattern: BOOLEAN_PATTERN,
        constraintDescription: BOOLEAN_MESSAGE,
        description,
      });

    // --- Salesforce connection ---
    this.salesforceProduction = bool(
      'SalesforceProduction',
      'true',
      'true for a production org (token requests go to login.salesforce.com in password mode), false for a sandbox.',
    );
    this.salesforceHost = new CfnParameter(stack, 'SalesforceHost', {
      type: 'String',
      allowedPattern: '^https://[A-Za-z0-9][A-Za-z0-9-]*(\\.[A-Za-z0-9-]+)*\\.my\\.salesforce\\.(com|mil)/?$',
      constraintDescription:
        'must be your My Domain URL, e.g. https://mycompany.my.salesforce.com or https://mycompany--uat.sandbox.my.salesforce.com',
      description:
        'Required. The org My Domain URL (Setup > My Domain), starting with https:// and ending with .my.salesforce.com.',
    });
    this.salesforceUsername = new CfnParameter(stack, 'SalesforceUsername', {
      type: 'String',
      default: '',
      allowedPattern: '^$|^[^\\s<>]+@[^\\s<>]+\\.[^\\s<>]+$',
      constraintDescription:
        'must be a Salesforce username (an email address), or empty in client_credentials/jwt_bearer mode',
      description:
        'The API user. Required in password and jwt_bearer modes; not used in client_credentials mode.',
    });
    this.salesforceVersion = new CfnParameter(stack, 'SalesforceVersion', {
      type: 'String',
      // The original defaulted to v42.0; the collections upsert used by the imports needs v46.0+.
      default: 'v62.0',
      // The client accepts v<2-3 digits>.<1 digit> (shared/salesforce/endpoints.ts).
      allowedPattern: '^v(4[6-9]|[5-9][0-9]|[1-9][0-9]{2})\\.[0-9]$',
      constraintDescription: 'must look like v62.0 and be v46.0 or later (sObject collections upsert)',
      description: 'Salesforce REST API version, v46.0 or later, e.g. v62.0.',
    });
    this.salesforceAuthMode = new CfnParameter(stack, 'SalesforceAuthMode', {
      type: 'String',
      default: 'password',
      allowedValues: ['password', 'client_credentials', 'jwt_bearer'],
      description:
        'OAuth flow: password (original default), client_credentials (Run As user of the Connected App), or jwt_bearer.',
    });
    this.salesforceAdapterNamespace = new CfnParameter(stack, 'SalesforceAdapterNamespace', {
      type: 'String',
      default: 'amazonconnect',
      allowedPattern: '^$|^-$|^[A-Za-z][A-Za-z0-9_]{0,14}$',
      constraintDescription:
        'must be a Salesforce namespace prefix (letters, digits, _), blank or - for none',
      description: 'CTI Adapter managed-package namespace; blank (or -) for an unmanaged install.',
    });
    this.salesforceCredentialsSecretsManagerArn = new CfnParameter(
      stack,
      'SalesforceCredentialsSecretsManagerARN',
      {
        type: 'String',
        // The complete ARN (with the -XXXXXX suffix Secrets Manager adds): IAM matches the policy
        // resource and the kms:EncryptionContext:SecretARN condition against it, so a partial ARN
        // would deploy and then be denied at runtime.
        allowedPattern:
          '^arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:[0-9]{12}:secret:[A-Za-z0-9/_+=.@-]+-[A-Za-z0-9]{6}$',
        constraintDescription:
          'must be the complete Secrets Manager secret ARN, ending with the 6-character suffix (…:secret:Name-AbCdEf)',
        description:
          'Required. ARN of the secret holding the Salesforce credentials (Password, ConsumerKey, ConsumerSecret, AccessToken...).',
      },
    );
    this.salesforceCredentialsKmsKeyArn = new CfnParameter(stack, 'SalesforceCredentialsKMSKeyARN', {
      type: 'String',
      default: '',
      allowedPattern: KMS_KEY_PATTERN,
      constraintDescription: KMS_KEY_MESSAGE,
      description:
        'ARN of the customer-managed KMS key that encrypts the secret; empty if it uses aws/secretsmanager.',
    });
    this.salesforceShareAuthToken = bool(
      'SalesforceShareAuthToken',
      'true',
      'New. Share the Salesforce access token between functions through the secret (AuthToken), as the original did: needs secretsmanager:PutSecretValue on the secret. false: each container keeps its own token and the secret is read-only.',
    );
    this.sfPhoneDefaultRegion = new CfnParameter(stack, 'SfPhoneDefaultRegion', {
      type: 'String',
      default: 'US',
      allowedPattern: '^[A-Z]{2}$',
      constraintDescription: 'must be an ISO 3166-1 alpha-2 region code in capitals, e.g. US or GB',
      description:
        'New. sfInvokeAPI phoneLookup: region of phone numbers given without a country code (ISO 3166-1 alpha-2, e.g. US, GB).',
    });
    this.sfInvokeApiTimeout = new CfnParameter(stack, 'SfInvokeApiTimeout', {
      type: 'Number',
      default: 7000,
      minValue: 1000,
      maxValue: 7500,
      description:
        'sfInvokeAPI: milliseconds it may spend on Salesforce before answering the contact flow with a timeout error (the flow waits at most 8 s).',
    });

    // --- Buckets and keys ---
    const bucket = (name: string, description: string): CfnParameter =>
      new CfnParameter(stack, name, {
        type: 'String',
        default: '',
        allowedPattern: BUCKET_PATTERN,
        constraintDescription: BUCKET_MESSAGE,
        description,
      });
    const kmsKey = (name: string, description: string): CfnParameter =>
      new CfnParameter(stack, name, {
        type: 'String',
        default: '',
        allowedPattern: KMS_KEY_PATTERN,
        constraintDescription: KMS_KEY_MESSAGE,
        description,
      });
    this.connectReportingBucket = bucket(
      'ConnectReportingS3BucketName',
      'Bucket where Amazon Connect writes scheduled reports (historical import). Bucket name only.',
    );
    this.connectRecordingBucket = bucket(
      'ConnectRecordingS3BucketName',
      'Bucket holding call recordings and Contact Lens output. Bucket name only.',
    );
    this.connectRecordingKeyPrefix = new CfnParameter(stack, 'ConnectRecordingS3KeyPrefix', {
      type: 'String',
      default: DEFAULT_RECORDING_KEY_PREFIX,
      allowedPattern: "^[A-Za-z0-9!_.'()/-]*$",
      constraintDescription: "must be an S3 key prefix (letters, digits, / ! _ . ' ( ) -), no wildcards",
      description:
        'New. Key prefix of the call recordings in the recording bucket (the Connect instance data storage setting, e.g. connect/myinstance/CallRecordings/). Recording reads are limited to it.',
    });
    this.transcribeOutputBucket = bucket(
      'TranscribeOutputS3BucketName',
      'Bucket where Amazon Transcribe writes transcripts (often the recording bucket). Bucket name only.',
    );
    this.connectRecordingKmsKeyArn = kmsKey(
      'ConnectRecordingS3KMSKeyARN',
      'New. KMS key of an SSE-KMS recording bucket (grants kms:Decrypt); empty for SSE-S3.',
    );
    this.connectReportingKmsKeyArn = kmsKey(
      'ConnectReportingS3KMSKeyARN',
      'New. KMS key of an SSE-KMS reporting bucket (grants kms:Decrypt); empty for SSE-S3.',
    );
    this.transcribeOutputKmsKeyArn = kmsKey(
      'TranscribeOutputS3KMSKeyARN',
      'New. KMS key of an SSE-KMS Transcribe output bucket (grants Decrypt/GenerateDataKey); empty for SSE-S3.',
    );

    // --- Post-call pipeline ---
    this.transcriptionJobCheckWaitTime = new CfnParameter(stack, 'TranscriptionJobCheckWaitTime', {
      type: 'Number',
      default: 20,
      minValue: 5,
      maxValue: 3600,
      description: 'Seconds between two Amazon Transcribe job status checks.',
    });
    this.transcriptionMaxPolls = new CfnParameter(stack, 'TranscriptionMaxPolls', {
      type: 'Number',
      default: 360,
      minValue: 1,
      maxValue: 1000,
      description:
        'New. Status checks before a transcription job is given up as timed out (360 x 20 s = 2 h); the failure is written on the analytics record. Polling also stops after 12 h of waiting.',
    });
    this.contactLensWaitSeconds = new CfnParameter(stack, 'ContactLensWaitSeconds', {
      type: 'Number',
      default: 60,
      minValue: 5,
      maxValue: 3600,
      description: 'New. Seconds between two looks for the contact Contact Lens analysis file.',
    });
    this.contactLensMaxPolls = new CfnParameter(stack, 'ContactLensMaxPolls', {
      type: 'Number',
      default: 30,
      minValue: 1,
      maxValue: 500,
      description:
        'New. Looks for the Contact Lens file before the branch ends as "no analysis" (30 x 60 s = 30 min); at most 12 h of waiting.',
    });
    this.ctrKinesisArn = new CfnParameter(stack, 'CTRKinesisARN', {
      type: 'String',
      default: '',
      allowedPattern: '^$|^arn:aws[a-z-]*:kinesis:[a-z0-9-]+:[0-9]{12}:stream/[A-Za-z0-9_.-]+$',
      constraintDescription: 'must be a Kinesis data stream ARN (Firehose is not supported), or empty',
      description:
        'Kinesis data stream receiving the Connect contact records; empty disables the post-call pipeline trigger.',
    });
    this.ctrMaximumRetryAttempts = new CfnParameter(stack, 'CTREventSourceMappingMaximumRetryAttempts', {
      type: 'Number',
      default: 100,
      minValue: -1,
      maxValue: 10000,
      description:
        'Retries of a failing contact-record batch before it goes to the dead-letter queue (-1 = until the record expires).',
    });
    this.ctrBatchSize = new CfnParameter(stack, 'CTREventSourceMappingBatchSize', {
      type: 'Number',
      default: 30,
      minValue: 1,
      maxValue: 10000,
      description: 'Contact records per trigger invocation.',
    });

    // --- Reporting ---
    this.amazonConnectInstanceId = new CfnParameter(stack, 'AmazonConnectInstanceId', {
      type: 'String',
      default: '',
      allowedPattern: '^$|^[a-f0-9]{8}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{12}$',
      constraintDescription: 'must be the instance id (a UUID, the last part of the instance ARN), or empty',
      description: 'Amazon Connect instance id; required for real-time reporting.',
    });
    this.queueMaxRecords = new CfnParameter(stack, 'AmazonConnectQueueMaxRecords', {
      type: 'Number',
      default: 100,
      minValue: 1,
      maxValue: 100,
      description: 'Page size of ListQueues (1-100).',
    });
    this.queueMetricsMaxRecords = new CfnParameter(stack, 'AmazonConnectQueueMetricsMaxRecords', {
      type: 'Number',
      default: 100,
      minValue: 1,
      maxValue: 100,
      description: 'Page size of GetCurrentMetricData (1-100).',
    });
    const prefix = (name: string, defaultValue: string, description: string): CfnParameter =>
      new CfnParameter(stack, name, {
        type: 'String',
        default: defaultValue,
        // No leading slash: S3 keys (and the EventBridge prefix match) do not start with one.
        allowedPattern: "^[A-Za-z0-9!_.*'()-][A-Za-z0-9!_.*'()/-]{0,199}$",
        constraintDescription:
          'must be an S3 key prefix such as SFDC/Queue (no leading s3:// or bucket name)',
        description,
      });
    this.historicalQueueReportPrefix = prefix(
      'HistoricalQueueReportPrefix',
      'SFDC/Queue',
      'New. Key prefix of the scheduled queue reports in the reporting bucket.',
    );
    this.historicalAgentReportPrefix = prefix(
      'HistoricalAgentReportPrefix',
      'SFDC/Agent',
      'New. Key prefix of the scheduled agent reports in the reporting bucket.',
    );

    this.salesforceCollectionsPerRequest = new CfnParameter(stack, 'SalesforceCollectionsPerRequest', {
      type: 'Number',
      default: 5,
      minValue: 1,
      maxValue: 5,
      description:
        'New. Reporting imports: collections of 200 records per Salesforce API call (1-5). Lower it only if triggers or flows on the metrics objects hit Salesforce CPU limits.',
    });

    // --- Operations ---
    this.lambdaLoggingLevel = new CfnParameter(stack, 'LambdaLoggingLevel', {
      type: 'String',
      default: 'INFO',
      allowedValues: [...LOG_LEVELS],
      description: 'Log level of every function.',
    });
    this.logRetentionDays = new CfnParameter(stack, 'LogRetentionInDays', {
      type: 'Number',
      // A string, like the AllowedValues: CloudFormation compares the default with them as text.
      default: '90',
      allowedValues: [
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
      description: 'New. Days the functions and state machine logs are kept.',
    });
    this.alarmTopicArn = new CfnParameter(stack, 'AlarmNotificationTopicARN', {
      type: 'String',
      default: '',
      allowedPattern: '^$|^arn:aws[a-z-]*:sns:[a-z0-9-]+:[0-9]{12}:[A-Za-z0-9_-]+(\\.fifo)?$',
      constraintDescription: 'must be an SNS topic ARN, or empty',
      description:
        'New. SNS topic notified when an alarm fires or recovers; empty for alarms without notification.',
    });

    // --- Feature switches ---
    this.postcallRecordingImportEnabled = bool(
      'PostcallRecordingImportEnabled',
      'true',
      'Package-level switch: create the analytics record with the recording path (per call: postcallRecordingImportEnabled).',
    );
    this.postcallTranscribeEnabled = bool(
      'PostcallTranscribeEnabled',
      'true',
      'Package-level switch: post-call transcription and Comprehend analysis (per call: postcallTranscribeEnabled).',
    );
    this.postcallCtrImportEnabled = bool(
      'PostcallCTRImportEnabled',
      'true',
      'Package-level switch: upsert contact records into AC_ContactTraceRecord__c (per call: postcallCTRImportEnabled).',
    );
    this.historicalReportingImportEnabled = bool(
      'HistoricalReportingImportEnabled',
      'true',
      'Import Connect queue/agent historical report CSVs (needs ConnectReportingS3BucketName).',
    );
    this.realtimeReportingImportEnabled = bool(
      'RealtimeReportingImportEnabled',
      'true',
      'Publish real-time queue metrics every 15 s (needs AmazonConnectInstanceId).',
    );
    this.contactLensImportEnabled = bool(
      'ContactLensImportEnabled',
      'true',
      'Package-level switch: import Contact Lens analyses (per call: contactLensImportEnabled).',
    );
    this.recordingUploadEnabled = bool(
      'RecordingUploadEnabled',
      'false',
      'New. Also upload the recording audio to Salesforce as a file linked to the analytics record (uses file storage).',
    );
    this.globalAnalyticsEnabled = bool(
      'GlobalAnalyticsEnabled',
      'false',
      'Metrics records use Region__c = global and no region suffix, so all regions share one row per queue/agent.',
    );
    this.privateVpcEnabled = bool(
      'PrivateVpcEnabled',
      'false',
      'Run every function in your VPC (needs VpcSecurityGroupList and VpcSubnetList, and NAT or endpoints for Salesforce and AWS APIs).',
    );
    this.vpcSecurityGroupList = new CfnParameter(stack, 'VpcSecurityGroupList', {
      type: 'CommaDelimitedList',
      default: '',
      description: 'Security group ids for the functions when PrivateVpcEnabled is true.',
    });
    this.vpcSubnetList = new CfnParameter(stack, 'VpcSubnetList', {
      type: 'CommaDelimitedList',
      default: '',
      description: 'Private subnet ids for the functions when PrivateVpcEnabled is true.',
    });

    // Retired with sfExecuteAWSService (the guided-setup endpoint is not part of this product):
    // accepted so that an original parameter file deploys unchanged, and used by nothing.
    this.salesforceExecuteAwsServiceUser = new CfnParameter(stack, RETIRED_PARAMETER, {
      type: 'String',
      default: '',
      description:
        'Retired, ignored: the original sfExecuteAWSService guided-setup endpoint is not part of this product. Accepted so an original parameter file deploys unchanged.',
    });

    Validations.of(stack).acknowledge({
      id: 'CloudFormation-Validate::W2001',
      reason: `${RETIRED_PARAMETER} is retired on purpose: accepted so original parameter files deploy, referenced by nothing.`,
    });
    Validations.of(stack).acknowledge({
      id: 'CloudFormation-Validate::W1030',
      reason:
        'Optional ARN parameters default to empty and are used only under their Has<Name> conditions (template-level check of CTRKinesisARN against the event source mapping).',
    });
    Validations.of(stack).acknowledge({
      id: 'CloudFormation-Validate::W2509',
      reason:
        'SalesforceCredentialsSecretsManagerARN is the ARN of the secret, not a secret value: it may be shown.',
    });

    const levels = new CfnMapping(stack, 'PowertoolsLogLevel', {
      mapping: {
        DEBUG: { Level: 'DEBUG' },
        INFO: { Level: 'INFO' },
        WARNING: { Level: 'WARN' },
        ERROR: { Level: 'ERROR' },
        CRITICAL: { Level: 'CRITICAL' },
      },
    });
    this.powertoolsLogLevel = levels.findInMap(this.lambdaLoggingLevel.valueAsString, 'Level');

    this.conditions = this.createConditions(stack);
    this.createRules(stack);
    this.describeInterface(stack);
  }

  /** True when the parameter is `true` or `True` (the original's semantics). */
  static isTrue(param: CfnParameter): ICfnConditionExpression {
    return Fn.conditionOr(
      Fn.conditionEquals(param.valueAsString, 'true'),
      Fn.conditionEquals(param.valueAsString, 'True'),
    );
  }

  static hasValue(param: CfnParameter): ICfnConditionExpression {
    return Fn.conditionNot(Fn.conditionEquals(param.valueAsString, ''));
  }

  private createConditions(stack: Stack): StackConditions {
    const condition = (id: string, expression: ICfnConditionExpression): CfnCondition =>
      new CfnCondition(stack, id, { expression });
    const isTrue = StackParameters.isTrue;
    const hasValue = StackParameters.hasValue;

    const ctrImport = condition('PostcallCTRImportEnabledCondition', isTrue(this.postcallCtrImportEnabled));
    const recordingImport = condition(
      'PostcallRecordingImportEnabledCondition',
      isTrue(this.postcallRecordingImportEnabled),
    );
    const transcribe = condition(
      'PostcallTranscribeEnabledCondition',
      isTrue(this.postcallTranscribeEnabled),
    );
    const contactLens = condition('ContactLensImportEnabledCondition', isTrue(this.contactLensImportEnabled));
    const recordingUpload = condition('RecordingUploadEnabledCondition', isTrue(this.recordingUploadEnabled));
    const historicalImport = condition(
      'HistoricalReportingImportEnabledCondition',
      isTrue(this.historicalReportingImportEnabled),
    );
    const realtimeImport = condition(
      'RealtimeReportingImportEnabledCondition',
      isTrue(this.realtimeReportingImportEnabled),
    );
    const hasRecordingBucket = condition(
      'HasConnectRecordingS3BucketName',
      hasValue(this.connectRecordingBucket),
    );
    const hasTranscribeBucket = condition(
      'HasTranscribeOutputS3BucketName',
      hasValue(this.transcribeOutputBucket),
    );
    const hasReportingBucket = condition(
      'HasConnectReportingS3BucketName',
      hasValue(this.connectReportingBucket),
    );
    const hasInstanceId = condition('HasAmazonConnectInstanceId', hasValue(this.amazonConnectInstanceId));
    const hasKinesis = condition('HasCTRKinesisARN', hasValue(this.ctrKinesisArn));
    const shareAuthToken = condition(
      'SalesforceShareAuthTokenCondition',
      isTrue(this.salesforceShareAuthToken),
    );
    const hasSecretKmsKey = condition(
      'HasSalesforceCredentialsKMSKeyARN',
      hasValue(this.salesforceCredentialsKmsKeyArn),
    );
    return {
      salesforceProduction: condition('SalesforceProductionCondition', isTrue(this.salesforceProduction)),
      shareAuthToken,
      shareAuthTokenWithKmsKey: condition(
        'SalesforceShareAuthTokenWithKMSKeyCondition',
        Fn.conditionAnd(shareAuthToken, hasSecretKmsKey),
      ),
      ctrImport,
      recordingImport,
      transcribe,
      contactLens,
      recordingUpload,
      historicalImport,
      realtimeImport,
      globalAnalytics: condition('GlobalAnalyticsEnabledCondition', isTrue(this.globalAnalyticsEnabled)),
      privateVpc: condition('PrivateVpcEnabledCondition', isTrue(this.privateVpcEnabled)),
      hasSecretKmsKey,
      hasRecordingBucket,
      hasTranscribeBucket,
      hasReportingBucket,
      hasInstanceId,
      hasRecordingKmsKey: condition(
        'HasConnectRecordingS3KMSKeyARN',
        hasValue(this.connectRecordingKmsKeyArn),
      ),
      hasTranscribeKmsKey: condition(
        'HasTranscribeOutputS3KMSKeyARN',
        hasValue(this.transcribeOutputKmsKeyArn),
      ),
      hasReportingKmsKey: condition(
        'HasConnectReportingS3KMSKeyARN',
        hasValue(this.connectReportingKmsKeyArn),
      ),
      hasAlarmTopic: condition('HasAlarmNotificationTopicARN', hasValue(this.alarmTopicArn)),
      ctrPipeline: condition(
        'CTREventSourceMappingCondition',
        Fn.conditionAnd(hasKinesis, Fn.conditionOr(ctrImport, recordingImport, transcribe, contactLens)),
      ),
      transcriptionResources: condition(
        'TranscriptionResourcesCondition',
        Fn.conditionAnd(transcribe, hasRecordingBucket, hasTranscribeBucket),
      ),
      contactLensResources: condition(
        'ContactLensResourcesCondition',
        Fn.conditionAnd(contactLens, hasRecordingBucket),
      ),
      recordingUploadResources: condition(
        'RecordingUploadResourcesCondition',
        Fn.conditionAnd(recordingUpload, recordingImport, hasRecordingBucket),
      ),
      historicalReporting: condition(
        'HistoricalReportingCondition',
        Fn.conditionAnd(historicalImport, hasReportingBucket),
      ),
      realtimeReporting: condition(
        'RealtimeReportingCondition',
        Fn.conditionAnd(realtimeImport, hasInstanceId),
      ),
      contactLensConnectAccess: condition(
        'ContactLensConnectAccessCondition',
        Fn.conditionAnd(contactLens, hasInstanceId),
      ),
    };
  }

  /**
   * Deploy-time checks across parameters (CloudFormation Rules): a combination that can only
   * fail at runtime is refused with a message that says what to fill in.
   */
  private createRules(stack: Stack): void {
    const rule = (
      id: string,
      ruleCondition: ICfnConditionExpression,
      assertions: CfnRuleAssertion[],
    ): void => {
      new CfnRule(stack, id, { ruleCondition, assertions });
    };
    rule('PasswordModeNeedsUsername', Fn.conditionEquals(this.salesforceAuthMode.valueAsString, 'password'), [
      {
        assert: StackParameters.hasValue(this.salesforceUsername),
        assertDescription: 'SalesforceUsername is required when SalesforceAuthMode is password.',
      },
    ]);
    // The JWT's subject is the username (shared/salesforce/settings-from-environment.ts).
    rule(
      'JwtBearerModeNeedsUsername',
      Fn.conditionEquals(this.salesforceAuthMode.valueAsString, 'jwt_bearer'),
      [
        {
          assert: StackParameters.hasValue(this.salesforceUsername),
          assertDescription: 'SalesforceUsername is required when SalesforceAuthMode is jwt_bearer.',
        },
      ],
    );
    rule('PrivateVpcNeedsNetwork', StackParameters.isTrue(this.privateVpcEnabled), [
      {
        assert: Fn.conditionNot(Fn.conditionContains(this.vpcSubnetList.valueAsList, '')),
        assertDescription: 'VpcSubnetList is required when PrivateVpcEnabled is true.',
      },
      {
        assert: Fn.conditionNot(Fn.conditionContains(this.vpcSecurityGroupList.valueAsList, '')),
        assertDescription: 'VpcSecurityGroupList is required when PrivateVpcEnabled is true.',
      },
    ]);
    // With a contact-record stream, a switched-on branch without its bucket would fail every
    // contact that asks for it (state machine calls on an empty bucket, no IAM grant).
    const hasStream = StackParameters.hasValue(this.ctrKinesisArn);
    rule(
      'TranscriptionNeedsBuckets',
      Fn.conditionAnd(hasStream, StackParameters.isTrue(this.postcallTranscribeEnabled)),
      [
        {
          assert: StackParameters.hasValue(this.connectRecordingBucket),
          assertDescription:
            'ConnectRecordingS3BucketName is required when PostcallTranscribeEnabled is true and CTRKinesisARN is set (or set PostcallTranscribeEnabled=false).',
        },
        {
          assert: StackParameters.hasValue(this.transcribeOutputBucket),
          assertDescription:
            'TranscribeOutputS3BucketName is required when PostcallTranscribeEnabled is true and CTRKinesisARN is set (or set PostcallTranscribeEnabled=false).',
        },
      ],
    );
    rule(
      'ContactLensNeedsRecordingBucket',
      Fn.conditionAnd(hasStream, StackParameters.isTrue(this.contactLensImportEnabled)),
      [
        {
          assert: StackParameters.hasValue(this.connectRecordingBucket),
          assertDescription:
            'ConnectRecordingS3BucketName is required when ContactLensImportEnabled is true and CTRKinesisARN is set (or set ContactLensImportEnabled=false).',
        },
      ],
    );
    rule('RecordingUploadNeedsBucket', StackParameters.isTrue(this.recordingUploadEnabled), [
      {
        assert: StackParameters.hasValue(this.connectRecordingBucket),
        assertDescription: 'ConnectRecordingS3BucketName is required when RecordingUploadEnabled is true.',
      },
    ]);
  }

  /** Console grouping, so the deploy form reads like the seed's installation notes. */
  private describeInterface(stack: Stack): void {
    const group = (label: string, params: CfnParameter[]) => ({
      Label: { default: label },
      Parameters: params.map((p) => p.logicalId),
    });
    stack.templateOptions.metadata = {
      'AWS::CloudFormation::Interface': {
        ParameterGroups: [
          group('Salesforce', [
            this.salesforceHost,
            this.salesforceProduction,
            this.salesforceVersion,
            this.salesforceAuthMode,
            this.salesforceUsername,
            this.salesforceCredentialsSecretsManagerArn,
            this.salesforceCredentialsKmsKeyArn,
            this.salesforceAdapterNamespace,
            this.salesforceShareAuthToken,
            this.sfInvokeApiTimeout,
            this.sfPhoneDefaultRegion,
          ]),
          group('Amazon Connect', [
            this.amazonConnectInstanceId,
            this.ctrKinesisArn,
            this.connectRecordingBucket,
            this.connectRecordingKeyPrefix,
            this.connectReportingBucket,
            this.transcribeOutputBucket,
            this.connectRecordingKmsKeyArn,
            this.connectReportingKmsKeyArn,
            this.transcribeOutputKmsKeyArn,
          ]),
          group('Post-call features', [
            this.postcallCtrImportEnabled,
            this.postcallRecordingImportEnabled,
            this.recordingUploadEnabled,
            this.postcallTranscribeEnabled,
            this.transcriptionJobCheckWaitTime,
            this.transcriptionMaxPolls,
            this.contactLensImportEnabled,
            this.contactLensWaitSeconds,
            this.contactLensMaxPolls,
            this.ctrBatchSize,
            this.ctrMaximumRetryAttempts,
          ]),
          group('Reporting', [
            this.historicalReportingImportEnabled,
            this.historicalQueueReportPrefix,
            this.historicalAgentReportPrefix,
            this.realtimeReportingImportEnabled,
            this.queueMaxRecords,
            this.queueMetricsMaxRecords,
            this.globalAnalyticsEnabled,
            this.salesforceCollectionsPerRequest,
          ]),
          group('Operations and network', [
            this.lambdaLoggingLevel,
            this.logRetentionDays,
            this.alarmTopicArn,
            this.privateVpcEnabled,
            this.vpcSubnetList,
            this.vpcSecurityGroupList,
          ]),
          group('Retired (ignored)', [this.salesforceExecuteAwsServiceUser]),
        ],
      },
    };
  }
}
