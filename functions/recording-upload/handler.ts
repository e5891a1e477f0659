/**
 * Lambda behind the state machine's "Upload recording to Salesforce" task (RecordingUploadEnabled):
 * a thin middy composition around {@link RecordingUploader}.
 */
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { S3Client } from '@aws-sdk/client-s3';
import type { Context } from 'aws-lambda';
import { createLogger } from '../../shared/logging/logger.js';
import { FunctionObservability } from '../../shared/observability/function-observability.js';
import { getSalesforceClientUsing } from '../../shared/salesforce/from-environment.js';
import { nodeHttpTransport } from '../../shared/salesforce/node-http-transport.js';
import type { SalesforceApi } from '../../shared/salesforce/types.js';
import { parseRecordingUploadEvent } from './parse-event.js';
import { RecordingUploader } from './recording-upload.js';
import { readRecordingUploadSettings } from './settings.js';
import type { RecordingUploadResult } from './types.js';

/** What the handler works with; tests and local runs inject their own. */
export interface RecordingUploadDependencies {
  /** Defaults to one S3 client per container and S3 endpoint. */
  s3: () => S3Client;
  /**
   * Defaults to the per-container client built from the `SF_*` environment, over node:http rather
   * than undici: this function makes two calls and streams one large body, and leaving undici out
   * of the bundle keeps its code and WebAssembly parser out of memory (bench: pipeline).
   */
  salesforce: () => SalesforceApi;
}

const logger = createLogger('recording-upload');
const observability = new FunctionObservability('recording-upload');

/** One S3 client per container, rebuilt only when the endpoint changes (local runs start several s3rvers). */
let containerS3: { client: S3Client; endpoint: string | undefined } | undefined;

function containerS3Client(): S3Client {
  const { s3Endpoint } = readRecordingUploadSettings(process.env);
  if (containerS3 === undefined || containerS3.endpoint !== s3Endpoint) {
    containerS3?.client.destroy();
    containerS3 = { client: observability.awsClient(new S3Client({})), endpoint: s3Endpoint };
  }
  return containerS3.client;
}

/**
 * Builds the recording-upload Lambda handler: streams the contact's recording from S3 into a
 * Salesforce file linked to its analytics record.
 *
 * @example
 * ```ts
 * const handler = createHandler();
 * await handler({ contactId, analyticsRecordId, recordingLocation: 'bucket/key.wav' }, context);
 * ```
 */
export function createHandler(dependencies: Partial<RecordingUploadDependencies> = {}) {
  const s3 = dependencies.s3 ?? containerS3Client;
  const salesforce = dependencies.salesforce ?? (() => getSalesforceClientUsing(nodeHttpTransport()));
  return observability
    .handler(async (event: unknown, _context: Context): Promise<RecordingUploadResult> => {
      const request = parseRecordingUploadEvent(event);
      logger.appendKeys({ contactId: request.contactId });
      observability.annotateContact(request.contactId);
      return new RecordingUploader(salesforce(), s3(), logger).upload(request);
    })
    .use(injectLambdaContext(logger, { resetKeys: true }));
}

/** The deployed handler (`functions/recording-upload/handler.handler`). */
export const handler = createHandler();
