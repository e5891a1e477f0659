/**
 * Reporting triggers, each under its switch:
 * - historical import: an EventBridge rule on S3 "Object Created" events of the reporting bucket
 *   under the queue and agent report prefixes. It needs no ownership of the bucket, and no
 *   bucket notification configuration (which would collide with existing ones); the bucket only
 *   has to send events to EventBridge (one setting, see infra/README-deploy.md).
 * - real-time metrics: a one-minute schedule; each invocation refreshes 4 times, 15 s apart.
 *
 * @example
 * ```ts
 * new ReportingWiring(this, 'Reporting', { params, historical, realtime });
 * ```
 */
import { Aws, Fn } from 'aws-cdk-lib';
import { CfnRule } from 'aws-cdk-lib/aws-events';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { CfnPermission } from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import { acknowledgeWildcards } from './acknowledge.js';
import { conditionalPolicy, onlyWhen } from './conditional.js';
import type { StackParameters } from './parameters.js';
import type { PipelineFunction } from './pipeline-function.js';

export interface ReportingWiringProps {
  readonly params: StackParameters;
  readonly historical: PipelineFunction;
  readonly realtime: PipelineFunction;
}

export class ReportingWiring extends Construct {
  readonly reportCreatedRule: CfnRule;
  readonly realtimeSchedule: CfnRule;

  constructor(scope: Construct, id: string, props: ReportingWiringProps) {
    super(scope, id);
    const { params, historical, realtime } = props;
    const c = params.conditions;

    // --- Historical report CSVs ---
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
        },
      ],
    });
    const reportPermission = new CfnPermission(this, 'ReportCreatedInvoke', {
      action: 'lambda:InvokeFunction',
      functionName: historical.function.functionArn,
      principal: 'events.amazonaws.com',
      sourceArn: this.reportCreatedRule.attrArn,
    });
    onlyWhen(c.historicalReporting, this.reportCreatedRule, reportPermission);

    const reportObjects = (prefix: string): string =>
      Fn.join('', [
        'arn:',
        Aws.PARTITION,
        ':s3:::',
        params.connectReportingBucket.valueAsString,
        '/',
        prefix,
        '*',
      ]);
    const readReports = new PolicyStatement({
      sid: 'ReadReports',
      actions: ['s3:GetObject'],
      resources: [
        reportObjects(params.historicalQueueReportPrefix.valueAsString),
        reportObjects(params.historicalAgentReportPrefix.valueAsString),
      ],
    });
    readReports.addCondition('StringEquals', { 's3:ResourceAccount': Aws.ACCOUNT_ID });
    const readPolicy = conditionalPolicy(this, 'ReadReports', c.historicalReporting, historical.role, [
      readReports,
    ]);
    acknowledgeWildcards(
      readPolicy,
      readReports.resources,
      'Report file names carry the report time: reads are limited to the queue and agent report prefixes of the reporting bucket.',
    );
    conditionalPolicy(this, 'DecryptReports', c.hasReportingKmsKey, historical.role, [
      new PolicyStatement({
        sid: 'DecryptReports',
        actions: ['kms:Decrypt'],
        resources: [params.connectReportingKmsKeyArn.valueAsString],
      }),
    ]);
    historical.function.addEnvironment(
      'CONNECT_REPORTING_BUCKET',
      params.connectReportingBucket.valueAsString,
    );
    historical.function.addEnvironment(
      'HISTORICAL_QUEUE_REPORT_PREFIXES',
      params.historicalQueueReportPrefix.valueAsString,
    );
    historical.function.addEnvironment(
      'HISTORICAL_AGENT_REPORT_PREFIXES',
      params.historicalAgentReportPrefix.valueAsString,
    );

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
    realtime.function.addEnvironment('REALTIME_REFRESHES_PER_INVOCATION', '4');
    realtime.function.addEnvironment('REALTIME_REFRESH_INTERVAL_SECONDS', '15');
  }
}
