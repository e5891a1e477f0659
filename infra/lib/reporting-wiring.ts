/**
 * Reporting triggers, each under its switch:
 * - historical import: an EventBridge rule on S3 "Object Created" events of the reporting bucket
 *   under the queue and agent report prefixes. It needs no ownership of the bucket, and no
 *   bucket notification configuration (which would collide with existing ones); the bucket only
 *   has to send events to EventBridge (one setting, see "After deploying" in README.md).
 * - real-time metrics: a one-minute schedule; each invocation refreshes 4 times, 15 s apart.
 *   Lambda's asynchronous retries are off (a failed minute is superseded by the next one; a retry
 *   would start a second, overlapping loop).
 * - failed report imports (after Lambda's 2 asynchronous retries) and report events EventBridge
 *   could not deliver land in an encrypted SQS queue, with an alarm, instead of being dropped.
 *
 * @example
 * ```ts
 * new ReportingWiring(this, 'Reporting', { params, historical, realtime });
 * ```
 */
import { Aws, Duration, Fn, Validations } from 'aws-cdk-lib';
import { Alarm, type CfnAlarm, ComparisonOperator, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { CfnRule } from 'aws-cdk-lib/aws-events';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { CfnEventInvokeConfig, CfnPermission } from 'aws-cdk-lib/aws-lambda';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import {
  DEFAULT_REFRESH_INTERVAL_SECONDS,
  DEFAULT_REFRESHES_PER_INVOCATION,
  REFRESH_INTERVAL_SECONDS_ENV,
  REFRESHES_PER_INVOCATION_ENV,
} from '../../functions/realtime-queue-metrics/settings.js';
import { acknowledgeWildcards } from './acknowledge.js';
import { conditionalPolicy, onlyWhen } from './conditional.js';
import { bucketKeyStatement, grantObjectReads } from './object-reads.js';
import type { StackParameters } from './parameters.js';
import type { PipelineFunction } from './pipeline-function.js';

/** The two reporting functions and the parameters that switch them on. */
export interface ReportingWiringProps {
  readonly params: StackParameters;
  readonly historical: PipelineFunction;
  readonly realtime: PipelineFunction;
}

/** Real-time invocations: no async retry, and an event older than one schedule period is dropped. */
export const REALTIME_ASYNC = { maximumRetryAttempts: 0, maximumEventAgeInSeconds: 60 } as const;
/** Report imports: Lambda's default 2 retries, then the failure queue; a report is 6 h old at most. */
export const HISTORICAL_ASYNC = { maximumRetryAttempts: 2, maximumEventAgeInSeconds: 6 * 3600 } as const;

/**
 * Reporting triggers: an EventBridge rule on report CSVs created in the reporting bucket, a
 * one-minute schedule for real-time metrics, and an encrypted queue (with an alarm) for report
 * events whose import failed for good.
 */
export class ReportingWiring extends Construct {
  readonly reportCreatedRule: CfnRule;
  readonly realtimeSchedule: CfnRule;
  /** Report events whose import failed for good (Lambda on-failure destination, rule DLQ). */
  readonly reportFailureQueue: Queue;
  readonly historicalInvokeConfig: CfnEventInvokeConfig;
  readonly realtimeInvokeConfig: CfnEventInvokeConfig;

  constructor(scope: Construct, id: string, props: ReportingWiringProps) {
    super(scope, id);
    const { params, historical, realtime } = props;
    const c = params.conditions;

    // --- Historical report CSVs ---
    this.reportFailureQueue = new Queue(this, 'ReportImportFailures', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    Validations.of(this.reportFailureQueue).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason:
        'This queue is itself the failure destination of the report import (Lambda on-failure destination and the rule dead-letter queue).',
    });
    this.reportCreatedRule = new CfnRule(this, 'ReportCreated', {
      description: 'Connect scheduled report written to the reporting bucket → historical import',
      state: 'ENABLED',
      eventPattern: {
        source: ['aws.s3'],
        'detail-type': ['Object Created'],
        detail: {
          bucket: { name: [params.connectReportingBucket.valueAsString] },
          object: {
            key: [
              { prefix: params.historicalQueueReportPrefix.valueAsString },
              { prefix: params.historicalAgentReportPrefix.valueAsString },
            ],
          },
        },
      },
      targets: [
        {
          id: 'HistoricalReportImport',
          arn: historical.function.functionArn,
          retryPolicy: { maximumRetryAttempts: 8, maximumEventAgeInSeconds: 3600 },
          // Events EventBridge could not hand to Lambda (throttled or denied for an hour).
          deadLetterConfig: { arn: this.reportFailureQueue.queueArn },
        },
      ],
    });
    const reportPermission = new CfnPermission(this, 'ReportCreatedInvoke', {
      action: 'lambda:InvokeFunction',
      functionName: historical.function.functionArn,
      principal: 'events.amazonaws.com',
      sourceArn: this.reportCreatedRule.attrArn,
    });
    this.reportFailureQueue.addToResourcePolicy(
      new PolicyStatement({
        sid: 'ReportRuleDeadLetters',
        principals: [new ServicePrincipal('events.amazonaws.com')],
        actions: ['sqs:SendMessage'],
        resources: [this.reportFailureQueue.queueArn],
        conditions: { ArnEquals: { 'aws:SourceArn': this.reportCreatedRule.attrArn } },
      }),
    );
    // Lambda sends on-failure records with the function's role, and checks that permission when
    // the invoke config is created.
    const parkFailures = conditionalPolicy(
      this,
      'ParkFailedReports',
      c.historicalReporting,
      historical.role,
      [
        new PolicyStatement({
          sid: 'ParkFailedReports',
          actions: ['sqs:SendMessage'],
          resources: [this.reportFailureQueue.queueArn],
        }),
      ],
    );
    this.historicalInvokeConfig = new CfnEventInvokeConfig(this, 'HistoricalAsyncInvoke', {
      functionName: historical.function.functionName,
      qualifier: '$LATEST',
      ...HISTORICAL_ASYNC,
      destinationConfig: { onFailure: { destination: this.reportFailureQueue.queueArn } },
    });
    this.historicalInvokeConfig.node.addDependency(parkFailures);
    const failureAlarm = new Alarm(this, 'ReportImportFailed', {
      metric: this.reportFailureQueue.metricApproximateNumberOfMessagesVisible({
        period: Duration.minutes(5),
        statistic: 'Maximum',
      }),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
      alarmDescription:
        'A historical report could not be imported after retries: the event is in the report failure queue (see README, Operations).',
    });
    const topic = Fn.conditionIf(
      c.hasAlarmTopic.logicalId,
      [params.alarmTopicArn.valueAsString],
      Aws.NO_VALUE,
    );
    (failureAlarm.node.defaultChild as CfnAlarm).addPropertyOverride('AlarmActions', topic);
    (failureAlarm.node.defaultChild as CfnAlarm).addPropertyOverride('OKActions', topic);
    Validations.of(failureAlarm).acknowledge({
      id: 'CloudFormation-Validate::W1030',
      reason: 'The topic ARN is used only under HasAlarmNotificationTopicARN, i.e. when it is not empty.',
    });
    onlyWhen(
      c.historicalReporting,
      this.reportCreatedRule,
      reportPermission,
      this.reportFailureQueue,
      this.historicalInvokeConfig,
      failureAlarm,
    );

    grantObjectReads(this, 'ReadReports', {
      role: historical.role,
      condition: c.historicalReporting,
      bucket: params.connectReportingBucket.valueAsString,
      prefixes: [
        params.historicalQueueReportPrefix.valueAsString,
        params.historicalAgentReportPrefix.valueAsString,
      ],
      reason:
        'Report file names carry the report time: reads are limited to the queue and agent report prefixes of the reporting bucket.',
    });
    conditionalPolicy(this, 'DecryptReports', c.hasReportingKmsKey, historical.role, [
      bucketKeyStatement('DecryptReports', params.connectReportingKmsKeyArn.valueAsString),
    ]);
    const reportEnvironment = params.environmentOf(
      'connectReportingBucket',
      'historicalQueueReportPrefix',
      'historicalAgentReportPrefix',
    );
    for (const [name, value] of Object.entries(reportEnvironment))
      historical.function.addEnvironment(name, value);

    // --- Real-time queue metrics ---
    this.realtimeSchedule = new CfnRule(this, 'RealtimeSchedule', {
      description: 'Every minute: real-time queue metrics (4 refreshes, 15 s apart, per invocation)',
      scheduleExpression: 'rate(1 minute)',
      state: 'ENABLED',
      targets: [
        {
          id: 'RealtimeQueueMetrics',
          arn: realtime.function.functionArn,
          // A missed minute is superseded by the next one: never queue stale refreshes.
          retryPolicy: { maximumRetryAttempts: 0, maximumEventAgeInSeconds: 60 },
        },
      ],
    });
    const schedulePermission = new CfnPermission(this, 'RealtimeScheduleInvoke', {
      action: 'lambda:InvokeFunction',
      functionName: realtime.function.functionArn,
      principal: 'events.amazonaws.com',
      sourceArn: this.realtimeSchedule.attrArn,
    });
    onlyWhen(c.realtimeReporting, this.realtimeSchedule, schedulePermission);
    // EventBridge → Lambda is an asynchronous invoke: without this, Lambda retries a failed
    // minute twice, each retry a second 4-refresh loop overlapping the next scheduled one.
    this.realtimeInvokeConfig = new CfnEventInvokeConfig(this, 'RealtimeAsyncInvoke', {
      functionName: realtime.function.functionName,
      qualifier: '$LATEST',
      ...REALTIME_ASYNC,
    });

    const instanceArn = Fn.join('', [
      'arn:',
      Aws.PARTITION,
      ':connect:',
      Aws.REGION,
      ':',
      Aws.ACCOUNT_ID,
      ':instance/',
      params.amazonConnectInstanceId.valueAsString,
    ]);
    const queues = Fn.join('', [instanceArn, '/queue/*']);
    const metricsPolicy = conditionalPolicy(this, 'ReadQueueMetrics', c.realtimeReporting, realtime.role, [
      new PolicyStatement({
        sid: 'ReadQueueMetrics',
        actions: ['connect:ListQueues', 'connect:GetCurrentMetricData'],
        resources: [instanceArn, queues],
      }),
    ]);
    acknowledgeWildcards(
      metricsPolicy,
      [queues],
      'Queues are listed at runtime (ListQueues); GetCurrentMetricData is limited to queues of the configured instance.',
    );
    realtime.function.addEnvironment(REFRESHES_PER_INVOCATION_ENV, String(DEFAULT_REFRESHES_PER_INVOCATION));
    realtime.function.addEnvironment(REFRESH_INTERVAL_SECONDS_ENV, String(DEFAULT_REFRESH_INTERVAL_SECONDS));
  }
}
