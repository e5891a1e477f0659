/**
 * The stack's payload bucket: where payloads too large to travel inline are kept and passed by
 * key (shared/payloads). Two prefixes, each with its own writer, reader and lifetime:
 *
 * - `execution-input/`: the CTR of a contact whose execution input would exceed Step Functions'
 *   256 KiB. The trigger writes it; contact-import reads it. Kept {@link EXECUTION_INPUT_RETENTION_DAYS}
 *   days: longer than an execution can run (96 h) plus the 14 days Step Functions allows a redrive
 *   after it stopped, with margin for a redrive CLI restart of a recent failure.
 * - `dead-letters/`: the data of a dead-lettered record over SQS's 256 KiB message limit. The
 *   trigger writes it; the operator's `npm run replay-dlq` reads it. Kept {@link DEAD_LETTER_RETENTION_DAYS}
 *   days: longer than the dead-letter queue keeps the message that names it (14 days).
 *
 * A bucket of its own rather than a prefix of a customer bucket: the recording, transcript and
 * report buckets belong to the customer (their names are parameters, their policies and key
 * management are not ours), while this data is the stack's own, derived and short-lived. Encrypted
 * with S3-managed keys, public access blocked, TLS enforced, ACLs disabled. Kept on uninstall
 * (a non-empty bucket would fail the stack's deletion); its objects still expire on their own.
 *
 * @example
 * ```ts
 * const payloads = new ContactPayloadBucket(this, 'ContactPayloads', { ctrTrigger, contactImport });
 * payloads.bucket.bucketName;
 * ```
 */
import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import {
  CONTACT_PAYLOAD_BUCKET_ENV,
  DEAD_LETTER_PREFIX,
  EXECUTION_INPUT_PREFIX,
} from '../../shared/payloads/payload-keys.js';
import { acknowledgeWildcards } from './acknowledge.js';
import { grantObjectReads, objectsArn } from './object-reads.js';
import type { PipelineFunction } from './pipeline-function.js';

/** Lifetime of a stored execution CTR: 96 h execution timeout + 14 days of redrive, and margin. */
export const EXECUTION_INPUT_RETENTION_DAYS = 30;
/** Lifetime of stored dead-letter data: the queue's 14-day retention, and margin. */
export const DEAD_LETTER_RETENTION_DAYS = 30;

/** The functions that write and read stored payloads (each gets exactly its own prefix). */
export interface ContactPayloadBucketProps {
  readonly ctrTrigger: PipelineFunction;
  readonly contactImport: PipelineFunction;
}

/**
 * The stack's own payload bucket (S3-managed encryption, public access blocked, TLS only, kept on
 * uninstall) with one expiring prefix for large execution inputs and one for large dead letters.
 *
 * @example
 * ```ts
 * const payloads = new ContactPayloadBucket(this, 'ContactPayloads', { ctrTrigger, contactImport });
 * ```
 */
export class ContactPayloadBucket extends Construct {
  readonly bucket: Bucket;

  constructor(scope: Construct, id: string, props: ContactPayloadBucketProps) {
    super(scope, id);
    this.bucket = new Bucket(this, 'Bucket', {
      encryption: BucketEncryption.S3_MANAGED,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      removalPolicy: RemovalPolicy.RETAIN,
      lifecycleRules: [
        {
          id: 'ExpireExecutionInputs',
          prefix: EXECUTION_INPUT_PREFIX,
          expiration: Duration.days(EXECUTION_INPUT_RETENTION_DAYS),
          abortIncompleteMultipartUploadAfter: Duration.days(1),
        },
        {
          id: 'ExpireDeadLetterData',
          prefix: DEAD_LETTER_PREFIX,
          expiration: Duration.days(DEAD_LETTER_RETENTION_DAYS),
          abortIncompleteMultipartUploadAfter: Duration.days(1),
        },
      ],
    });
    Validations.of(this.bucket).acknowledge({
      id: 'AwsSolutions-S1',
      reason:
        'Short-lived payloads written and read only by the stack roles; access is in CloudTrail (enable S3 data events to audit reads). Server access logs would need a second bucket for little gain.',
    });

    const { ctrTrigger, contactImport } = props;
    const bucketName = this.bucket.bucketName;
    ctrTrigger.function.addEnvironment(CONTACT_PAYLOAD_BUCKET_ENV, bucketName);
    const writes = [
      objectsArn(bucketName, EXECUTION_INPUT_PREFIX),
      objectsArn(bucketName, DEAD_LETTER_PREFIX),
    ];
    ctrTrigger.role.addToPrincipalPolicy(
      new PolicyStatement({ sid: 'StoreLargePayloads', actions: ['s3:PutObject'], resources: writes }),
    );
    acknowledgeWildcards(
      ctrTrigger.role,
      writes,
      'Payload keys carry the ContactId and a content hash, known only at runtime; limited to the two prefixes of the stack-owned payload bucket.',
    );
    grantObjectReads(this, 'ReadExecutionInputs', {
      role: contactImport.role,
      bucket: bucketName,
      prefixes: [EXECUTION_INPUT_PREFIX],
      reason:
        'Stored execution CTRs are keyed by ContactId and content hash at runtime; limited to the execution-input prefix of the stack-owned payload bucket.',
    });
  }
}
