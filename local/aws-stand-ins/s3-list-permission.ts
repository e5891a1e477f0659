/**
 * Makes s3rver answer a missing object the way Amazon S3 does for a caller's permissions:
 * S3 says `404 NoSuchKey` only to a caller allowed `s3:ListBucket` on the bucket for that key
 * (a grant whose `s3:prefix` condition covers the key); anyone else gets `403 AccessDenied`, so
 * that reading cannot be used to learn which keys exist. s3rver always says NoSuchKey, which
 * would let local runs take a not-found path the deployed function never sees.
 *
 * The grants are the listing grants the stack gives the functions (infra/lib/object-reads.ts),
 * applied to the local bucket names.
 *
 * @example
 * ```ts
 * const s3rver = new S3rver({ port: 0, silent: true, directory });
 * answerMissingKeysAsS3(s3rver, [{ bucket: 'recordings', prefix: 'connect/' }]);
 * ```
 */
import { createRequire } from 'node:module';
import type S3rver from 's3rver';

/** `s3:ListBucket` on `bucket`, limited to keys starting with `prefix` ('' = the whole bucket). */
export interface ListGrant {
  readonly bucket: string;
  readonly prefix: string;
}

interface KoaContext {
  readonly method: string;
  readonly path: string;
}
type KoaMiddleware = (ctx: KoaContext, next: () => Promise<void>) => Promise<void>;

// s3rver's own error type renders the XML body and status S3 sends (CommonJS, no typings).
const S3Error = createRequire(import.meta.url)('s3rver/lib/models/error.js') as new (
  code: string,
  message: string,
  detail?: Record<string, string>,
) => Error;

/** The bucket and key of a path-style object request (`/bucket/key`), or undefined. */
export function objectOfPath(path: string): { bucket: string; key: string } | undefined {
  const match = /^\/([^/]+)\/(.+)$/.exec(path);
  if (!match) return undefined;
  return { bucket: decodeURIComponent(match[1]), key: decodeURIComponent(match[2]) };
}

/**
 * Whether `s3:ListBucket` grants cover `key` in `bucket` (which decides whether S3 answers a
 * missing key with 404 NoSuchKey or 403 AccessDenied).
 */
export function mayList(grants: readonly ListGrant[], bucket: string, key: string): boolean {
  return grants.some((grant) => grant.bucket === bucket && key.startsWith(grant.prefix));
}

/** Turns s3rver's NoSuchKey into 403 AccessDenied for keys no grant lets the caller list. */
export function answerMissingKeysAsS3(s3rver: S3rver, grants: readonly ListGrant[]): void {
  const middleware: KoaMiddleware = async (ctx, next) => {
    try {
      await next();
    } catch (error) {
      const object = objectOfPath(ctx.path);
      if (
        (error as { code?: string }).code === 'NoSuchKey' &&
        object &&
        !mayList(grants, object.bucket, object.key)
      ) {
        throw new S3Error('AccessDenied', 'Access Denied');
      }
      throw error;
    }
  };
  // First in the chain, so it sees the error before s3rver renders it.
  (s3rver as unknown as { middleware: KoaMiddleware[] }).middleware.unshift(middleware);
}
