/**
 * Lambda behind the state machine's "Upload recording to Salesforce" task (RecordingUploadEnabled):
 * a thin middy composition around {@link RecordingUploader}.
 */
import { S3Client } from '@aws-sdk/client-s3';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import { createLogger } from '../../shared/logging/logger.js';
import { getSalesforceClient } from '../../shared/salesforce/index.js';
import { parseRecordingUploadEvent } from './parse-event.js';
import { RecordingUploader } from './recording-upload.js';
import type { RecordingUploadResult } from './types.js';

const logger = createLogger('recording-upload');
let s3: S3Client | undefined;

export async function uploadRecording(event: unknown): Promise<RecordingUploadResult> {
  const parsed = parseRecordingUploadEvent(event);
  s3 ??= new S3Client({});
  logger.appendKeys({ contactId: parsed.contactId });
  try {
    return await new RecordingUploader(getSalesforceClient(), s3, logger).upload(parsed);
  } finally {
    logger.removeKeys(['contactId']);
  }
}

export const handler = middy(uploadRecording).use(injectLambdaContext(logger));
