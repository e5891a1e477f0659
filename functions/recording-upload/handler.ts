/**
 * Lambda behind the state machine's "Upload recording to Salesforce" task (RecordingUploadEnabled):
 * a thin middy composition around {@link RecordingUploader}.
 */
import { S3Client } from '@aws-sdk/client-s3';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { createLogger } from '../../shared/logging/logger.js';
import { FunctionObservability } from '../../shared/observability/function-observability.js';
import { getSalesforceClientUsing, nodeHttpTransport } from '../../shared/salesforce/index.js';
import { parseRecordingUploadEvent } from './parse-event.js';
import { RecordingUploader } from './recording-upload.js';
import type { RecordingUploadResult } from './types.js';

const logger = createLogger('recording-upload');
const observability = new FunctionObservability('recording-upload');
/** One S3 client per container (rebuilt only if the endpoint setting changes: local runs start several s3rvers). */
let s3: { client: S3Client; endpoint: string | undefined } | undefined;

function s3Client(): S3Client {
  const endpoint = process.env.AWS_ENDPOINT_URL_S3;
  if (s3 === undefined || s3.endpoint !== endpoint) {
    s3?.client.destroy();
    s3 = { client: observability.awsClient(new S3Client({})), endpoint };
  }
  return s3.client;
}

export async function uploadRecording(event: unknown): Promise<RecordingUploadResult> {
  const parsed = parseRecordingUploadEvent(event);
  logger.appendKeys({ contactId: parsed.contactId });
  observability.annotateContact(parsed.contactId);
  try {
    // node:http, not undici: this function makes two calls and streams one large body; leaving
    // undici out of the bundle keeps its code and WebAssembly parser out of memory (bench: pipeline).
    const salesforce = getSalesforceClientUsing(nodeHttpTransport());
    return await new RecordingUploader(salesforce, s3Client(), logger).upload(parsed);
  } finally {
    logger.removeKeys(['contactId']);
  }
}

export const handler = observability.handler(uploadRecording).use(injectLambdaContext(logger));
