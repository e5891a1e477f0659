/**
 * A release an admin deploys from the CloudFormation console, the AWS CLI or the Serverless
 * Application Repository, without CDK: the stack synthesized exactly as `npm run synth` does it
 * (same bundles, NODE_OPTIONS, cdk-nag), then
 *
 * - every function's code as a zip in `dist/` (entries sorted, fixed timestamps and modes, so the
 *   same commit gives byte-identical zips), referenced by local path (`functions/<name>.zip`,
 *   for `aws cloudformation package` / `sam package`) in `dist/template.json`;
 * - no CDK bootstrap: no bootstrap bucket, no `BootstrapVersion` parameter or rule;
 * - Serverless Application Repository metadata from package.json, LICENSE and README.md.
 *
 * @example
 * ```ts
 * const release = await buildRelease({ distDir: 'dist' });
 * release.zips; // [{ name: 'invoke-api', path: 'dist/functions/invoke-api.zip', sha256: '…' }]
 * ```
 */
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { zipSync } from 'fflate';
import { isObject } from '../../shared/values/is-object.js';
import { ConnectSalesforceStack } from '../lib/connect-salesforce-stack.js';
import { REPO_ROOT } from '../lib/paths.js';

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

export interface FunctionZip {
  /** The function folder under functions/. */
  readonly name: string;
  /** Absolute path of the zip. */
  readonly path: string;
  readonly sha256: string;
  /** The function's logical id in the template. */
  readonly logicalId: string;
}

export interface Release {
  readonly version: string;
  readonly templatePath: string;
  readonly template: JsonObject;
  readonly zips: readonly FunctionZip[];
}

export class ReleaseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'Release.Invalid';
  }
}

interface PackageJson {
  name: string;
  version: string;
  description: string;
  author?: string;
  license?: string;
  repository?: string | { url?: string };
  keywords?: string[];
}

function packageJson(): PackageJson {
  return JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as PackageJson;
}

/** The CHANGELOG.md entry of `version` (a `## [x.y.z]` or `## x.y.z` heading), or undefined. */
export function changelogEntry(changelog: string, version: string): string | undefined {
  const escaped = version.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const heading = new RegExp(`^## \\[?${escaped}\\]?(\\s|$)`, 'm');
  const match = heading.exec(changelog);
  if (!match) return undefined;
  const rest = changelog.slice(match.index + match[0].length);
  const next = rest.search(/^## /m);
  return (next === -1 ? rest : rest.slice(0, next)).trim();
}

// DOS timestamps are local time: a date built from local fields encodes the same in every zone.
const ZIP_TIME = new Date(1980, 0, 1, 0, 0, 0);

/** The files of `dir` as one zip: sorted paths, fixed timestamps and modes, same bytes every time. */
export function reproducibleZip(dir: string): Uint8Array {
  const files: Record<string, [Uint8Array, { mtime: Date; attrs: number; level: 9 }]> = {};
  const walk = (current: string): void => {
    for (const entry of readdirSync(current).sort()) {
      const path = join(current, entry);
      if (statSync(path).isDirectory()) walk(path);
      else
        files[relative(dir, path).split('\\').join('/')] = [
          readFileSync(path),
          // -rw-r--r-- regular file in the high 16 bits of the external attributes.
          { mtime: ZIP_TIME, attrs: 0o100644 << 16, level: 9 },
        ];
    }
  };
  walk(dir);
  return zipSync(files);
}

/** Serverless Application Repository metadata (`sam publish`), from package.json. */
export function serverlessRepoMetadata(pkg: PackageJson = packageJson()): JsonObject {
  const source = typeof pkg.repository === 'string' ? pkg.repository : pkg.repository?.url;
  return {
    Name: pkg.name,
    Description: pkg.description,
    Author: pkg.author ?? pkg.name,
    SpdxLicenseId: pkg.license ?? 'UNLICENSED',
    LicenseUrl: 'LICENSE',
    ReadmeUrl: 'README.md',
    Labels: pkg.keywords ?? [],
    SemanticVersion: pkg.version,
    ...(source
      ? {
          HomePageUrl: source.replace(/^git\+/, '').replace(/\.git$/, ''),
          SourceCodeUrl: source.replace(/^git\+/, '').replace(/\.git$/, ''),
        }
      : {}),
  };
}

/** Synthesizes the stack as `npm run synth` does; returns the cloud assembly directory. */
function synthesize(): string {
  const outdir = mkdtempSync(join(tmpdir(), 'release-synth-'));
  const app = new App({ outdir });
  new ConnectSalesforceStack(app, 'ConnectSalesforce');
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }));
  app.synth();
  return outdir;
}

export interface BuildOptions {
  /** Where the release goes (default `dist/` in the repository). */
  readonly distDir?: string;
  /** A synthesized cloud assembly to package instead of synthesizing (tests). */
  readonly assemblyDir?: string;
}

/** Builds `dist/template.json` and `dist/functions/*.zip`; refuses a version without a CHANGELOG entry. */
export function buildRelease(options: BuildOptions = {}): Release {
  const pkg = packageJson();
  const changelog = readFileSync(join(REPO_ROOT, 'CHANGELOG.md'), 'utf8');
  if (!changelogEntry(changelog, pkg.version)) {
    throw new ReleaseError(
      `CHANGELOG.md has no entry for version ${pkg.version} (package.json): add "## [${pkg.version}]"`,
    );
  }
  const assembly = options.assemblyDir ?? synthesize();
  const distDir = options.distDir ?? join(REPO_ROOT, 'dist');
  rmSync(distDir, { recursive: true, force: true });
  mkdirSync(join(distDir, 'functions'), { recursive: true });

  const template = JSON.parse(
    readFileSync(join(assembly, 'ConnectSalesforce.template.json'), 'utf8'),
  ) as JsonObject;
  const parameters = template.Parameters as JsonObject;
  delete parameters.BootstrapVersion;
  const rules = template.Rules as JsonObject | undefined;
  if (rules) delete rules.CheckBootstrapVersion;

  const zips: FunctionZip[] = [];
  for (const [logicalId, resource] of Object.entries(template.Resources as JsonObject)) {
    if (!isObject(resource) || !isObject(resource.Properties)) continue;
    const properties = resource.Properties;
    const code = properties.Code;
    // A CDK file asset: the bootstrap bucket and `<asset hash>.zip`, staged as asset.<hash>/.
    if (!isObject(code) || !JSON.stringify(code.S3Bucket ?? '').includes('cdk-hnb659fds')) continue;
    if (resource.Type !== 'AWS::Lambda::Function') {
      throw new ReleaseError(
        `${logicalId} (${String(resource.Type)}) has a CDK asset the release cannot package`,
      );
    }
    const assetPath = `asset.${String(code.S3Key).replace(/\.zip$/, '')}`;
    const variables = (properties.Environment as JsonObject | undefined)?.Variables as JsonObject | undefined;
    const name = String(variables?.POWERTOOLS_SERVICE_NAME ?? logicalId);
    const bytes = reproducibleZip(join(assembly, assetPath));
    const path = join(distDir, 'functions', `${name}.zip`);
    writeFileSync(path, bytes);
    zips.push({ name, path, logicalId, sha256: createHash('sha256').update(bytes).digest('hex') });
    properties.Code = `functions/${name}.zip`;
    // CDK's asset metadata (when the CLI adds it) points into a cloud assembly the release does not ship.
    if (isObject(resource.Metadata)) {
      for (const key of Object.keys(resource.Metadata))
        if (key.startsWith('aws:asset:')) delete resource.Metadata[key];
    }
  }
  const text = JSON.stringify(template);
  if (/cdk-hnb659fds|BootstrapVersion/.test(text)) {
    throw new ReleaseError('the template still refers to the CDK bootstrap (bucket, parameter or rule)');
  }
  template.Metadata = {
    ...(template.Metadata as JsonObject),
    'AWS::ServerlessRepo::Application': serverlessRepoMetadata(pkg),
  };
  const templatePath = join(distDir, 'template.json');
  writeFileSync(templatePath, `${JSON.stringify(template, null, 1)}\n`);
  writeFileSync(join(distDir, 'README.md'), readFileSync(join(REPO_ROOT, 'README.md')));
  writeFileSync(join(distDir, 'LICENSE'), readFileSync(join(REPO_ROOT, 'LICENSE')));
  if (!options.assemblyDir) rmSync(assembly, { recursive: true, force: true });
  return { version: pkg.version, templatePath, template, zips };
}
