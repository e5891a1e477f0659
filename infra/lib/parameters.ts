/**
 * The stack's CloudFormation parameters, built from {@link PARAMETER_SPECS} (each declared
 * once there), the conditions and deploy-time Rules derived from them, the console form's groups
 * and labels, and the function environment they feed.
 *
 * @example
 * ```ts
 * const params = new StackParameters(stack, 'Parameters');
 * fn.addEnvironment('SF_HOST', params.salesforceHost.valueAsString);
 * const environment = params.environmentOf('salesforceHost', 'salesforceProduction'); // { SF_HOST, SF_PRODUCTION }
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
import {
  BOOLEAN_PATTERN,
  PARAMETER_GROUPS,
  PARAMETER_SPECS,
  type ParameterField,
  type ParameterSpec,
  RETIRED_PARAMETER,
} from './parameter-specs.js';

export { BOOLEAN_PATTERN, LOG_LEVELS, RETIRED_PARAMETER } from './parameter-specs.js';

/**
 * The stack's conditions, derived from the parameters: which features are on and which optional
 * resources exist.
 */
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

/** One CfnParameter property per spec, named by its `field`. */
type ParameterFields = { readonly [K in ParameterField]: CfnParameter };

// The parameter properties are declared by PARAMETER_SPECS and assigned in the constructor.
/** One `CfnParameter` per entry of {@link PARAMETER_SPECS}, as the property named by its `field`. */
export interface StackParameters extends ParameterFields {}

/**
 * The stack's CloudFormation parameters, built from {@link PARAMETER_SPECS}: each parameter as a
 * property, the conditions derived from them, the console form's groups and labels, and
 * `environmentOf` for the function environment they feed.
 *
 * @example
 * ```ts
 * const params = new StackParameters(stack, 'Parameters');
 * params.environmentOf('salesforceHost', 'salesforceProduction'); // { SF_HOST: …, SF_PRODUCTION: … }
 * ```
 */
// biome-ignore lint/suspicious/noUnsafeDeclarationMerging: the constructor assigns every merged property
export class StackParameters extends Construct {
  readonly conditions: StackConditions;
  /** LambdaLoggingLevel as Powertools spells it (it has WARN, not WARNING). */
  readonly powertoolsLogLevel: string;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    // Parameters live at stack level so their logical ids are exactly the original names.
    const stack = Stack.of(this);
    const fields = this as unknown as Record<string, CfnParameter>;
    for (const spec of PARAMETER_SPECS as readonly ParameterSpec[]) {
      fields[spec.field] = new CfnParameter(stack, spec.id, {
        type: spec.type,
        default: spec.default,
        allowedPattern: spec.pattern,
        constraintDescription: spec.constraint,
        allowedValues: spec.values ? [...spec.values] : undefined,
        minValue: spec.min,
        maxValue: spec.max,
        description: spec.description,
      });
    }

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

  /**
   * The function environment fed by these parameters (each spec's `env`): the value, or
   * `'true'`/`'false'` from a switch's condition.
   */
  environmentOf(...names: ParameterField[]): Record<string, string> {
    const environment: Record<string, string> = {};
    for (const name of names) {
      const spec = (PARAMETER_SPECS as readonly ParameterSpec[]).find((s) => s.field === name);
      if (!spec?.env) throw new Error(`parameter ${name} feeds no environment variable`);
      environment[spec.env] =
        spec.pattern === BOOLEAN_PATTERN
          ? Fn.conditionIf(this.#switchCondition(spec.id), 'true', 'false').toString()
          : this[name].valueAsString;
    }
    return environment;
  }

  /**
   * The logical id of a switch parameter's condition (`<Id>Condition`). Checked at synth: a switch
   * added to the specs without its condition would otherwise reach the template as a reference to
   * a condition that does not exist, which only the deploy would reject.
   */
  #switchCondition(parameterId: string): string {
    const id = `${parameterId}Condition`;
    if (!(Stack.of(this).node.tryFindChild(id) instanceof CfnCondition)) {
      throw new Error(`switch parameter ${parameterId} has no condition ${id} in createConditions`);
    }
    return id;
  }

  /** Console groups and labels, so the deploy form reads like the admin guide's installation steps. */
  private describeInterface(stack: Stack): void {
    const specs = PARAMETER_SPECS as readonly ParameterSpec[];
    stack.templateOptions.metadata = {
      'AWS::CloudFormation::Interface': {
        ParameterGroups: PARAMETER_GROUPS.map((group) => ({
          Label: { default: group },
          Parameters: specs.filter((spec) => spec.group === group).map((spec) => spec.id),
        })),
        ParameterLabels: Object.fromEntries(specs.map((spec) => [spec.id, { default: spec.label }])),
      },
    };
  }
}
