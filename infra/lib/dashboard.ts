/**
 * The on-call admin's CloudWatch dashboard: contacts coming in and what became of them, the
 * Salesforce API budget, the queues that hold work back, sfInvokeAPI as the contact flows see it,
 * and the analytics branches. Its console URL is a stack output.
 *
 * @example
 * ```ts
 * const dashboard = new OperationsDashboard(this, 'Dashboard', { functions, stateMachine, deadLetterQueue });
 * new CfnOutput(this, 'DashboardUrl', { value: dashboard.url });
 * ```
 */
import { Aws, Duration, Fn } from 'aws-cdk-lib';
import {
  Dashboard,
  GraphWidget,
  type HorizontalAnnotation,
  type IMetric,
  SingleValueWidget,
  TextWidget,
} from 'aws-cdk-lib/aws-cloudwatch';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import type { StateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { DIMENSION, METRIC } from '../../shared/observability/metric-names.js';
import { DAILY_API_USAGE_THRESHOLDS, ITERATOR_AGE_THRESHOLD_MS } from './alarms.js';
import type { PipelineFunctions } from './functions.js';
import { dailyApiUsagePercent, pipelineMetric, searchByService } from './pipeline-metrics.js';

/** What the dashboard graphs. */
export interface OperationsDashboardProps {
  readonly functions: PipelineFunctions;
  readonly stateMachine: StateMachine;
  readonly deadLetterQueue: IQueue;
}

const PERIOD = Duration.minutes(5);
const WIDTH = 8;
const HEIGHT = 6;

/**
 * The on-call admin's CloudWatch dashboard: contacts in and their outcomes, the Salesforce API
 * budget, the queues holding work back, sfInvokeAPI as contact flows see it, the analytics
 * branches. `url` opens it in the console.
 */
export class OperationsDashboard extends Construct {
  readonly dashboard: Dashboard;
  /** The dashboard in the CloudWatch console. */
  readonly url: string;

  constructor(scope: Construct, id: string, props: OperationsDashboardProps) {
    super(scope, id);
    const { functions, stateMachine, deadLetterQueue } = props;
    const trigger = functions.ctrTrigger;
    const invokeApi = functions.invokeApi.function;
    const services = functions.salesforceCallers().map((fn) => fn.folder);
    const sum = { statistic: 'Sum', period: PERIOD };
    const graph = (
      title: string,
      left: IMetric[],
      extra: Partial<ConstructorParameters<typeof GraphWidget>[0]> = {},
    ) => new GraphWidget({ title, left, width: WIDTH, height: HEIGHT, ...extra });

    this.dashboard = new Dashboard(this, 'Dashboard', {
      defaultInterval: Duration.hours(24),
      widgets: [
        [
          new TextWidget({
            markdown:
              "## Connect → Salesforce\nContacts in and their executions, the org's daily API budget, what is waiting, " +
              'sfInvokeAPI as contact flows see it. Failed executions: re-drive by ContactId (`npm run redrive`); ' +
              'parked records: `npm run replay-dlq`.',
            width: 24,
            height: 2,
          }),
        ],
        [
          graph('Contacts in', [
            pipelineMetric(METRIC.contactsImported, functions.contactImport.folder, {
              ...sum,
              label: 'Contacts imported',
            }),
            pipelineMetric(METRIC.executionsStarted, trigger.folder, { ...sum, label: 'Executions started' }),
            pipelineMetric(METRIC.supersededVersions, trigger.folder, {
              ...sum,
              label: 'Superseded versions',
            }),
            pipelineMetric(METRIC.recordsDeadLettered, trigger.folder, { ...sum, label: 'Dead-lettered' }),
          ]),
          graph('Post-call executions', [
            stateMachine.metricSucceeded({ ...sum, label: 'Succeeded' }),
            stateMachine.metricFailed({ ...sum, label: 'Failed' }),
            stateMachine.metricTimedOut({ ...sum, label: 'Timed out' }),
          ]),
          graph('Transcription and Contact Lens', [
            pipelineMetric(METRIC.transcriptsImported, functions.transcriptImport.folder, {
              ...sum,
              label: 'Transcripts imported',
            }),
            pipelineMetric(METRIC.transcriptionsFailed, functions.transcriptImport.folder, {
              ...sum,
              label: 'Transcriptions failed',
            }),
            pipelineMetric(METRIC.contactLensImported, functions.contactLensImport.folder, {
              ...sum,
              label: 'Contact Lens imported',
            }),
          ]),
        ],
        [
          graph('Salesforce API calls (by function and operation)', [
            searchByService(METRIC.salesforceApiCalls, DIMENSION.operation, PERIOD),
          ]),
          graph('Salesforce daily API usage (%)', [dailyApiUsagePercent(services, PERIOD)], {
            leftYAxis: { min: 0, max: 100 },
            leftAnnotations: DAILY_API_USAGE_THRESHOLDS.map(
              (value): HorizontalAnnotation => ({ value, label: `${value} % alarm` }),
            ),
          }),
          graph('Salesforce errors (by function and error)', [
            searchByService(METRIC.salesforceErrors, DIMENSION.errorName, PERIOD),
          ]),
        ],
        [
          graph('Dead-letter queue depth', [
            deadLetterQueue.metricApproximateNumberOfMessagesVisible({
              statistic: 'Maximum',
              period: PERIOD,
              label: 'Parked records',
            }),
          ]),
          graph(
            'Trigger iterator age (ms)',
            [trigger.function.metric('IteratorAge', { statistic: 'Maximum', period: Duration.minutes(1) })],
            { leftAnnotations: [{ value: ITERATOR_AGE_THRESHOLD_MS, label: 'alarm' }] },
          ),
          new SingleValueWidget({
            title: 'Daily API calls remaining',
            metrics: services.map((service) =>
              pipelineMetric(METRIC.salesforceDailyApiRemaining, service, {
                statistic: 'Minimum',
                period: PERIOD,
              }),
            ),
            width: WIDTH,
            height: HEIGHT,
          }),
        ],
        [
          graph('sfInvokeAPI duration (ms)', [
            invokeApi.metricDuration({ statistic: 'p50', period: PERIOD, label: 'p50' }),
            invokeApi.metricDuration({ statistic: 'p99', period: PERIOD, label: 'p99' }),
          ]),
          graph('sfInvokeAPI errors', [
            invokeApi.metricErrors({ ...sum, label: 'Lambda errors' }),
            searchByService(METRIC.invokeApiErrors, DIMENSION.operation, PERIOD),
          ]),
          graph('sfInvokeAPI answers (by operation)', [
            searchByService(METRIC.invokeApiAnswers, DIMENSION.operation, PERIOD),
          ]),
        ],
      ],
    });
    this.url = Fn.join('', [
      'https://',
      Aws.REGION,
      '.console.aws.amazon.com/cloudwatch/home?region=',
      Aws.REGION,
      '#dashboards:name=',
      this.dashboard.dashboardName,
    ]);
  }
}
