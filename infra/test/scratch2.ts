import { App } from 'aws-cdk-lib';
import { join } from 'node:path';
import { ConnectSalesforceStack } from '/work/main/infra/lib/connect-salesforce-stack.js';
const t0 = Date.now();
const app = new App({ outdir: '/tmp/infra-scratch/out2', context: process.env.NOBUNDLE ? { 'aws:cdk:bundling-stacks': [] } : {} });
new ConnectSalesforceStack(app, 'ConnectSalesforce', { missingEntryFallback: '/work/main/infra/test/fixtures/missing-handler/handler.ts' });
const t1 = Date.now();
app.synth();
console.log('construct', t1 - t0, 'synth', Date.now() - t1);
