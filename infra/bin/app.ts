/**
 * CDK app entry (`npm run synth`, `npm run deploy`): the stack, checked by cdk-nag's AwsSolutions
 * pack. An unacknowledged finding fails the synth.
 *
 * Stack name: `ConnectSalesforce` (override with `-c stackName=...`).
 */
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { ConnectSalesforceStack } from '../lib/connect-salesforce-stack.js';

const app = new App();
const stackName = (app.node.tryGetContext('stackName') as string | undefined) ?? 'ConnectSalesforce';
new ConnectSalesforceStack(app, stackName);
Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }));
