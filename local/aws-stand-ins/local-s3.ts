/**
 * s3rver on a free loopback port in a fresh directory, with an S3 client configured the way
 * s3rver needs it (path style, checksums only when required: it rejects the SDK's default ones).
 *
 * @example
 * ```ts
 * const s3 = await startLocalS3(['connect-reports']);
 * await s3.put('connect-reports', 'SFDC/Queue/report.csv', csv);
 * await s3.stop();
 * ```
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import S3rver from 's3rver';
import { answerMissingKeysAsS3, type ListGrant } from './s3-list-permission.js';

/** A running local S3 (s3rver) with its client. */
export interface LocalS3 {
  client: S3Client;
  put(bucket: string, key: string, body: string | Buffer): Promise<void>;
  stop(): Promise<void>;
}

/** How the local S3 answers. */
export interface LocalS3Options {
  /**
   * The caller's `s3:ListBucket` grants: a missing key outside them answers 403 AccessDenied, as
   * Amazon S3 does. Omitted: every missing key is NoSuchKey (s3rver's own answer).
   */
  listGrants?: readonly ListGrant[];
}

/**
 * Starts s3rver on a free port of 127.0.0.1 with `buckets` created, in a temporary directory.
 *
 * @example
 * ```ts
 * const s3 = await startLocalS3(['recordings'], { listGrants: [{ bucket: 'recordings', prefix: 'connect/' }] });
 * await s3.put('recordings', 'connect/call.wav', wav);
 * ```
 */
export async function startLocalS3(buckets: string[], options: LocalS3Options = {}): Promise<LocalS3> {
  const directory = mkdtempSync(join(tmpdir(), 's3rver-reports-'));
  const server = new S3rver({
    address: '127.0.0.1',
    port: 0,
    silent: true,
    directory,
    configureBuckets: buckets.map((name) => ({ name, configs: [] })),
  });
  if (options.listGrants !== undefined) answerMissingKeysAsS3(server, options.listGrants);
  const { port } = await server.run();
  const client = new S3Client({
    region: 'us-east-1',
    endpoint: `http://127.0.0.1:${port}`,
    forcePathStyle: true,
    credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
  return {
    client,
    async put(bucket, key, body) {
      await client.send(
        new PutObjectCommand({ Bucket: bucket, Key: key, Body: body, ContentType: 'text/csv' }),
      );
    },
    async stop() {
      client.destroy();
      await server.close();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}
