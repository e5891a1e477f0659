/**
 * Read grants for S3 objects a function may find missing: `s3:GetObject` on the key prefixes it
 * reads, and `s3:ListBucket` on the bucket with an `s3:prefix` condition on exactly those
 * prefixes. Without ListBucket, S3 answers a missing key with 403 AccessDenied instead of 404
 * NoSuchKey (so that reads cannot reveal which keys exist); the functions treat NoSuchKey as
 * "not there yet" (retried) and AccessDenied as a configuration error (not retried), so the
 * listing grant is what makes a late recording or transcript retriable on AWS. S3 evaluates the
 * listing grant for the requested key, so a prefix-limited grant is enough.
 *
 * @example
 * ```ts
 * grantObjectReads(this, 'ReadTranscripts', {
 *   role: fn.role, condition: c.transcriptionResources, bucket: bucketName, prefixes: ['transcripts/'],
 *   reason: 'transcript keys are chosen per job at runtime',
 * });
 * ```
 */
import { Aws, type CfnCondition, Fn } from 'aws-cdk-lib';
import { type IRole, Policy, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { Construct } from 'constructs';
import { acknowledgeWildcards } from './acknowledge.js';
import { conditionalPolicy } from './conditional.js';

/** Where Amazon Connect writes call recordings unless the instance's storage settings say otherwise. */
export const DEFAULT_RECORDING_KEY_PREFIX = 'connect/';
/** Where Contact Lens writes its analyses (and redacted recordings) in the recording bucket. */
export const CONTACT_LENS_KEY_PREFIX = 'Analysis/';

/**
 * One conditional read grant: who reads which key prefixes of which bucket, and why the keys cannot
 * be named more narrowly.
 */
export interface ObjectReadGrant {
  readonly role: IRole;
  /** The grant exists only when this holds (the feature is on and the bucket is named); always when omitted. */
  readonly condition?: CfnCondition;
  /** Bucket name (a parameter token). */
  readonly bucket: string;
  /** Key prefixes read (tokens or literals); '' would mean the whole bucket. */
  readonly prefixes: readonly string[];
  /** Why the object keys cannot be named more narrowly (cdk-nag acknowledgement). */
  readonly reason: string;
}

/** The ARN of a bucket given by name (a parameter token works), in the stack's partition. */
export function bucketArn(bucket: string): string {
  return Fn.join('', ['arn:', Aws.PARTITION, ':s3:::', bucket]);
}

/**
 * The ARN of every object under `prefix` in `bucket`, in the stack's partition.
 *
 * @example
 * ```ts
 * objectsArn(bucketName, 'transcripts/'); // arn:<partition>:s3:::<bucket>/transcripts/*
 * ```
 */
export function objectsArn(bucket: string, prefix: string): string {
  return Fn.join('', ['arn:', Aws.PARTITION, ':s3:::', bucket, '/', prefix, '*']);
}

/** GetObject on the prefixes plus ListBucket limited to them, both same-account, as one conditional policy. */
export function grantObjectReads(scope: Construct, id: string, grant: ObjectReadGrant): Policy {
  const objects = grant.prefixes.map((prefix) => objectsArn(grant.bucket, prefix));
  const read = new PolicyStatement({ sid: `${id}Objects`, actions: ['s3:GetObject'], resources: objects });
  read.addCondition('StringEquals', { 's3:ResourceAccount': Aws.ACCOUNT_ID });
  const list = new PolicyStatement({
    sid: `${id}Listing`,
    actions: ['s3:ListBucket'],
    resources: [bucketArn(grant.bucket)],
  });
  list.addCondition('StringLike', {
    's3:prefix': grant.prefixes.map((prefix) => Fn.join('', [prefix, '*'])),
  });
  list.addCondition('StringEquals', { 's3:ResourceAccount': Aws.ACCOUNT_ID });
  const policy =
    grant.condition === undefined
      ? new Policy(scope, id, { statements: [read, list], roles: [grant.role] })
      : conditionalPolicy(scope, id, grant.condition, grant.role, [read, list]);
  acknowledgeWildcards(policy, objects, grant.reason);
  return policy;
}

/**
 * kms:Decrypt on a bucket's key, only for S3 acting on the caller's behalf in this region
 * (reading SSE-KMS objects), never for direct use of the key.
 */
export function bucketKeyStatement(
  sid: string,
  keyArn: string,
  actions: string[] = ['kms:Decrypt'],
): PolicyStatement {
  const statement = new PolicyStatement({ sid, actions, resources: [keyArn] });
  statement.addCondition('StringEquals', { 'kms:ViaService': `s3.${Aws.REGION}.amazonaws.com` });
  return statement;
}
