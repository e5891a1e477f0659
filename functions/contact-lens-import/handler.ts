/**
 * Lambda of the Contact Lens import: behind the state machine's "Look for and import Contact Lens
 * analysis" task (one look per invocation), and usable as the target of an S3 notification on the recording bucket (prefix
 * `Analysis/Voice/`, suffix `.json`: no year in the prefix, unlike the original's). A thin middy
 * composition around {@link ContactLensImporter}.
 */
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { ConnectClient } from '@aws-sdk/client-connect';
import { S3Client } from '@aws-sdk/client-s3';
import type { Context } from 'aws-lambda';
import { createLogger } from '../../shared/logging/logger.js';
import { FunctionObservability } from '../../shared/observability/function-observability.js';
import { METRIC } from '../../shared/observability/metric-names.js';
import { getSalesforceClient } from '../../shared/salesforce/from-environment.js';
import type { SalesforceApi } from '../../shared/salesforce/types.js';
import { ContactLensImporter, type S3EventOutcome } from './contact-lens-import.js';
import { parseContactLensEvent } from './parse-event.js';
import { CONTACT_LENS_IMPORT_ENABLED_ENV, readContactLensImportSettings } from './settings.js';
import type { ContactLensLookResult } from './types.js';

export type { S3EventOutcome } from './contact-lens-import.js';

/** What the handler works with; tests and local runs inject their own. */
export interface ContactLensImportDependencies {
  /** Defaults to one (traced) S3 client per container. */
  s3: Pick<S3Client, 'send'>;
  /** Defaults to one (traced) Amazon Connect client per container (contact attributes of S3 events). */
  connect: Pick<ConnectClient, 'send'>;
  /** Defaults to the per-container client built from the `SF_*` environment. */
  salesforce: () => SalesforceApi;
}

const logger = createLogger('contact-lens-import');
const observability = new FunctionObservability('contact-lens-import');

/**
 * Builds the Contact Lens import's Lambda handler: a state machine task input imports the
 * contact's analysis; an S3 event imports every analysis file it names (when
 * `CONTACT_LENS_IMPORT_ENABLED` is true).
 *
 * @example
 * ```ts
 * const handler = createHandler({ s3: localS3 });
 * await handler({ contactId, analyticsRecordId, bucket, channel: 'VOICE', connectedToAgentTimestamp,
 *   redactedRecordingImport: false, looks: 0, maxLooks: 30, waitedSeconds: 60, maxWaitedSeconds: 43200 }, context);
 * ```
 */
export function createHandler(dependencies: Partial<ContactLensImportDependencies> = {}) {
  const s3 = dependencies.s3 ?? observability.awsClient(new S3Client({}));
  const connect = dependencies.connect ?? observability.awsClient(new ConnectClient({}));
  const salesforce = dependencies.salesforce ?? getSalesforceClient;
  return observability
    .handler(async (event: unknown, _context: Context): Promise<ContactLensLookResult | S3EventOutcome> => {
      const input = parseContactLensEvent(event);
      const settings = readContactLensImportSettings(process.env);
      const importer = new ContactLensImporter({
        salesforce: salesforce(),
        s3,
        connect,
        namespace: settings.namespacePrefix,
        instanceId: settings.instanceId,
        logger,
      });
      if (input.kind === 'stateMachine') {
        logger.appendKeys({ contactId: input.request.contactId });
        observability.annotateContact(input.request.contactId);
        const imported = await importer.lookForContact(input.request);
        observability.count(METRIC.contactLensImported, 1);
        return imported;
      }
      if (!settings.s3EventImportEnabled) {
        logger.info(`${CONTACT_LENS_IMPORT_ENABLED_ENV} is not true: S3 event ignored`, {
          objects: input.objects.length,
        });
        return {
          objects: input.objects.map(({ key }) => ({ key, skipped: 'Contact Lens import disabled' })),
        };
      }
      return importer.importFromS3Objects(input.objects, () =>
        observability.count(METRIC.contactLensImported, 1),
      );
    })
    .use(injectLambdaContext(logger, { resetKeys: true }));
}

/** The deployed handler (`functions/contact-lens-import/handler.handler`). */
export const handler = createHandler();
