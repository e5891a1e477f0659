import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { ConnectSalesforceStack } from '../lib/connect-salesforce-stack.js';
import { join } from 'node:path';
const app = new App({ outdir: '/tmp/infra-scratch/out' });
const stack = new ConnectSalesforceStack(app, 'ConnectSalesforce', { missingEntryFallback: join(import.meta.dirname, 'fixtures/missing-handler/handler.ts') });
Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: false }));
try { app.synth(); console.log('OK'); } catch (e) { console.log(String(e).slice(0, 20000)); }
