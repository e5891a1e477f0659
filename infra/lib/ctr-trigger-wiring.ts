/**
 * Contact records in: the Kinesis event source mapping on CTRKinesisARN (only when it is set and
 * a post-call feature is on), with partial batch responses, bisect-on-error and the encrypted SQS
 * dead-letter queue as its on-failure destination. The same queue receives the records the
 * trigger parks itself (bad base64/JSON, no ContactId).
 *
 * @example
 * ```ts
 * const wiring = new CtrTriggerWiring(this, 'CtrTrigger', { params, trigger, stateMachine });
 * wiring.deadLetterQueue.queueUrl;
 * ```
 */
import { Aws, Duration, Fn, Validations } from 'aws-cdk-lib';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { CfnEventSourceMapping } from 'aws-cdk-lib/aws-lambda';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import type { StateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { DEAD_LETTER_QUEUE_URL_ENV, STATE_MACHINE_ARN_ENV } from '../../functions/ctr-trigger/settings.js';
import { acknowledgeWildcards } from './acknowledge.js';
import { conditionalPolicy } from './conditional.js';
import type { StackParameters } from './parameters.js';
import type { PipelineFunction } from './pipeline-function.js';

/** The mapping's MaximumRecordAgeInSeconds: six hours, a quarter of Kinesis' default retention. */
export const CTR_MAXIMUM_RECORD_AGE_SECONDS = 6 * 3600;

/** What the CTR stream is wired to: the trigger function and the state machine it starts. */
export interface CtrTriggerWiringProps {
  readonly params: StackParameters;
  readonly trigger: PipelineFunction;
  readonly stateMachine: StateMachine;
}

/**
 * Contact records in: the Kinesis event source mapping on the CTR stream (when one is set and a
 * post-call feature is on) with partial batch responses, and the encrypted dead-letter queue that
 * receives both the records Lambda gives up on and those the trigger parks itself.
 *
 * @example
 * ```ts
 * const { deadLetterQueue } = new CtrTriggerWiring(this, 'CtrTrigger', { params, trigger, stateMachine });
 * ```
 */
export class CtrTriggerWiring extends Construct {
  readonly deadLetterQueue: Queue;
  readonly eventSourceMapping: CfnEventSourceMapping;

  constructor(scope: Construct, id: string, props: CtrTriggerWiringProps) {
    super(scope, id);
    const { params, trigger, stateMachine } = props;

    this.deadLetterQueue = new Queue(this, 'DeadLetterQueue', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    Validations.of(this.deadLetterQueue).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason:
        'This queue is the dead-letter queue of the contact-record trigger; operators drain it with npm run replay-dlq.',
    });

    const fn = trigger.function;
    fn.addEnvironment(STATE_MACHINE_ARN_ENV, stateMachine.stateMachineArn);
    fn.addEnvironment(DEAD_LETTER_QUEUE_URL_ENV, this.deadLetterQueue.queueUrl);

    // One execution per contact; DescribeExecution tells a re-delivery from a new version.
    trigger.role.addToPrincipalPolicy(
      new PolicyStatement({
        sid: 'StartPostCallExecution',
        actions: ['states:StartExecution'],
        resources: [stateMachine.stateMachineArn],
      }),
    );
    const executions = Fn.join(':', [
      'arn',
      Aws.PARTITION,
      'states',
      Aws.REGION,
      Aws.ACCOUNT_ID,
      'execution',
      stateMachine.stateMachineName,
      '*',
    ]);
    trigger.role.addToPrincipalPolicy(
      new PolicyStatement({
        sid: 'DescribePostCallExecution',
        actions: ['states:DescribeExecution'],
        resources: [executions],
      }),
    );
    acknowledgeWildcards(
      trigger.role,
      [executions],
      'Execution names (ContactIds) are only known at runtime; limited to executions of the post-call state machine.',
    );
    // Poison records (trigger) and exhausted batches (event source mapping, which sends with
    // the function's role) both land here.
    trigger.role.addToPrincipalPolicy(
      new PolicyStatement({
        sid: 'ParkInDeadLetterQueue',
        actions: ['sqs:SendMessage'],
        resources: [this.deadLetterQueue.queueArn],
      }),
    );

    // AWSLambdaKinesisExecutionRole's statement set, scoped to the stream (the original's
    // role lacked ListShards and SubscribeToShard).
    const streamArn = params.ctrKinesisArn.valueAsString;
    const kinesisPolicy = conditionalPolicy(
      this,
      'ReadContactRecordStream',
      params.conditions.ctrPipeline,
      trigger.role,
      [
        new PolicyStatement({
          sid: 'ReadContactRecordStream',
          actions: [
            'kinesis:DescribeStream',
            'kinesis:DescribeStreamSummary',
            'kinesis:GetRecords',
            'kinesis:GetShardIterator',
            'kinesis:ListShards',
            'kinesis:SubscribeToShard',
          ],
          resources: [streamArn],
        }),
        new PolicyStatement({
          sid: 'ListStreams',
          actions: ['kinesis:ListStreams'],
          resources: ['*'],
        }),
      ],
    );
    acknowledgeWildcards(
      kinesisPolicy,
      ['*'],
      'kinesis:ListStreams is an account-level action without resource-level permissions (as in AWSLambdaKinesisExecutionRole); every stream action is scoped to CTRKinesisARN.',
    );

    this.eventSourceMapping = new CfnEventSourceMapping(this, 'ContactRecordStream', {
      eventSourceArn: streamArn,
      functionName: fn.functionName,
      startingPosition: 'LATEST',
      batchSize: params.ctrBatchSize.valueAsNumber,
      maximumRetryAttempts: params.ctrMaximumRetryAttempts.valueAsNumber,
      // Give a batch up while the stream still holds it (24 h by default): its on-failure record
      // reaches the dead-letter queue with 18 h left for replay-dlq to read the records back.
      maximumRecordAgeInSeconds: CTR_MAXIMUM_RECORD_AGE_SECONDS,
      bisectBatchOnFunctionError: true,
      functionResponseTypes: ['ReportBatchItemFailures'],
      destinationConfig: { onFailure: { destination: this.deadLetterQueue.queueArn } },
    });
    this.eventSourceMapping.cfnOptions.condition = params.conditions.ctrPipeline;
    Validations.of(this.eventSourceMapping).acknowledge({
      id: 'CloudFormation-Validate::W1030',
      reason:
        'The mapping exists only under CTREventSourceMappingCondition, i.e. when CTRKinesisARN is not empty.',
    });
    // Lambda validates the role's stream permissions when the mapping is created.
    this.eventSourceMapping.node.addDependency(kinesisPolicy);
    this.eventSourceMapping.node.addDependency(trigger.role);
  }
}
