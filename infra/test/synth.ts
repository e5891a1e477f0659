/**
 * One synth of the real stack for the whole infra suite: the real ASL, real esbuild bundles,
 * cdk-nag AwsSolutions as a validation plugin. Synthesis throws on an unacknowledged finding; the
 * error is kept so a test can show it.
 *
 * @example
 * ```ts
 * const synthesized = synthesizeStack();
 * synthesized.template.Resources;
 * ```
 */
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { ConnectSalesforceStack } from '../lib/connect-salesforce-stack.js';
import type { TemplateJson } from './template-conditions.js';

export interface SynthesizedStack {
  readonly stack: ConnectSalesforceStack;
  readonly template: TemplateJson;
  readonly outdir: string;
  /** The validation error (cdk-nag findings), or undefined when the synth passed. */
  readonly validationError: string | undefined;
  /** The validation report cdk wrote, when any. */
  readonly validationReport: unknown;
}

export function synthesizeStack(): SynthesizedStack {
  // CDK's built-in CloudFormation schema validation takes ~30 s and only warns; `npm run synth`
  // runs it. cdk-nag (registered below) still runs here.
  process.env.CDK_VALIDATION = 'false';
  const outdir = mkdtempSync(join(tmpdir(), 'infra-test-'));
  const app = new App({ outdir });
  const stack = new ConnectSalesforceStack(app, 'ConnectSalesforce');
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  let validationError: string | undefined;
  try {
    app.synth();
  } catch (error) {
    validationError = String(error);
  }
  const templatePath = join(outdir, 'ConnectSalesforce.template.json');
  const reportPath = join(outdir, 'validation-report.json');
  const template = JSON.parse(readFileSync(templatePath, 'utf8')) as TemplateJson;
  const validationReport: unknown = existsSync(reportPath)
    ? JSON.parse(readFileSync(reportPath, 'utf8'))
    : undefined;
  return { stack, template, outdir, validationError, validationReport };
}
