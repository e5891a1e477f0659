/**
 * Answers the state machine's `aws-sdk:s3:listObjectsV2` task from a real (local) S3: s3rver.
 * Returns what the Step Functions SDK integration returns: the API fields, timestamps as strings,
 * `KeyCount` always present.
 *
 * @example
 * ```ts
 * const handlers = { 'arn:aws:states:::aws-sdk:s3:listObjectsV2': s3ListHandler(localS3) };
 * ```
 */
import { ListObjectsV2Command, type ListObjectsV2CommandInput, type S3Client } from '@aws-sdk/client-s3';

export function s3ListHandler(s3: Pick<S3Client, 'send'>): (input: unknown) => Promise<unknown> {
  return async (input) => {
    const { $metadata: _metadata, ...output } = await s3.send(
      new ListObjectsV2Command(input as ListObjectsV2CommandInput),
    );
    const contents = (output.Contents ?? []).map((entry) => ({
      ...entry,
      LastModified: entry.LastModified?.toISOString(),
    }));
    return {
      ...output,
      KeyCount: output.KeyCount ?? contents.length,
      ...(contents.length > 0 ? { Contents: contents } : { Contents: undefined }),
    };
  };
}
