/**
 * The post-call state machine, built from `statemachines/post-call.asl.json` (the one source of
 * truth) with DefinitionSubstitutions, CloudWatch logging at ERROR without execution data, X-Ray,
 * and a role derived from the Tasks the ASL runs: nothing the definition does not call.
 *
 * Substitutions are resolved by name: `${<Function>FunctionArn}` → that function's ARN,
 * `${<ParameterName>}` → the stack parameter, plus the aliases in {@link PostCallStateMachineProps}.
 * A placeholder the stack cannot resolve, or a Task whose permissions it cannot derive, fails
 * the synth with the state name: a new integration is granted here, deliberately.
 *
 * @example
 * ```ts
 * const machine = new PostCallStateMachine(this, 'PostCall', { aslPath, params, functions, logRetention });
 * machine.stateMachine.grantStartExecution(triggerRole);
 * ```
 */
import {
  Aws,
  type CfnCondition,
  type CfnParameter,
  Fn,
  RemovalPolicy,
  Stack,
  Validations,
} from 'aws-cdk-lib';
import { Effect, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { type CfnLogGroup, LogGroup } from 'aws-cdk-lib/aws-logs';
import { DefinitionBody, LogLevel, StateMachine, StateMachineType } from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { acknowledgeWildcards, wildcardResourceFinding } from './acknowledge.js';
import {
  AslDefinition,
  type AslTask,
  literalKeyPrefix,
  transcriptOutputPrefix,
  wholeSubstitution,
} from './asl-definition.js';
import { conditionalPolicy } from './conditional.js';
import type { StackParameters } from './parameters.js';

/** A bucket the ASL may name through a substitution, with the condition under which it is set. */
interface BucketBinding {
  readonly param: CfnParameter;
  readonly present: CfnCondition;
  readonly kmsKey: CfnParameter;
  readonly kmsKeyPresent: CfnCondition;
}

/** Props of {@link PostCallStateMachine}. */
export interface PostCallStateMachineProps {
  readonly aslPath: string;
  readonly params: StackParameters;
  /** Functions by PascalCase name: `${ContactImportFunctionArn}` → functions.ContactImport. */
  readonly functions: Record<string, IFunction>;
}

/** One permission the definition needs, and the condition under which it may exist. */
interface Requirement {
  readonly sid: string;
  readonly actions: string[];
  readonly resources: string[];
  readonly condition?: CfnCondition;
  readonly s3Prefix?: string;
  readonly sameAccount?: boolean;
  /** A bucket key, usable only through S3 in this region. */
  readonly viaS3?: boolean;
  /** Why a wildcard resource is unavoidable (cdk-nag acknowledgement). */
  readonly wildcardReason?: string;
}

const TRANSCRIBE_REASON =
  'Amazon Transcribe job names are created per contact at runtime: StartTranscriptionJob/GetTranscriptionJob are limited to transcription jobs of this account and region, only when PostcallTranscribeEnabled.';

/**
 * The post-call state machine from its ASL file, with substitutions resolved by name, logging at
 * ERROR without execution data, X-Ray, and a role granting exactly what the definition's Tasks call.
 * A substitution or Task it cannot resolve fails the synth, naming the state.
 *
 * @example
 * ```ts
 * const postCall = new PostCallStateMachine(this, 'PostCall', { aslPath: POST_CALL_ASL_PATH, params, functions });
 * ```
 */
export class PostCallStateMachine extends Construct {
  readonly stateMachine: StateMachine;
  readonly role: Role;
  readonly logGroup: LogGroup;
  readonly definition: AslDefinition;
  /** Fixed key prefix of the transcripts the definition has Transcribe write ('' when none). */
  readonly transcriptOutputPrefix: string;

  constructor(scope: Construct, id: string, props: PostCallStateMachineProps) {
    super(scope, id);
    const { params } = props;
    this.definition = AslDefinition.fromFile(props.aslPath);
    this.transcriptOutputPrefix = transcriptOutputPrefix(this.definition);

    const buckets = this.bucketBindings(params);
    const substitutions = this.resolveSubstitutions(props, buckets);

    this.logGroup = new LogGroup(this, 'Logs', { removalPolicy: RemovalPolicy.RETAIN });
    (this.logGroup.node.defaultChild as CfnLogGroup).retentionInDays = params.logRetentionDays.valueAsNumber;

    this.role = new Role(this, 'Role', {
      assumedBy: new ServicePrincipal('states.amazonaws.com'),
      description: 'Post-call state machine: only what statemachines/post-call.asl.json calls',
    });

    this.stateMachine = new StateMachine(this, 'StateMachine', {
      definitionBody: DefinitionBody.fromString(this.definition.text),
      definitionSubstitutions: substitutions,
      stateMachineType: StateMachineType.STANDARD,
      role: this.role,
      tracingEnabled: true,
      logs: { destination: this.logGroup, level: LogLevel.ERROR, includeExecutionData: false },
    });

    this.grantWhatTheDefinitionCalls(props, buckets);

    Validations.of(this.stateMachine).acknowledge({
      id: 'AwsSolutions-SF1',
      reason:
        'Logs at ERROR without execution data by design: contact records carry customer PII (phone numbers, attributes); every failure is still logged and each execution keeps its full history in Step Functions.',
    });
    acknowledgeWildcards(
      this.role,
      ['*'],
      'Added by Step Functions for its own logging and tracing: CloudWatch Logs vended-log delivery actions and X-Ray PutTraceSegments/PutTelemetryRecords/GetSampling* only support "*".',
    );
  }

  private bucketBindings(params: StackParameters): Record<string, BucketBinding> {
    const c = params.conditions;
    const recording: BucketBinding = {
      param: params.connectRecordingBucket,
      present: c.hasRecordingBucket,
      kmsKey: params.connectRecordingKmsKeyArn,
      kmsKeyPresent: c.hasRecordingKmsKey,
    };
    const transcribe: BucketBinding = {
      param: params.transcribeOutputBucket,
      present: c.hasTranscribeBucket,
      kmsKey: params.transcribeOutputKmsKeyArn,
      kmsKeyPresent: c.hasTranscribeKmsKey,
    };
    return {
      ConnectRecordingS3BucketName: recording,
      ConnectRecordingBucket: recording,
      RecordingBucket: recording,
      TranscribeOutputS3BucketName: transcribe,
      TranscribeOutputBucket: transcribe,
      TranscriptBucket: transcribe,
    };
  }

  private resolveSubstitutions(
    props: PostCallStateMachineProps,
    buckets: Record<string, BucketBinding>,
  ): Record<string, string> {
    const { params } = props;
    const aliases: Record<string, string> = {
      TranscriptionWaitSeconds: params.transcriptionJobCheckWaitTime.valueAsString,
      TranscriptionJobCheckWaitSeconds: params.transcriptionJobCheckWaitTime.valueAsString,
      TranscriptionMaxPolls: params.transcriptionMaxPolls.valueAsString,
      ContactLensFirstWaitSeconds: params.contactLensFirstWaitSeconds.valueAsString,
      ContactLensWaitSeconds: params.contactLensWaitSeconds.valueAsString,
      ContactLensMaxPolls: params.contactLensMaxPolls.valueAsString,
      AmazonConnectInstanceId: params.amazonConnectInstanceId.valueAsString,
      AWSRegion: Aws.REGION,
      AWSPartition: Aws.PARTITION,
      AWSAccountId: Aws.ACCOUNT_ID,
    };
    const stack = Stack.of(this);
    const resolved: Record<string, string> = {};
    const missing: string[] = [];
    for (const name of this.definition.substitutionNames()) {
      const fn = /^(.+)Function(Arn|Name)$/.exec(name);
      const bucket = buckets[name];
      const parameter = stack.node.tryFindChild(name);
      if (fn && props.functions[fn[1]]) {
        const target = props.functions[fn[1]];
        resolved[name] = fn[2] === 'Arn' ? target.functionArn : target.functionName;
      } else if (bucket) {
        resolved[name] = bucket.param.valueAsString;
      } else if (aliases[name] !== undefined) {
        resolved[name] = aliases[name];
      } else if (parameter && 'valueAsString' in parameter) {
        resolved[name] = (parameter as CfnParameter).valueAsString;
      } else {
        missing.push(name);
      }
    }
    if (missing.length > 0) {
      throw new Error(
        `statemachines/post-call.asl.json uses substitutions the stack does not provide: ${missing
          .map((m) => `\${${m}}`)
          .join(', ')} (infra/lib/post-call-state-machine.ts resolves them)`,
      );
    }
    return resolved;
  }

  private grantWhatTheDefinitionCalls(
    props: PostCallStateMachineProps,
    buckets: Record<string, BucketBinding>,
  ): void {
    const requirements = this.definition.tasks().flatMap((task) => this.requirementsOf(task, props, buckets));
    // Same permission from several states → one statement.
    const unique = new Map<string, Requirement>();
    for (const r of requirements) {
      const key = JSON.stringify(
        Stack.of(this).resolve([r.actions, r.resources, r.condition?.logicalId, r.s3Prefix]),
      );
      if (!unique.has(key)) unique.set(key, r);
    }
    let index = 0;
    for (const requirement of unique.values()) {
      index += 1;
      const statement = new PolicyStatement({
        sid: `${requirement.sid}${index}`,
        effect: Effect.ALLOW,
        actions: requirement.actions,
        resources: requirement.resources,
      });
      if (requirement.s3Prefix !== undefined) {
        statement.addCondition('StringLike', { 's3:prefix': [`${requirement.s3Prefix}*`] });
      }
      if (requirement.sameAccount) {
        statement.addCondition('StringEquals', { 's3:ResourceAccount': Aws.ACCOUNT_ID });
      }
      if (requirement.viaS3) {
        statement.addCondition('StringEquals', { 'kms:ViaService': `s3.${Aws.REGION}.amazonaws.com` });
      }
      const owner = requirement.condition
        ? conditionalPolicy(this, `Task${index}Policy`, requirement.condition, this.role, [statement])
        : this.role;
      if (!requirement.condition) this.role.addToPrincipalPolicy(statement);
      const wildcards = requirement.resources.filter((r) => wildcardResourceFinding(this, r).includes('*'));
      if (wildcards.length > 0) {
        if (!requirement.wildcardReason)
          throw new Error(`${requirement.sid}: wildcard resource without a documented reason`);
        acknowledgeWildcards(owner, wildcards, requirement.wildcardReason);
      }
    }
  }

  private requirementsOf(
    task: AslTask,
    props: PostCallStateMachineProps,
    buckets: Record<string, BucketBinding>,
  ): Requirement[] {
    const where = `state "${task.stateName}" (${task.resource})`;
    const functionOf = (value: unknown): IFunction => {
      const name = wholeSubstitution(value);
      const fn = name ? /^(.+)Function(Arn|Name)$/.exec(name) : null;
      const target = fn ? props.functions[fn[1]] : undefined;
      if (!target)
        throw new Error(
          `${where}: the function must be a \${<Name>FunctionArn} substitution of a stack function`,
        );
      return target;
    };
    const bucketOf = (value: unknown): BucketBinding => {
      const name = wholeSubstitution(value);
      const binding = name ? buckets[name] : undefined;
      if (!binding)
        throw new Error(`${where}: the bucket must be a substitution naming a stack bucket parameter`);
      return binding;
    };
    const objects = (binding: BucketBinding, prefix: string): string =>
      Fn.join('', ['arn:', Aws.PARTITION, ':s3:::', binding.param.valueAsString, '/', prefix, '*']);
    const bucketArn = (binding: BucketBinding): string =>
      Fn.join('', ['arn:', Aws.PARTITION, ':s3:::', binding.param.valueAsString]);
    const p = task.parameters ?? {};
    const transcriptionJobs = Fn.join('', [
      'arn:',
      Aws.PARTITION,
      ':transcribe:',
      Aws.REGION,
      ':',
      Aws.ACCOUNT_ID,
      ':transcription-job/*',
    ]);

    if (/^arn:aws:states:::lambda:invoke(\.waitForTaskToken)?$/.test(task.resource)) {
      return [
        {
          sid: 'InvokeTaskFunction',
          actions: ['lambda:InvokeFunction'],
          resources: [functionOf(p.FunctionName).functionArn],
        },
      ];
    }
    if (wholeSubstitution(task.resource)) {
      return [
        {
          sid: 'InvokeTaskFunction',
          actions: ['lambda:InvokeFunction'],
          resources: [functionOf(task.resource).functionArn],
        },
      ];
    }
    const sdk = /^arn:aws:states:::aws-sdk:([a-z0-9]+):([A-Za-z0-9]+)$/.exec(task.resource);
    if (!sdk)
      throw new Error(
        `${where}: no permissions known for this integration (add it to post-call-state-machine.ts)`,
      );
    const [, service, action] = sdk;
    const c = props.params.conditions;
    switch (`${service}:${action}`) {
      case 'transcribe:startTranscriptionJob': {
        // Transcribe reads the media and writes the transcript with the caller's permissions.
        const output = bucketOf(p.OutputBucketName);
        const recording = buckets.ConnectRecordingS3BucketName;
        const outputPrefix = literalKeyPrefix(p, 'OutputKey').replace(/[^/]*$/, '');
        return [
          {
            sid: 'StartTranscription',
            actions: ['transcribe:StartTranscriptionJob'],
            resources: [transcriptionJobs],
            condition: c.transcribe,
            wildcardReason: TRANSCRIBE_REASON,
          },
          {
            sid: 'TranscribeReadsRecording',
            actions: ['s3:GetObject'],
            resources: [objects(recording, props.params.connectRecordingKeyPrefix.valueAsString)],
            condition: c.transcriptionResources,
            sameAccount: true,
            wildcardReason:
              'Transcribe reads the recording with the caller permissions; Amazon Connect chooses recording keys under ConnectRecordingS3KeyPrefix, so reads cover that prefix of the one recording bucket (same account).',
          },
          {
            sid: 'TranscribeWritesTranscript',
            actions: ['s3:PutObject'],
            resources: [objects(output, outputPrefix)],
            condition: c.transcriptionResources,
            sameAccount: true,
            wildcardReason:
              'Transcribe writes one transcript per job (job names are unique per attempt) under the output prefix.',
          },
          ...this.kmsRequirements(recording, ['kms:Decrypt']),
          ...this.kmsRequirements(output, ['kms:Decrypt', 'kms:GenerateDataKey']),
        ];
      }
      case 'transcribe:getTranscriptionJob':
        return [
          {
            sid: 'PollTranscription',
            actions: ['transcribe:GetTranscriptionJob'],
            resources: [transcriptionJobs],
            condition: c.transcribe,
            wildcardReason: TRANSCRIBE_REASON,
          },
        ];
      case 's3:listObjectsV2': {
        const binding = bucketOf(p.Bucket);
        const prefix = literalKeyPrefix(p, 'Prefix');
        // Contact Lens output lives under Analysis/: that listing exists only with the feature.
        const feature = prefix.startsWith('Analysis/') ? c.contactLensResources : binding.present;
        return [
          {
            sid: 'ListObjects',
            actions: ['s3:ListBucket'],
            resources: [bucketArn(binding)],
            condition: feature,
            s3Prefix: prefix,
            sameAccount: true,
          },
        ];
      }
      case 's3:getObject':
      case 's3:headObject': {
        const binding = bucketOf(p.Bucket);
        return [
          {
            sid: 'ReadObject',
            actions: ['s3:GetObject'],
            resources: [objects(binding, literalKeyPrefix(p, 'Key'))],
            condition: binding.present,
            sameAccount: true,
            wildcardReason:
              'Object keys are only known at runtime; reads are limited to the key prefix the definition uses.',
          },
          ...this.kmsRequirements(binding, ['kms:Decrypt']),
        ];
      }
      default:
        throw new Error(
          `${where}: no permissions known for aws-sdk:${service}:${action} (add it to post-call-state-machine.ts)`,
        );
    }
  }

  private kmsRequirements(binding: BucketBinding, actions: string[]): Requirement[] {
    return [
      {
        sid: 'BucketKey',
        actions,
        resources: [binding.kmsKey.valueAsString],
        condition: binding.kmsKeyPresent,
        viaS3: true,
      },
    ];
  }
}
