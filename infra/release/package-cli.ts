/**
 * `npm run package [-- --s3-bucket B [--s3-prefix P] [--region R] [--endpoint-url URL] [--json]]`:
 * builds the release into dist/ (template.json + functions/*.zip), and with --s3-bucket uploads
 * the zips under content-addressed keys and writes dist/packaged.template.json.
 * Exit codes: 0 done, 1 failure, 2 usage error.
 */
import { relative } from 'node:path';
import { parseArgs } from 'node:util';
import { S3Client } from '@aws-sdk/client-s3';
import { type CliIo, commandFailed, consoleIo } from '../../ops/cli/cli-io.js';
import { UsageError } from '../../ops/cli/errors.js';
import { REPO_ROOT } from '../lib/paths.js';
import { buildRelease } from './release.js';
import { uploadRelease } from './upload.js';

const USAGE = `Usage: npm run package [-- --s3-bucket BUCKET [--s3-prefix PREFIX] [--region REGION] [--endpoint-url URL]] [--json]

Builds a release that deploys without CDK into dist/:
  dist/template.json          the stack's template, function code as local zip paths
                              (for aws cloudformation package / sam package)
  dist/functions/<name>.zip   one reproducible zip per function
With --s3-bucket, uploads each zip once (content-addressed keys, skipped when already there) and
writes dist/packaged.template.json for the console's "Upload a template file" or
aws cloudformation deploy.`;

export async function main(argv: string[], io: CliIo = consoleIo): Promise<number> {
  try {
    const { values } = parseArgs({
      args: argv,
      options: {
        's3-bucket': { type: 'string' },
        's3-prefix': { type: 'string' },
        region: { type: 'string' },
        'endpoint-url': { type: 'string' },
        json: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
    });
    if (values.help) {
      io.out(USAGE);
      return 0;
    }
    const bucket = values['s3-bucket'];
    if (!bucket && (values['s3-prefix'] || values.region || values['endpoint-url'])) {
      throw new UsageError('--s3-prefix, --region and --endpoint-url need --s3-bucket');
    }
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
      const s3 = new S3Client({
        region: values.region ?? process.env.AWS_REGION ?? 'us-east-1',
        ...(values['endpoint-url'] ? { endpoint: values['endpoint-url'], forcePathStyle: true } : {}),
      });
      const prefix = values['s3-prefix'] ?? '';
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
    if (values.json) io.out(JSON.stringify(summary));
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
  } catch (error) {
    if (error instanceof Error && /^Unknown option|^Option/.test(error.message)) io.err(USAGE);
    return commandFailed('package', error, io);
  }
}
