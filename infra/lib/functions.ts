/**
 * The eight functions of the stack (one folder each under functions/) with their settings and the permissions of what each one
 * calls itself (the state machine, queue and trigger wiring add theirs where they are built).
 *
 * @example
 * ```ts
 * const functions = new PipelineFunctions(this, 'Functions', { params });
 * functions.invokeApi.function.functionArn;
 * ```
 */
import { Aws, type CfnCondition, Duration, Fn } from 'aws-cdk-lib';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import {
  DEFAULT_INVOKE_API_MAX_RECORDS,
  INVOKE_API_MAX_RECORDS_ENV,
} from '../../functions/invoke-api/settings.js';
import { ADAPTER_NAMESPACE_ENV } from '../../shared/config/adapter-namespace.js';
import { CONTACT_LENS_IMPORT_ENABLED_ENV } from '../../shared/ctr/switch-variables.js';
import { acknowledgeWildcards } from './acknowledge.js';
import { conditionalPolicy } from './conditional.js';
import { FUNCTION_MEMORY_MB } from './function-memory.js';
import { RECORDING_UPLOAD_NODE_OPTIONS } from './node-options.js';
import { bucketKeyStatement, CONTACT_LENS_KEY_PREFIX, grantObjectReads } from './object-reads.js';
import type { StackParameters } from './parameters.js';
import { PipelineFunction } from './pipeline-function.js';

/** Props of {@link PipelineFunctions}. */
export interface PipelineFunctionsProps {
  readonly params: StackParameters;
}

/**
 * The eight functions of the stack, each with its environment from the parameters and the
 * permissions of the calls it makes itself (the state machine, queue and trigger wiring add theirs).
 *
 * @example
 * ```ts
 * const functions = new PipelineFunctions(this, 'Functions', { params });
 * functions.invokeApi.function.functionArn;
 * ```
 */
export class PipelineFunctions extends Construct {
  readonly invokeApi: PipelineFunction;
  readonly ctrTrigger: PipelineFunction;
  readonly contactImport: PipelineFunction;
  readonly recordingUpload: PipelineFunction;
  readonly transcriptImport: PipelineFunction;
  readonly contactLensImport: PipelineFunction;
  readonly historicalReportImport: PipelineFunction;
  readonly realtimeQueueMetrics: PipelineFunction;

  constructor(scope: Construct, id: string, props: PipelineFunctionsProps) {
    super(scope, id);
    const params = props.params;
    const common = { params };

    // The variable names and values come from the parameter table (parameter-specs.ts).
    const salesforceEnvironment = params.environmentOf(
      'salesforceHost',
      'salesforceVersion',
      'salesforceUsername',
      'salesforceProduction',
      'salesforceAuthMode',
      'salesforceCredentialsSecretsManagerArn',
      'salesforceAdapterNamespace',
      // Token write-back to the secret (the original's behaviour); grants below follow it.
      'salesforceShareAuthToken',
      // SF_REQUEST_TIMEOUT_MS stays unset: the client's 10 s default, and sfInvokeAPI sizes it to
      // its deadline when unset (functions/invoke-api/settings.ts).
    );
    const switches = params.environmentOf(
      'postcallCtrImportEnabled',
      'postcallRecordingImportEnabled',
      'postcallTranscribeEnabled',
      'contactLensImportEnabled',
      'recordingUploadEnabled',
    );
    const instanceId = params.environmentOf('amazonConnectInstanceId');
    const reportingEnvironment = params.environmentOf(
      'globalAnalyticsEnabled',
      'salesforceCollectionsPerRequest',
    );

    this.invokeApi = new PipelineFunction(this, 'InvokeApi', {
      folder: 'invoke-api',
      memorySize: FUNCTION_MEMORY_MB['invoke-api'],
      description: 'sfInvokeAPI: Salesforce operations for Amazon Connect contact flows',
      ...common,
      // A contact flow waits at most 8 s; SfInvokeApiTimeout keeps Salesforce work below that.
      timeout: Duration.seconds(8),
      environment: {
        ...salesforceEnvironment,
        ...params.environmentOf('sfInvokeApiTimeout', 'sfPhoneDefaultRegion'),
        // Records followed through nextRecordsUrl; answers are capped at 32 KB by Connect anyway.
        [INVOKE_API_MAX_RECORDS_ENV]: String(DEFAULT_INVOKE_API_MAX_RECORDS),
      },
    });
    this.ctrTrigger = new PipelineFunction(this, 'CtrTrigger', {
      folder: 'ctr-trigger',
      memorySize: FUNCTION_MEMORY_MB['ctr-trigger'],
      description: 'sfCTRTrigger: contact records from Kinesis → one post-call execution per contact',
      ...common,
      timeout: Duration.seconds(120),
      environment: { ...switches },
    });
    this.contactImport = new PipelineFunction(this, 'ContactImport', {
      folder: 'contact-import',
      memorySize: FUNCTION_MEMORY_MB['contact-import'],
      description: 'Post-call: upsert AC_ContactTraceRecord__c and the analytics record (one composite call)',
      ...common,
      timeout: Duration.seconds(60),
      environment: { ...salesforceEnvironment, ...instanceId },
    });
    this.recordingUpload = new PipelineFunction(this, 'RecordingUpload', {
      folder: 'recording-upload',
      memorySize: FUNCTION_MEMORY_MB['recording-upload'],
      description: 'Post-call: stream the recording from S3 into a Salesforce ContentVersion',
      ...common,
      timeout: Duration.seconds(900),
      // A smaller young generation: sent socket buffers are freed sooner (node-options.ts).
      nodeOptions: RECORDING_UPLOAD_NODE_OPTIONS,
      // The bucket and key come from the state machine input, the switch is the trigger's, and
      // the file links to the analytics record by Id (no namespaced names).
      environment: withoutNamespace(salesforceEnvironment),
    });
    this.transcriptImport = new PipelineFunction(this, 'TranscriptImport', {
      folder: 'transcript-import',
      memorySize: FUNCTION_MEMORY_MB['transcript-import'],
      description: 'Post-call: Transcribe output → Comprehend → analytics record',
      ...common,
      timeout: Duration.seconds(300),
      // The transcript location comes from the state machine input.
      environment: { ...salesforceEnvironment },
    });
    this.contactLensImport = new PipelineFunction(this, 'ContactLensImport', {
      folder: 'contact-lens-import',
      memorySize: FUNCTION_MEMORY_MB['contact-lens-import'],
      description: 'Post-call: Contact Lens analysis → analytics record',
      ...common,
      timeout: Duration.seconds(300),
      environment: {
        ...salesforceEnvironment,
        ...instanceId,
        // Read by the S3-event entry point only (the state machine path is planned by the trigger).
        [CONTACT_LENS_IMPORT_ENABLED_ENV]: switches[CONTACT_LENS_IMPORT_ENABLED_ENV],
      },
    });
    this.historicalReportImport = new PipelineFunction(this, 'HistoricalReportImport', {
      folder: 'historical-report-import',
      memorySize: FUNCTION_MEMORY_MB['historical-report-import'],
      description: 'sfIntervalQueue/sfIntervalAgent: Connect report CSV → Salesforce collections upsert',
      ...common,
      timeout: Duration.seconds(300),
      environment: { ...salesforceEnvironment, ...reportingEnvironment },
    });
    this.realtimeQueueMetrics = new PipelineFunction(this, 'RealtimeQueueMetrics', {
      folder: 'realtime-queue-metrics',
      memorySize: FUNCTION_MEMORY_MB['realtime-queue-metrics'],
      description: 'sfRealTimeQueueMetrics: queue metrics every 15 s → AC_QueueMetrics__c',
      ...common,
      // 4 refreshes 15 s apart per one-minute invocation, plus the work of the last one.
      timeout: Duration.seconds(90),
      environment: {
        ...salesforceEnvironment,
        ...instanceId,
        ...reportingEnvironment,
        ...params.environmentOf('queueMaxRecords', 'queueMetricsMaxRecords'),
      },
    });

    for (const fn of this.salesforceCallers()) this.grantSalesforceCredentials(fn, params);
    this.grantRecordingUpload(params);
    this.grantContactLensImport(params);
  }

  /** PascalCase name → function, as the ASL's `${<Name>FunctionArn}` substitutions use them. */
  byName(): Record<string, IFunction> {
    return {
      InvokeApi: this.invokeApi.function,
      CtrTrigger: this.ctrTrigger.function,
      ContactImport: this.contactImport.function,
      RecordingUpload: this.recordingUpload.function,
      TranscriptImport: this.transcriptImport.function,
      ContactLensImport: this.contactLensImport.function,
      HistoricalReportImport: this.historicalReportImport.function,
      RealtimeQueueMetrics: this.realtimeQueueMetrics.function,
    };
  }

  all(): PipelineFunction[] {
    return [this.ctrTrigger, ...this.salesforceCallers()];
  }

  /** The functions that call Salesforce (and publish its API usage). */
  salesforceCallers(): PipelineFunction[] {
    return [
      this.invokeApi,
      this.contactImport,
      this.recordingUpload,
      this.transcriptImport,
      this.contactLensImport,
      this.historicalReportImport,
      this.realtimeQueueMetrics,
    ];
  }

  /**
   * Read the credentials secret (cached per container) and decrypt it with its key; with
   * SalesforceShareAuthToken, also write `AuthToken` back (PutSecretValue makes Secrets Manager
   * generate a new data key under the secret's key: kms:GenerateDataKey, not kms:Encrypt). Key
   * use is limited to Secrets Manager acting on this one secret (ViaService + encryption context).
   */
  private grantSalesforceCredentials(fn: PipelineFunction, params: StackParameters): void {
    const secretArn = params.salesforceCredentialsSecretsManagerArn.valueAsString;
    const keyArn = params.salesforceCredentialsKmsKeyArn.valueAsString;
    const c = params.conditions;
    fn.role.addToPrincipalPolicy(
      new PolicyStatement({
        sid: 'ReadSalesforceCredentials',
        actions: ['secretsmanager:GetSecretValue'],
        resources: [secretArn],
      }),
    );
    const onThisSecret = (statement: PolicyStatement): PolicyStatement => {
      statement.addCondition('StringEquals', {
        'kms:ViaService': `secretsmanager.${Aws.REGION}.amazonaws.com`,
        'kms:EncryptionContext:SecretARN': secretArn,
      });
      return statement;
    };
    conditionalPolicy(fn, 'DecryptSalesforceCredentials', c.hasSecretKmsKey, fn.role, [
      onThisSecret(
        new PolicyStatement({
          sid: 'DecryptSalesforceCredentials',
          actions: ['kms:Decrypt'],
          resources: [keyArn],
        }),
      ),
    ]);
    conditionalPolicy(fn, 'ShareSalesforceToken', c.shareAuthToken, fn.role, [
      new PolicyStatement({
        sid: 'ShareSalesforceToken',
        actions: ['secretsmanager:PutSecretValue'],
        resources: [secretArn],
      }),
    ]);
    conditionalPolicy(fn, 'EncryptSharedSalesforceToken', c.shareAuthTokenWithKmsKey, fn.role, [
      onThisSecret(
        new PolicyStatement({
          sid: 'EncryptSharedSalesforceToken',
          actions: ['kms:GenerateDataKey'],
          resources: [keyArn],
        }),
      ),
    ]);
  }

  private grantRecordingUpload(params: StackParameters): void {
    const fn = this.recordingUpload;
    grantObjectReads(fn, 'ReadRecordings', {
      role: fn.role,
      condition: params.conditions.recordingUploadResources,
      bucket: params.connectRecordingBucket.valueAsString,
      prefixes: [params.connectRecordingKeyPrefix.valueAsString],
      reason:
        'Recording keys are chosen by Amazon Connect under the ConnectRecordingS3KeyPrefix: read-only, one bucket, same account, only when RecordingUploadEnabled.',
    });
    this.grantBucketKey(
      fn,
      'DecryptRecordings',
      params.conditions.hasRecordingKmsKey,
      params.connectRecordingKmsKeyArn.valueAsString,
    );
  }

  /**
   * Transcript reads, limited to the prefix the state machine has Transcribe write under (read
   * from the ASL), plus Comprehend. Called by the stack once the state machine exists.
   */
  grantTranscriptImport(params: StackParameters, transcriptPrefix: string): void {
    const fn = this.transcriptImport;
    grantObjectReads(fn, 'ReadTranscripts', {
      role: fn.role,
      condition: params.conditions.transcriptionResources,
      bucket: params.transcribeOutputBucket.valueAsString,
      prefixes: [transcriptPrefix],
      reason:
        'Transcript keys are named per transcription job at runtime: reads are limited to the output prefix of the one Transcribe output bucket (same account), only when PostcallTranscribeEnabled.',
    });
    const comprehend = new PolicyStatement({
      sid: 'AnalyseTranscripts',
      // The import sends the chunked transcript in batch calls only.
      actions: [
        'comprehend:BatchDetectSentiment',
        'comprehend:BatchDetectKeyPhrases',
        'comprehend:BatchDetectDominantLanguage',
        'comprehend:BatchDetectEntities',
        'comprehend:BatchDetectSyntax',
      ],
      resources: ['*'],
    });
    const policy = conditionalPolicy(
      fn,
      'AnalyseTranscripts',
      params.conditions.transcriptionResources,
      fn.role,
      [comprehend],
    );
    this.grantBucketKey(
      fn,
      'DecryptTranscripts',
      params.conditions.hasTranscribeKmsKey,
      params.transcribeOutputKmsKeyArn.valueAsString,
    );
    acknowledgeWildcards(
      policy,
      ['*'],
      'Comprehend BatchDetect* on pre-trained models have no resource-level permissions; only when PostcallTranscribeEnabled.',
    );
  }

  private grantContactLensImport(params: StackParameters): void {
    const fn = this.contactLensImport;
    grantObjectReads(fn, 'ReadContactLensAnalyses', {
      role: fn.role,
      condition: params.conditions.contactLensResources,
      bucket: params.connectRecordingBucket.valueAsString,
      prefixes: [CONTACT_LENS_KEY_PREFIX],
      reason:
        'Contact Lens writes analyses under Analysis/ with dated keys: reads are limited to that prefix of the one recording bucket.',
    });
    this.grantBucketKey(
      fn,
      'DecryptContactLensAnalyses',
      params.conditions.hasRecordingKmsKey,
      params.connectRecordingKmsKeyArn.valueAsString,
    );
    // The S3-event entry point checks the contact's contactLensImportEnabled attribute.
    const contacts = Fn.join('', [
      'arn:',
      Aws.PARTITION,
      ':connect:',
      Aws.REGION,
      ':',
      Aws.ACCOUNT_ID,
      ':instance/',
      params.amazonConnectInstanceId.valueAsString,
      '/contact/*',
    ]);
    const attributes = conditionalPolicy(
      fn,
      'ReadContactAttributes',
      params.conditions.contactLensConnectAccess,
      fn.role,
      [
        new PolicyStatement({
          sid: 'ReadContactAttributes',
          actions: ['connect:GetContactAttributes'],
          resources: [contacts],
        }),
      ],
    );
    acknowledgeWildcards(
      attributes,
      [contacts],
      'Contact ids are only known at runtime; the grant is limited to contacts of the configured Connect instance.',
    );
  }

  private grantBucketKey(fn: PipelineFunction, id: string, condition: CfnCondition, keyArn: string): void {
    conditionalPolicy(fn, id, condition, fn.role, [bucketKeyStatement(id, keyArn)]);
  }
}

function withoutNamespace(environment: Record<string, string>): Record<string, string> {
  const { [ADAPTER_NAMESPACE_ENV]: _unused, ...rest } = environment;
  return rest;
}
