/**
 * The one deployable stack: parameters, the eight functions, the post-call state machine, the
 * contact-record trigger with its dead-letter queue, the contact version table, the payload bucket
 * for contacts too large to pass inline, reporting triggers,
 * alarms, the operations dashboard and outputs.
 *
 * @example
 * ```ts
 * const app = new App();
 * new ConnectSalesforceStack(app, 'ConnectSalesforce');
 * ```
 */
import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { PipelineAlarms } from './alarms.js';
import { ContactPayloadBucket } from './contact-payload-bucket.js';
import { ContactVersionTable } from './contact-version-table.js';
import { CtrTriggerWiring } from './ctr-trigger-wiring.js';
import { OperationsDashboard } from './dashboard.js';
import { PipelineFunctions } from './functions.js';
import { StackParameters } from './parameters.js';
import { POST_CALL_ASL_PATH } from './paths.js';
import { PostCallStateMachine } from './post-call-state-machine.js';
import { ReportingWiring } from './reporting-wiring.js';

/** Props of {@link ConnectSalesforceStack}: the usual stack props and an optional ASL file. */
export interface ConnectSalesforceStackProps extends StackProps {
  /** The post-call ASL file (default: statemachines/post-call.asl.json). */
  readonly postCallAslPath?: string;
}

/**
 * The one deployable stack, with the original package's parameters so existing installations can
 * move over: the eight functions, the post-call state machine, the CTR trigger and its dead-letter
 * queue, the contact version table, reporting triggers, alarms and the operations dashboard.
 *
 * @example
 * ```ts
 * new ConnectSalesforceStack(new App(), 'ConnectSalesforce');
 * ```
 */
export class ConnectSalesforceStack extends Stack {
  readonly params: StackParameters;
  readonly functions: PipelineFunctions;
  readonly postCall: PostCallStateMachine;
  readonly ctrTrigger: CtrTriggerWiring;
  readonly contactVersions: ContactVersionTable;
  readonly contactPayloads: ContactPayloadBucket;
  readonly reporting: ReportingWiring;
  readonly alarms: PipelineAlarms;
  readonly dashboard: OperationsDashboard;

  constructor(scope: Construct, id: string, props: ConnectSalesforceStackProps = {}) {
    const { postCallAslPath, ...stackProps } = props;
    super(scope, id, {
      description:
        'Amazon Connect Salesforce Lambdas (TypeScript): sfInvokeAPI, post-call pipeline, reporting imports',
      ...stackProps,
    });

    this.params = new StackParameters(this, 'Parameters');
    this.functions = new PipelineFunctions(this, 'Functions', { params: this.params });
    this.postCall = new PostCallStateMachine(this, 'PostCall', {
      aslPath: postCallAslPath ?? POST_CALL_ASL_PATH,
      params: this.params,
      functions: this.functions.byName(),
    });
    this.functions.grantTranscriptImport(this.params, this.postCall.transcriptOutputPrefix);
    this.ctrTrigger = new CtrTriggerWiring(this, 'CtrTrigger', {
      params: this.params,
      trigger: this.functions.ctrTrigger,
      stateMachine: this.postCall.stateMachine,
    });
    this.contactVersions = new ContactVersionTable(this, 'ContactVersions', {
      contactImport: this.functions.contactImport,
      ctrTrigger: this.functions.ctrTrigger,
    });
    this.contactPayloads = new ContactPayloadBucket(this, 'ContactPayloads', {
      ctrTrigger: this.functions.ctrTrigger,
      contactImport: this.functions.contactImport,
    });
    this.reporting = new ReportingWiring(this, 'Reporting', {
      params: this.params,
      historical: this.functions.historicalReportImport,
      realtime: this.functions.realtimeQueueMetrics,
    });
    this.alarms = new PipelineAlarms(this, 'Alarms', {
      params: this.params,
      stateMachine: this.postCall.stateMachine,
      deadLetterQueue: this.ctrTrigger.deadLetterQueue,
      trigger: this.functions.ctrTrigger.function,
      salesforceServices: this.functions.salesforceCallers().map((fn) => fn.folder),
    });
    this.dashboard = new OperationsDashboard(this, 'Operations', {
      functions: this.functions,
      stateMachine: this.postCall.stateMachine,
      deadLetterQueue: this.ctrTrigger.deadLetterQueue,
    });

    new CfnOutput(this, 'SfInvokeApiFunctionArn', {
      description: 'sfInvokeAPI: add this function to your Connect instance and invoke it from contact flows',
      value: this.functions.invokeApi.function.functionArn,
    });
    new CfnOutput(this, 'SfInvokeApiFunctionName', {
      description: 'sfInvokeAPI function name',
      value: this.functions.invokeApi.function.functionName,
    });
    new CfnOutput(this, 'PostCallStateMachineArn', {
      description: 'Post-call state machine: one execution per contact, named by ContactId',
      value: this.postCall.stateMachine.stateMachineArn,
    });
    new CfnOutput(this, 'OperationsDashboardUrl', {
      description: 'CloudWatch dashboard: contacts, executions, Salesforce API usage, queues, sfInvokeAPI',
      value: this.dashboard.url,
    });
    new CfnOutput(this, 'ContactPayloadBucketName', {
      description:
        'Large contact payloads kept by reference: execution-input/ (CTRs over the Step Functions input limit) and dead-letters/ (parked records over the SQS limit), 30 days',
      value: this.contactPayloads.bucket.bucketName,
    });
    new CfnOutput(this, 'ContactRecordDeadLetterQueueUrl', {
      description: 'Contact records the pipeline could not process (npm run replay-dlq)',
      value: this.ctrTrigger.deadLetterQueue.queueUrl,
    });
  }
}
