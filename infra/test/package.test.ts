/**
 * `npm run package`: the release deploys without CDK. The template has no bootstrap reference and
 * the CDK stack's parameters, groups, labels, Rules, Conditions and outputs; every function's
 * code is a zip in dist/ whose handler loads under Node 22 (sfInvokeAPI's answers a sample event
 * against the Salesforce emulator); two builds give byte-identical zips; the S3 upload (s3rver)
 * puts each zip once under content-addressed keys that the packaged template references; cfn-lint
 * finds no error in it.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { GetObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalS3 } from '../../local/aws-stand-ins/local-s3.js';
import { startSecretsManagerStandIn } from '../../local/aws-stand-ins/secrets-manager-stand-in.js';
import {
  emulatorSecret,
  useSalesforceEmulator,
} from '../../local/emulator-connection/salesforce-environment.js';
import { startSalesforceEmulator } from '../../local/salesforce-emulator/index.js';
import { buildRelease, changelogEntry, type Release } from '../release/release.js';
import { uploadRelease } from '../release/upload.js';
import { FUNCTION_FOLDERS } from './function-folders.js';
import { node22 } from './node22.js';
import { synthesizeStack } from './synth.js';
import type { TemplateJson } from './template-conditions.js';

const execFileAsync = promisify(execFile);

let release: Release;
let again: Release;
let cdkTemplate: TemplateJson;

beforeAll(() => {
  const synthesized = synthesizeStack();
  cdkTemplate = synthesized.template;
  // One build as `npm run package` does it (its own synth), one from the test's synth.
  release = buildRelease({ distDir: mkdtempSync(join(tmpdir(), 'release-a-')) });
  again = buildRelease({
    distDir: mkdtempSync(join(tmpdir(), 'release-b-')),
    assemblyDir: synthesized.outdir,
  });
}, 300_000);

describe('npm run package', () => {
  it('writes a template with no CDK bootstrap reference and one zip per function', () => {
    const text = readFileSync(release.templatePath, 'utf8');
    expect(text).not.toMatch(/cdk-hnb659fds|BootstrapVersion|CheckBootstrapVersion/);
    expect(release.zips.map((zip) => zip.name).sort()).toEqual([...FUNCTION_FOLDERS].sort());
    const resources = release.template.Resources as Record<
      string,
      { Type: string; Properties: { Code?: unknown } }
    >;
    for (const zip of release.zips) {
      expect(resources[zip.logicalId].Properties.Code).toBe(`functions/${zip.name}.zip`);
      expect(existsSync(join(release.templatePath, '..', 'functions', `${zip.name}.zip`))).toBe(true);
    }
  });

  it('keeps the CDK stack parameters, console groups and labels, Rules, Conditions and outputs', () => {
    const { BootstrapVersion: _version, ...parameters } = cdkTemplate.Parameters as Record<string, unknown>;
    const { CheckBootstrapVersion: _rule, ...rules } = cdkTemplate.Rules as Record<string, unknown>;
    expect(release.template.Parameters).toEqual(parameters);
    expect(release.template.Rules).toEqual(rules);
    expect(release.template.Conditions).toEqual(cdkTemplate.Conditions);
    expect(release.template.Outputs).toEqual(cdkTemplate.Outputs);
    const metadata = release.template.Metadata as Record<string, unknown>;
    expect(metadata['AWS::CloudFormation::Interface']).toEqual(
      (cdkTemplate.Metadata as Record<string, unknown>)['AWS::CloudFormation::Interface'],
    );
  });

  it('puts every parameter in exactly one console group, each with a label', () => {
    const metadata = release.template.Metadata as Record<string, Record<string, unknown>>;
    const form = metadata['AWS::CloudFormation::Interface'] as {
      ParameterGroups: Array<{ Parameters: string[] }>;
      ParameterLabels: Record<string, { default: string }>;
    };
    const grouped = form.ParameterGroups.flatMap((group) => group.Parameters);
    const names = Object.keys(release.template.Parameters as object);
    expect([...grouped].sort()).toEqual([...names].sort());
    expect(new Set(grouped).size).toBe(grouped.length);
    for (const name of names) expect(form.ParameterLabels[name]?.default, name).toBeTruthy();
  });

  it('has Serverless Application Repository metadata from package.json', () => {
    const pkg = JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'package.json'), 'utf8'));
    const application = (release.template.Metadata as Record<string, Record<string, unknown>>)[
      'AWS::ServerlessRepo::Application'
    ];
    expect(application).toMatchObject({
      Name: pkg.name,
      SemanticVersion: pkg.version,
      SpdxLicenseId: pkg.license,
      LicenseUrl: 'LICENSE',
      ReadmeUrl: 'README.md',
    });
    expect(existsSync(join(release.templatePath, '..', 'LICENSE'))).toBe(true);
  });

  it('gives byte-identical zips for the same commit', () => {
    const byName = (r: Release) =>
      Object.fromEntries(r.zips.map((zip) => [zip.name, readFileSync(zip.path)]));
    const first = byName(release);
    const second = byName(again);
    for (const name of FUNCTION_FOLDERS) expect(first[name].equals(second[name]), name).toBe(true);
  });

  it('refuses a version without a CHANGELOG.md entry', () => {
    expect(changelogEntry('# Changelog\n\n## [0.1.0]\n\nFirst.\n', '0.1.0')).toBe('First.');
    expect(changelogEntry('# Changelog\n\n## [0.1.0]\n\nFirst.\n', '0.2.0')).toBeUndefined();
    const pkg = JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'package.json'), 'utf8'));
    const changelog = readFileSync(join(import.meta.dirname, '..', '..', 'CHANGELOG.md'), 'utf8');
    expect(changelogEntry(changelog, pkg.version)).toBeTruthy();
  });

  it('loads every zipped handler under Node 22; sfInvokeAPI answers a sample event against the emulator', async () => {
    const emulator = await startSalesforceEmulator();
    const secrets = await startSecretsManagerStandIn(JSON.stringify(emulatorSecret(emulator)));
    const env = useSalesforceEmulator(emulator);
    const salesforce = Object.fromEntries(
      Object.entries(process.env).filter(([name]) => name.startsWith('SF_')),
    );
    env.restore();
    try {
      const results: Record<string, string> = {};
      for (const zip of release.zips) {
        const dir = mkdtempSync(join(tmpdir(), `zip-${zip.name}-`));
        for (const [name, bytes] of Object.entries(unzipSync(readFileSync(zip.path)))) {
          mkdirSync(join(dir, name, '..'), { recursive: true });
          writeFileSync(join(dir, name), bytes);
        }
        const event =
          zip.name === 'invoke-api'
            ? {
                Details: {
                  Parameters: { sf_operation: 'query', query: 'SELECT Id, Name FROM Account LIMIT 1' },
                },
              }
            : undefined;
        const script = `const m = await import(${JSON.stringify(pathToFileURL(join(dir, 'index.mjs')).href)});
if (typeof m.handler !== 'function') { console.error('no handler export'); process.exit(3); }
const event = ${JSON.stringify(event ?? null)};
if (event) { const answer = await m.handler(event, { functionName: 'sfInvokeAPI', awsRequestId: 'release-test', getRemainingTimeInMillis: () => 8000 }); console.log(JSON.stringify(answer)); }`;
        const { stdout } = await execFileAsync(
          node22(),
          ['--enable-source-maps', '--input-type=module', '-e', script],
          {
            env: {
              PATH: process.env.PATH,
              AWS_REGION: 'us-east-1',
              AWS_ACCESS_KEY_ID: 'test',
              AWS_SECRET_ACCESS_KEY: 'test',
              AWS_ENDPOINT_URL_SECRETS_MANAGER: secrets.url,
              POWERTOOLS_LOG_LEVEL: 'ERROR',
              POWERTOOLS_TRACE_ENABLED: 'false',
              POWERTOOLS_METRICS_DISABLED: 'true',
              POWERTOOLS_SERVICE_NAME: zip.name,
              ...salesforce,
            },
            timeout: 60_000,
          },
        ).catch((error: Error & { stderr?: string }) => ({
          stdout: `failed: ${error.stderr ?? error.message}`,
        }));
        results[zip.name] = event
          ? (stdout.trim().split('\n').at(-1) ?? '')
          : stdout.startsWith('failed')
            ? stdout
            : 'loaded';
      }
      const invoke = results['invoke-api'];
      expect(invoke, invoke).toMatch(/^\{/);
      expect(JSON.parse(invoke)).toMatchObject({ sf_count: 1, sf_records_0_Name: expect.any(String) });
      const others = Object.fromEntries(Object.entries(results).filter(([name]) => name !== 'invoke-api'));
      expect(others).toEqual(
        Object.fromEntries(FUNCTION_FOLDERS.filter((f) => f !== 'invoke-api').map((f) => [f, 'loaded'])),
      );
    } finally {
      await secrets.close();
      await emulator.stop();
    }
  });

  describe('--s3-bucket (s3rver)', () => {
    let s3: Awaited<ReturnType<typeof startLocalS3>>;
    beforeAll(async () => {
      s3 = await startLocalS3(['release-artifacts']);
    });
    afterAll(async () => {
      await s3.stop();
    });

    it('uploads every zip once under content-addressed keys the packaged template references, byte-identical', async () => {
      const first = await uploadRelease(release, {
        s3: s3.client,
        bucket: 'release-artifacts',
        prefix: 'csp/',
      });
      expect(first.uploaded).toHaveLength(release.zips.length + 2);
      const second = await uploadRelease(release, {
        s3: s3.client,
        bucket: 'release-artifacts',
        prefix: 'csp/',
      });
      expect(second.uploaded).toEqual([]);
      expect([...second.skipped].sort()).toEqual([...first.uploaded].sort());

      const packaged = JSON.parse(readFileSync(first.packagedTemplatePath, 'utf8'));
      const listed = await s3.client.send(
        new ListObjectsV2Command({ Bucket: 'release-artifacts', Prefix: 'csp/' }),
      );
      const keys = (listed.Contents ?? []).map((object) => object.Key);
      for (const zip of release.zips) {
        const code = packaged.Resources[zip.logicalId].Properties.Code;
        expect(code).toEqual({ S3Bucket: 'release-artifacts', S3Key: `csp/${zip.sha256}.zip` });
        expect(keys).toContain(code.S3Key);
        const object = await s3.client.send(
          new GetObjectCommand({ Bucket: 'release-artifacts', Key: code.S3Key }),
        );
        const body = Buffer.from(await (object.Body?.transformToByteArray() ?? new Uint8Array()));
        expect(body.equals(readFileSync(zip.path))).toBe(true);
      }
      expect(JSON.stringify(packaged)).not.toMatch(/functions\/[a-z-]+\.zip/);
      expect(packaged.Metadata['AWS::ServerlessRepo::Application'].LicenseUrl).toMatch(
        /^s3:\/\/release-artifacts\/csp\//,
      );
    });

    it('is a template cfn-lint finds no error in (the packaged one, as the console receives it)', async () => {
      const { packagedTemplatePath } = await uploadRelease(release, {
        s3: s3.client,
        bucket: 'release-artifacts',
      });
      const script = join(import.meta.dirname, '..', '..', '.ci', 'cfn-lint');
      const result = await execFileAsync('bash', [script, packagedTemplatePath], { timeout: 240_000 }).then(
        ({ stdout }) => ({ code: 0, output: stdout }),
        (error: Error & { code?: number; stdout?: string }) => ({
          code: error.code,
          output: error.stdout ?? '',
        }),
      );
      expect(result.output).not.toMatch(/^E\d{4}/m);
      expect(result.code, result.output).toBe(0);
    }, 300_000);
  });
});
