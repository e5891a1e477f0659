/**
 * Lambda behind the state machine's "Import transcript" and "Record transcription failure"
 * tasks: a thin middy composition around {@link TranscriptImporter}.
 *
 * @example
 * ```ts
 * // Local runs and tests inject s3rver, a Comprehend stand-in and the emulator-backed client:
 * const handler = createHandler({ s3: localS3, comprehend: localComprehend });
 * await handler({ action: 'importTranscript', contactId, analyticsRecordId, transcript, languageCode }, context);
 * ```
 */
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { ComprehendClient } from '@aws-sdk/client-comprehend';
import { S3Client } from '@aws-sdk/client-s3';
import type { Context } from 'aws-lambda';
import { FunctionObservability } from '../../shared/observability/function-observability.js';
import { METRIC } from '../../shared/observability/metric-names.js';
import { namespacePrefix } from '../../shared/salesforce/namespace.js';
import { createLogger } from '../../shared/logging/logger.js';
import { getSalesforceClient } from '../../shared/salesforce/from-environment.js';
import type { SalesforceApi } from '../../shared/salesforce/types.js';
import type { ComprehendSender } from './comprehend-analysis.js';
import { parseTranscriptImportRequest } from './parse-request.js';
import { TranscriptImporter } from './transcript-import.js';
import type { ImportTranscriptResult, RecordTranscriptionFailureResult } from './types.js';

export interface TranscriptImportDependencies {
  s3: Pick<S3Client, 'send'>;
  comprehend: ComprehendSender;
  /** Defaults to the per-container client built from the SF_* environment. */
  salesforce: () => SalesforceApi;
}

const logger = createLogger('transcript-import');
const observability = new FunctionObservability('transcript-import');

export function createHandler(dependencies: Partial<TranscriptImportDependencies> = {}) {
  // Clients live as long as the container (connection reuse).
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
        try {
          const importer = new TranscriptImporter({
            salesforce: salesforce(),
            s3,
            comprehend,
            namespace: namespacePrefix(process.env.SF_ADAPTER_NAMESPACE),
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
        } finally {
          logger.removeKeys(['contactId']);
        }
      },
    )
    .use(injectLambdaContext(logger));
}

export const handler = createHandler();
