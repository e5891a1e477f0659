/**
 * Uploads a release's zips (and the LICENSE and README the Serverless Application Repository
 * shows) to S3 under content-addressed keys (`<prefix><sha256>.<ext>`): an object already there
 * has these exact bytes, so it is skipped, and a second run uploads nothing. Writes
 * `packaged.template.json` referencing exactly the uploaded keys, ready for the console's
 * "Upload a template file", `aws cloudformation deploy` or `sam publish`.
 *
 * @example
 * ```ts
 * const result = await uploadRelease(release, { s3: new S3Client({}), bucket: 'my-artifacts', prefix: 'connect-salesforce/' });
 * result.uploaded; // keys put this time
 * ```
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { HeadObjectCommand, PutObjectCommand, type S3Client, S3ServiceException } from '@aws-sdk/client-s3';
import type { Release } from './release.js';

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

export interface UploadOptions {
  readonly s3: Pick<S3Client, 'send'>;
  readonly bucket: string;
  /** Key prefix, e.g. `connect-salesforce/` ('' for the bucket root). */
  readonly prefix?: string;
}

export interface UploadResult {
  readonly packagedTemplatePath: string;
  /** Keys put by this run. */
  readonly uploaded: string[];
  /** Keys already there (same content, same key). */
  readonly skipped: string[];
}

async function exists(s3: Pick<S3Client, 'send'>, bucket: string, key: string): Promise<boolean> {
  try {
    await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
    return true;
  } catch (error) {
    // Not there (404), or not listable (403 without s3:ListBucket): put it; the bytes are the key's.
    const status = error instanceof S3ServiceException ? error.$metadata.httpStatusCode : undefined;
    if (status === 404 || status === 403) return false;
    throw error;
  }
}

export async function uploadRelease(release: Release, options: UploadOptions): Promise<UploadResult> {
  const prefix = options.prefix ?? '';
  const uploaded: string[] = [];
  const skipped: string[] = [];
  const put = async (body: Uint8Array, extension: string, contentType: string): Promise<string> => {
    const key = `${prefix}${createHash('sha256').update(body).digest('hex')}.${extension}`;
    if (await exists(options.s3, options.bucket, key)) {
      skipped.push(key);
    } else {
      await options.s3.send(
        new PutObjectCommand({ Bucket: options.bucket, Key: key, Body: body, ContentType: contentType }),
      );
      uploaded.push(key);
    }
    return key;
  };

  const template = JSON.parse(JSON.stringify(release.template)) as JsonObject;
  const resources = template.Resources as JsonObject;
  for (const zip of release.zips) {
    const key = await put(readFileSync(zip.path), 'zip', 'application/zip');
    const properties = (resources[zip.logicalId] as JsonObject).Properties as JsonObject;
    properties.Code = { S3Bucket: options.bucket, S3Key: key };
  }
  const metadata = template.Metadata as JsonObject;
  const application = metadata['AWS::ServerlessRepo::Application'] as JsonObject | undefined;
  if (application) {
    const distDir = dirname(release.templatePath);
    for (const [field, file, contentType] of [
      ['LicenseUrl', 'LICENSE', 'text/plain'],
      ['ReadmeUrl', 'README.md', 'text/markdown'],
    ] as const) {
      const key = await put(
        readFileSync(join(distDir, file)),
        file === 'LICENSE' ? 'txt' : 'md',
        contentType,
      );
      application[field] = `s3://${options.bucket}/${key}`;
    }
  }
  const packagedTemplatePath = join(dirname(release.templatePath), 'packaged.template.json');
  writeFileSync(packagedTemplatePath, `${JSON.stringify(template, null, 1)}\n`);
  return { packagedTemplatePath, uploaded, skipped };
}
