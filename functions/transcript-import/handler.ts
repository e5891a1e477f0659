/**
 * Lambda behind the state machine's "Import transcript" and "Record transcription failure"
 * tasks: a thin middy composition around {@link TranscriptImporter}.
 */
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { ComprehendClient } from '@aws-sdk/client-comprehend';
import { S3Client } from '@aws-sdk/client-s3';
import type { Context } from 'aws-lambda';
import { createLogger } from '../../shared/logging/logger.js';
import { FunctionObservability } from '../../shared/observability/function-observability.js';
import { METRIC } from '../../shared/observability/metric-names.js';
import { getSalesforceClient } from '../../shared/salesforce/from-environment.js';
import type { SalesforceApi } from '../../shared/salesforce/types.js';
import type { ComprehendSender } from './comprehend-analysis.js';
import { parseTranscriptImportRequest } from './parse-request.js';
import { readTranscriptImportSettings } from './settings.js';
import { TranscriptImporter } from './transcript-import.js';
import type { ImportTranscriptResult, RecordTranscriptionFailureResult } from './types.js';

/** What the handler works with; tests and local runs inject their own. */
export interface TranscriptImportDependencies {
  /** Defaults to one (traced) S3 client per container: the transcript bucket. */
  s3: Pick<S3Client, 'send'>;
  /** Defaults to one (traced) Comprehend client per container. */
  comprehend: ComprehendSender;
  /** Defaults to the per-container client built from the `SF_*` environment. */
  salesforce: () => SalesforceApi;
}

const logger = createLogger('transcript-import');
const observability = new FunctionObservability('transcript-import');

/**
 * Builds the transcript import's Lambda handler: imports a finished transcript (Comprehend
 * analyses, the analytics record's fields, the transcript attachments) or records why the
 * transcription failed.
 *
 * @example
 * ```ts
 * // Local runs and tests inject s3rver, a Comprehend stand-in and the emulator-backed client:
 * const handler = createHandler({ s3: localS3, comprehend: localComprehend });
 * await handler({ action: 'importTranscript', contactId, analyticsRecordId, transcript, languageCode }, context);
 * ```
 */
export function createHandler(dependencies: Partial<TranscriptImportDependencies> = {}) {
  const s3 = dependencies.s3 ?? observability.awsClient(new S3Client({}));
  const comprehend = dependencies.comprehend ?? observability.awsClient(new ComprehendClient({}));
  const salesforce = dependencies.salesforce ?? getSalesforceClient;
  return observability
    .handler(
      async (
        event: unknown,
        _context: Context,
      ): Promise<ImportTranscriptResult | RecordTranscriptionFailureResult> => {
        const request = parseTranscriptImportRequest(event);
        logger.appendKeys({ contactId: request.contactId });
        observability.annotateContact(request.contactId);
        const importer = new TranscriptImporter({
          salesforce: salesforce(),
          s3,
          comprehend,
          namespace: readTranscriptImportSettings(process.env).namespacePrefix,
          logger,
        });
        if (request.action === 'recordTranscriptionFailure') {
          const recorded = await importer.recordFailure(request);
          observability.count(METRIC.transcriptionsFailed, 1);
          return recorded;
        }
        const imported = await importer.importTranscript(request);
        observability.count(METRIC.transcriptsImported, 1);
        return imported;
      },
    )
    .use(injectLambdaContext(logger, { resetKeys: true }));
}

/** The deployed handler (`functions/transcript-import/handler.handler`). */
export const handler = createHandler();
