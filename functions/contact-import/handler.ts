/**
 * Lambda behind the state machine's "Import contact trace record and recording" task: a thin
 * middy composition around {@link ContactImporter}. The CTR comes through `readExecutionCtr`
 * (inline, or read back from the payload bucket when the trigger stored it there). The execution
 * ARN claims the contact's version fence; the lease lasts until no write this invocation sends can
 * still be applied by Salesforce ({@link writeLeaseMs}), so it always outlives the write it protects.
 */
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { S3Client } from '@aws-sdk/client-s3';
import type { Context } from 'aws-lambda';
import { contactVersionFenceFromEnvironment } from '../../shared/contact-versions/from-environment.js';
import type { ContactVersionFence } from '../../shared/contact-versions/version-fence.js';
import { readExecutionCtr } from '../../shared/ctr/execution-ctr.js';
import { createLogger } from '../../shared/logging/logger.js';
import { FunctionObservability } from '../../shared/observability/function-observability.js';
import { METRIC } from '../../shared/observability/metric-names.js';
import { PayloadReader } from '../../shared/payloads/payload-reader.js';
import { getSalesforceClient } from '../../shared/salesforce/from-environment.js';
import type { SalesforceApi } from '../../shared/salesforce/types.js';
import { ContactImporter, type WaitClock } from './contact-import.js';
import { parseContactImportEvent } from './parse-event.js';
import { readContactImportSettings } from './settings.js';
import type { ContactImportResult } from './types.js';
import { writeLeaseMs } from './write-lease.js';

/** What the handler works with; tests and local runs inject their own. */
export interface ContactImportDependencies {
  /** Defaults to the per-container client built from the `SF_*` environment. */
  salesforce: () => SalesforceApi;
  /** Defaults to the per-container version fence from `CONTACT_VERSION_TABLE`. */
  fence: () => ContactVersionFence | undefined;
  /** Clock of the wait for a busy contact; defaults to the wall clock (tests pin it). */
  clock?: WaitClock;
  /** Reads a CTR the trigger stored in the payload bucket; defaults to one (traced) S3 client per container. */
  payloads: () => Pick<PayloadReader, 'read'>;
}

const logger = createLogger('contact-import');
const observability = new FunctionObservability('contact-import');

/**
 * Builds the contact-import Lambda handler: parses the task input, upserts the contact trace
 * record (fenced by version) and, when planned, the contact's analytics record in one composite
 * call.
 *
 * @example
 * ```ts
 * const handler = createHandler({ salesforce: () => emulatorClient });
 * const { ctrRecordId, analyticsRecordId } = await handler(taskInput, context);
 * ```
 */
export function createHandler(dependencies: Partial<ContactImportDependencies> = {}) {
  const salesforce = dependencies.salesforce ?? getSalesforceClient;
  const fence = dependencies.fence ?? contactVersionFenceFromEnvironment;
  // One reader per container, rebuilt only when the S3 endpoint changes (local runs start several).
  let cached: { endpoint: string | undefined; reader: PayloadReader } | undefined;
  const payloads =
    dependencies.payloads ??
    (() => {
      const endpoint = process.env.AWS_ENDPOINT_URL_S3;
      if (cached === undefined || cached.endpoint !== endpoint) {
        cached = { endpoint, reader: new PayloadReader(observability.awsClient(new S3Client({}))) };
      }
      return cached.reader;
    });
  return observability
    .handler(async (event: unknown, context: Context): Promise<ContactImportResult> => {
      const request = parseContactImportEvent(event);
      logger.appendKeys({ contactId: request.contactId });
      observability.annotateContact(request.contactId);
      const importer = new ContactImporter(
        salesforce(),
        readContactImportSettings(process.env),
        logger,
        fence(),
      );
      const ctr = await readExecutionCtr(request.ctr, payloads());
      const result = await importer.import(
        { ...request, ctr },
        {
          token: request.executionId ?? context.awsRequestId,
          leaseMs: writeLeaseMs(context.getRemainingTimeInMillis()),
          clock: dependencies.clock,
        },
      );
      if (result.ctrImport === 'imported') observability.count(METRIC.contactsImported, 1);
      if (result.ctrImport.startsWith('superseded')) observability.count(METRIC.supersededVersions, 1);
      if (result.oversizeFields.length > 0) {
        observability.count(METRIC.oversizeFieldsAttached, result.oversizeFields.length);
      }
      return result;
    })
    .use(injectLambdaContext(logger, { resetKeys: true }));
}

/** The deployed handler (`functions/contact-import/handler.handler`). */
export const handler = createHandler();
