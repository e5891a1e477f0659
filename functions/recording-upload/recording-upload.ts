import type { Readable } from 'node:stream';
import type { Logger } from '@aws-lambda-powertools/logger';
import { GetObjectCommand, NoSuchKey, type S3Client, S3ServiceException } from '@aws-sdk/client-s3';
import { logFailure } from '../../shared/logging/error-summary.js';
import { soql } from '../../shared/salesforce/soql.js';
import type { SalesforceApi } from '../../shared/salesforce/types.js';
import { RecordingNotFoundError, RecordingReadError } from './errors.js';
import { parseRecordingLocation } from './recording-location.js';
import type { RecordingUploadEvent, RecordingUploadResult } from './types.js';

const CONTENT_TYPES: Record<string, string> = { wav: 'audio/wav', mp3: 'audio/mpeg', ogg: 'audio/ogg' };

/** Failures the state machine retries: a warning each, not an error (a late recording is routine). */
const RETRIED = new Set([
  'Recording.NotFound',
  'Recording.Transient',
  'Salesforce.Transient',
  'Salesforce.RateLimited',
]);

/**
 * Uploads a contact's recording to Salesforce as a ContentVersion linked to its analytics record
 * (RecordingUploadEnabled). The audio is streamed from S3 straight into the multipart request, so
 * an hour-long recording (over 100 MB) never sits in memory. Safe to run twice: a version already
 * published to that record under the same file name is found first and not uploaded again.
 *
 * @example
 * ```ts
 * const uploader = new RecordingUploader(getSalesforceClient(), new S3Client({}));
 * const { status, contentVersionId } = await uploader.upload({ contactId, analyticsRecordId, recordingLocation });
 * ```
 */
export class RecordingUploader {
  constructor(
    private readonly api: SalesforceApi,
    private readonly s3: S3Client,
    private readonly logger?: Logger,
  ) {}

  async upload(event: RecordingUploadEvent): Promise<RecordingUploadResult> {
    try {
      return await this.#upload(event);
    } catch (error) {
      // Name, status and Salesforce codes only: the messages quote file names and field values.
      const level = error instanceof Error && RETRIED.has(error.name) ? 'warn' : 'error';
      logFailure(this.logger, level, 'recording upload failed', error, { contactId: event.contactId });
      throw error;
    }
  }

  async #upload(event: RecordingUploadEvent): Promise<RecordingUploadResult> {
    const { contactId, analyticsRecordId, recordingLocation } = event;
    const { bucket, key, fileName } = parseRecordingLocation(recordingLocation);

    const existing = await this.api.query<{ Id: string }>(
      soql`SELECT Id FROM ContentVersion WHERE FirstPublishLocationId = ${analyticsRecordId} AND PathOnClient = ${fileName} LIMIT 1`,
    );
    const found = existing.records[0]?.Id;
    if (found) {
      this.logger?.info('recording already uploaded', { contactId, contentVersionId: found });
      return { status: 'alreadyUploaded', contentVersionId: found };
    }

    const body = await this.#open(bucket, key, recordingLocation);
    try {
      const extension = fileName.includes('.')
        ? fileName.slice(fileName.lastIndexOf('.') + 1).toLowerCase()
        : '';
      const { id } = await this.api.uploadContentVersion({
        title: `Call recording ${contactId}`,
        pathOnClient: fileName,
        firstPublishLocationId: analyticsRecordId,
        description: `Amazon Connect recording of contact ${contactId}`,
        body,
        contentType: CONTENT_TYPES[extension] ?? 'application/octet-stream',
      });
      this.logger?.info('recording uploaded', { contactId, contentVersionId: id });
      return { status: 'uploaded', contentVersionId: id };
    } finally {
      // An upload that failed part-way leaves the S3 stream open: release the socket.
      if (!body.destroyed) body.destroy();
    }
  }

  async #open(bucket: string, key: string, location: string): Promise<Readable> {
    try {
      const object = await this.s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
      if (!object.Body) throw new RecordingReadError(`S3 returned no body for ${location}`);
      return object.Body as Readable;
    } catch (error) {
      if (error instanceof RecordingReadError) throw error;
      if (
        error instanceof NoSuchKey ||
        (error instanceof S3ServiceException && error.name === 'NoSuchBucket')
      ) {
        throw new RecordingNotFoundError(location, { cause: error });
      }
      const status = error instanceof S3ServiceException ? error.$metadata.httpStatusCode : undefined;
      if (
        status !== undefined &&
        status < 500 &&
        status !== 429 &&
        !(error instanceof S3ServiceException && /Throttl|SlowDown/.test(error.name))
      ) {
        // AccessDenied and the like: a configuration problem, not worth retrying.
        throw error;
      }
      throw new RecordingReadError(`cannot read ${location} from S3: ${(error as Error).message}`, {
        cause: error,
      });
    }
  }
}
