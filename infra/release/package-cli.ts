/**
 * `npm run package [-- --s3-bucket B [--s3-prefix P] [--region R] [--endpoint-url URL]] [--json]`:
 * builds the release into dist/ (template.json + functions/*.zip), and with --s3-bucket uploads
 * the zips under content-addressed keys and writes dist/packaged.template.json.
 * Exit codes: 0 done, 1 failure, 2 usage error (before anything is built).
 *
 * @example
 * ```ts
 * process.exitCode = await main(['--s3-bucket', 'my-artifacts', '--json']);
 * ```
 */
import { relative } from 'node:path';
import { InvalidArgumentError } from '@commander-js/extra-typings';
import { UsageError } from '../../ops/cli/errors.js';
import { type CommandStreams, createProgram, processStreams, runProgram } from '../../ops/cli/program.js';
import { REPO_ROOT } from '../lib/paths.js';

const DESCRIPTION =
  "Builds a release that deploys without CDK into dist/: dist/template.json (the stack's template, function " +
  'code as local zip paths, for aws cloudformation package or sam package) and dist/functions/<name>.zip (one ' +
  'reproducible zip per function). With --s3-bucket, also uploads each zip once (content-addressed keys, ' +
  'skipped when already there) and writes dist/packaged.template.json for the console\'s "Upload a template ' +
  'file" or aws cloudformation deploy.';

/**
 * A bucket name, not a URL: 3 to 255 letters, digits, dots, hyphens and underscores (buckets made
 * in us-east-1 before 2018 may have upper case and underscores; S3 itself answers for the rest).
 */
export function parseBucketName(value: string): string {
  if (value.startsWith('s3://'))
    throw new InvalidArgumentError('give the bucket name alone (the key prefix goes in --s3-prefix)');
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]{1,253}[A-Za-z0-9]$/.test(value))
    throw new InvalidArgumentError('not an S3 bucket name (letters, digits, dots and hyphens)');
  return value;
}

/** An AWS Region code such as us-east-1 or ap-southeast-2. */
export function parseRegion(value: string): string {
  if (!/^[a-z]{2}(-[a-z]+)+-\d{1,2}$/.test(value))
    throw new InvalidArgumentError('not an AWS Region code such as us-east-1');
  return value;
}

/** An http(s) URL, e.g. a local S3 at http://127.0.0.1:4566. */
export function parseEndpointUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new InvalidArgumentError('not a URL; e.g. http://127.0.0.1:4566');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new InvalidArgumentError('not an http or https URL; e.g. http://127.0.0.1:4566');
  return value;
}

function packageProgram() {
  return createProgram({
    name: 'package',
    description: DESCRIPTION,
    examples: [
      { command: 'npm run package', description: 'dist/template.json and dist/functions/*.zip' },
      {
        command:
          'npm run package -- --s3-bucket my-artifacts --s3-prefix connect-salesforce/ --region eu-west-2',
        description: 'and the zips in S3, dist/packaged.template.json referencing them',
      },
    ],
    exitOne: 'the build or the upload failed',
  })
    .option('--s3-bucket <bucket>', 'upload the function zips to this bucket', parseBucketName)
    .option('--s3-prefix <prefix>', 'key prefix in the bucket (a / is added)')
    .option('--region <region>', "the bucket's Region (default: AWS_REGION, else us-east-1)", parseRegion)
    .option(
      '--endpoint-url <url>',
      'an S3-compatible endpoint instead of AWS (path-style addressing)',
      parseEndpointUrl,
    )
    .option('--json', 'one JSON object: version, template, zips (name, path, sha256), and what was uploaded');
}

export async function main(argv: string[], streams: CommandStreams = processStreams): Promise<number> {
  return runProgram(
    packageProgram(),
    argv,
    async (options, io) => {
      const bucket = options.s3Bucket;
      if (!bucket && (options.s3Prefix !== undefined || options.region || options.endpointUrl)) {
        throw new UsageError('--s3-prefix, --region and --endpoint-url need --s3-bucket');
      }
      // The build (CDK synth) loads only now, so --help and usage errors answer at once.
      const { buildRelease } = await import('./release.js');
      const release = buildRelease();
      const summary: Record<string, unknown> = {
        version: release.version,
        template: relative(REPO_ROOT, release.templatePath),
        zips: release.zips.map((zip) => ({
          name: zip.name,
          path: relative(REPO_ROOT, zip.path),
          sha256: zip.sha256,
        })),
      };
      if (bucket) {
        const [{ S3Client }, { uploadRelease }] = await Promise.all([
          import('@aws-sdk/client-s3'),
          import('./upload.js'),
        ]);
        const s3 = new S3Client({
          region: options.region ?? process.env.AWS_REGION ?? 'us-east-1',
          ...(options.endpointUrl ? { endpoint: options.endpointUrl, forcePathStyle: true } : {}),
        });
        const prefix = options.s3Prefix ?? '';
        const result = await uploadRelease(release, {
          s3,
          bucket,
          prefix: prefix && !prefix.endsWith('/') ? `${prefix}/` : prefix,
        });
        s3.destroy();
        Object.assign(summary, {
          packagedTemplate: relative(REPO_ROOT, result.packagedTemplatePath),
          uploaded: result.uploaded,
          skipped: result.skipped,
        });
      }
      if (options.json) io.out(JSON.stringify(summary));
      else {
        io.out(
          `release ${release.version}: ${summary.template}, ${release.zips.length} function zips in dist/functions/`,
        );
        if (bucket) {
          io.out(
            `s3://${bucket}: ${(summary.uploaded as string[]).length} uploaded, ${(summary.skipped as string[]).length} already there; ${summary.packagedTemplate}`,
          );
        }
      }
      return 0;
    },
    streams,
  );
}
