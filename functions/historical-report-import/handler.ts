/**
 * Lambda entry point of the historical report import (the original's sfIntervalQueue and
 * sfIntervalAgent in one function): S3 event notification or EventBridge "Object Created"
 * event → {@link HistoricalReportImporter}. Thin: parsing and wiring only.
 */
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { S3Client } from '@aws-sdk/client-s3';
import type { Context } from 'aws-lambda';
import { createLogger } from '../../shared/logging/logger.js';
import { FunctionObservability } from '../../shared/observability/function-observability.js';
import { getSalesforceClient } from '../../shared/salesforce/from-environment.js';
import type { SalesforceApi } from '../../shared/salesforce/types.js';
import { HistoricalReportImporter } from './historical-report-import.js';
import { parseReportEvent } from './report-event.js';
import { readHistoricalImportSettings } from './settings.js';
import type { ReportImportOutcome } from './types.js';

/** What the historical report handler works with; tests and local runs inject their own. */
export interface HistoricalImportDependencies {
  s3: S3Client;
  /** Defaults to the per-container client from the SF_* environment. */
  salesforce?: () => SalesforceApi;
}

/** What one invocation imported: per report object its kind, rows and records written. */
export interface HistoricalImportResult {
  imported: Array<Pick<ReportImportOutcome, 'key' | 'kind' | 'rows' | 'upserted' | 'created'>>;
}

const logger = createLogger('historical-report-import');
const observability = new FunctionObservability('historical-report-import');

/**
 * Builds the Lambda handler around its injectable dependencies.
 *
 * @example
 * ```ts
 * // Tests and local runs inject their own S3 client (s3rver) and Salesforce client:
 * const handler = createHandler({ s3: localS3 });
 * await handler(s3Event, context);
 * ```
 */
export function createHandler(dependencies: Partial<HistoricalImportDependencies> = {}) {
  const s3 = dependencies.s3 ?? observability.awsClient(new S3Client({}));
  const salesforce = dependencies.salesforce ?? getSalesforceClient;
  return observability
    .handler(async (event: unknown, _context: Context): Promise<HistoricalImportResult> => {
      const refs = parseReportEvent(event);
      logger.info('report objects in event', { count: refs.length, keys: refs.map((r) => r.key) });
      const importer = new HistoricalReportImporter({
        s3,
        salesforce: salesforce(),
        settings: readHistoricalImportSettings(process.env),
        logger,
      });
      const outcomes = await importer.importAll(refs);
      return {
        imported: outcomes.map(({ key, kind, rows, upserted, created }) => ({
          key,
          kind,
          rows,
          upserted,
          created,
        })),
      };
    })
    .use(injectLambdaContext(logger, { resetKeys: true }));
}

/** The deployed handler (`functions/historical-report-import/handler.handler`). */
export const handler = createHandler();
