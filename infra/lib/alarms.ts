/**
 * Operational alarms: failed post-call executions, records parked in the dead-letter queue,
 * trigger errors, the trigger's iterator age (contact records waiting on the stream) and the
 * org's daily Salesforce API usage at 80 % and 95 % (when it runs out, the contact flows' screen
 * pops fail too). Each notifies AlarmNotificationTopicARN when it is set.
 *
 * @example
 * ```ts
 * new PipelineAlarms(this, 'Alarms', { params, stateMachine, deadLetterQueue, trigger });
 * ```
 */
import { Aws, Duration, Fn, Validations } from 'aws-cdk-lib';
import {
  Alarm,
  type CfnAlarm,
  ComparisonOperator,
  type IMetric,
  TreatMissingData,
} from 'aws-cdk-lib/aws-cloudwatch';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import type { StateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import type { StackParameters } from './parameters.js';
import { dailyApiUsagePercent } from './pipeline-metrics.js';

/** What {@link PipelineAlarms} watches. */
export interface PipelineAlarmsProps {
  readonly params: StackParameters;
  readonly stateMachine: StateMachine;
  readonly deadLetterQueue: IQueue;
  readonly trigger: IFunction;
  /** `service` names of the functions that call Salesforce (their folders). */
  readonly salesforceServices: readonly string[];
}

/** Five minutes of contact records waiting: the trigger is falling behind or blocked. */
export const ITERATOR_AGE_THRESHOLD_MS = 5 * 60 * 1000;

/** Daily API usage (percent of the org's allocation) that warns, and that needs action now. */
export const DAILY_API_USAGE_THRESHOLDS = [80, 95] as const;

/**
 * The stack's operational alarms (failed executions, parked records, trigger errors and iterator
 * age, the org's daily API usage at 80 % and 95 %), each notifying the alarm topic when one is set.
 *
 * @example
 * ```ts
 * const { alarms } = new PipelineAlarms(this, 'Alarms', { params, stateMachine, deadLetterQueue, trigger, salesforceServices });
 * ```
 */
export class PipelineAlarms extends Construct {
  readonly alarms: Alarm[] = [];

  constructor(scope: Construct, id: string, props: PipelineAlarmsProps) {
    super(scope, id);
    const { params, stateMachine, deadLetterQueue, trigger, salesforceServices } = props;
    const period = Duration.minutes(5);

    this.add('FailedExecutions', {
      metric: stateMachine.metricFailed({ period, statistic: 'Sum' }),
      threshold: 1,
      description:
        'A post-call execution failed: find it by ContactId in the Step Functions console and redrive it.',
    });
    this.add('TimedOutExecutions', {
      metric: stateMachine.metricTimedOut({ period, statistic: 'Sum' }),
      threshold: 1,
      description: 'A post-call execution timed out.',
    });
    this.add('DeadLetterQueueNotEmpty', {
      metric: deadLetterQueue.metricApproximateNumberOfMessagesVisible({ period, statistic: 'Maximum' }),
      threshold: 1,
      description:
        'Contact records were parked in the dead-letter queue: inspect and replay with npm run replay-dlq.',
    });
    this.add('TriggerErrors', {
      metric: trigger.metricErrors({ period, statistic: 'Sum' }),
      threshold: 1,
      description: 'The contact-record trigger failed invocations (records are retried, then parked).',
    });
    this.add('TriggerIteratorAge', {
      metric: trigger.metric('IteratorAge', { period: Duration.minutes(1), statistic: 'Maximum' }),
      threshold: ITERATOR_AGE_THRESHOLD_MS,
      evaluationPeriods: 5,
      description: 'Contact records have waited on the Kinesis stream for more than 5 minutes.',
    });
    for (const threshold of DAILY_API_USAGE_THRESHOLDS) {
      this.add(`SalesforceDailyApiUsage${threshold}`, {
        metric: dailyApiUsagePercent(salesforceServices, period),
        threshold,
        description:
          `The Salesforce org has used ${threshold} % of its daily API allocation (rolling 24 h). ` +
          'At 100 % every call fails, contact-flow lookups included: find the heavy caller on the dashboard, or raise the allocation.',
      });
    }

    for (const alarm of this.alarms) {
      const cfn = alarm.node.defaultChild as CfnAlarm;
      const topic = Fn.conditionIf(
        params.conditions.hasAlarmTopic.logicalId,
        [params.alarmTopicArn.valueAsString],
        Aws.NO_VALUE,
      );
      cfn.addPropertyOverride('AlarmActions', topic);
      cfn.addPropertyOverride('OKActions', topic);
      Validations.of(alarm).acknowledge({
        id: 'CloudFormation-Validate::W1030',
        reason: 'The topic ARN is used only under HasAlarmNotificationTopicARN, i.e. when it is not empty.',
      });
    }
  }

  private add(
    id: string,
    options: { metric: IMetric; threshold: number; description: string; evaluationPeriods?: number },
  ): void {
    this.alarms.push(
      new Alarm(this, id, {
        metric: options.metric,
        threshold: options.threshold,
        evaluationPeriods: options.evaluationPeriods ?? 1,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: TreatMissingData.NOT_BREACHING,
        alarmDescription: options.description,
      }),
    );
  }
}
