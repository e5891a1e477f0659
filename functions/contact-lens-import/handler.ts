/**
 * Lambda of the Contact Lens import: behind the state machine's "Import Contact Lens analysis"
 * task, and usable as the target of an S3 notification on the recording bucket (prefix
 * `Analysis/Voice/`, suffix `.json`: no year in the prefix, unlike the original's). A thin middy
 * composition around {@link ContactLensImporter}.
 *
 * @example
 * ```ts
 * const handler = createHandler({ s3: localS3 });
 * await handler({ contactId, analyticsRecordId, bucket, original, redacted, redactedRecordingImport: false }, context);
 * ```
 */
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { ConnectClient } from '@aws-sdk/client-connect';
import { S3Client } from '@aws-sdk/client-s3';
import type { Context } from 'aws-lambda';
import { FunctionObservability } from '../../shared/observability/function-observability.js';
import { METRIC } from '../../shared/observability/metric-names.js';
import { namespacePrefix } from '../../shared/salesforce/namespace.js';
import { optionalEnv, readBooleanEnv } from '../../shared/config/environment.js';
import { createLogger } from '../../shared/logging/logger.js';
import { getSalesforceClient } from '../../shared/salesforce/from-environment.js';
import type { SalesforceApi } from '../../shared/salesforce/types.js';
import { ContactLensImporter, type SkippedObject } from './contact-lens-import.js';
import { parseContactLensEvent } from './parse-event.js';
import type { ImportContactLensResult } from './types.js';
import { logFailure } from '../../shared/logging/error-summary.js';

export interface ContactLensImportDependencies {
  s3: Pick<S3Client, 'send'>;
  connect: Pick<ConnectClient, 'send'>;
  salesforce: () => SalesforceApi;
}

/** What an S3-triggered invocation did with each object. */
export interface S3EventOutcome {
  objects: Array<ImportContactLensResult | SkippedObject>;
}

const logger = createLogger('contact-lens-import');
const observability = new FunctionObservability('contact-lens-import');

export function createHandler(dependencies: Partial<ContactLensImportDependencies> = {}) {
  const s3 = dependencies.s3 ?? observability.awsClient(new S3Client({}));
  const connect = dependencies.connect ?? observability.awsClient(new ConnectClient({}));
  const salesforce = dependencies.salesforce ?? getSalesforceClient;
  return observability
    .handler(async (event: unknown, _context: Context): Promise<ImportContactLensResult | S3EventOutcome> => {
      const input = parseContactLensEvent(event);
      const importer = new ContactLensImporter({
        salesforce: salesforce(),
        s3,
        connect,
        namespace: namespacePrefix(process.env.SF_ADAPTER_NAMESPACE),
        instanceId: optionalEnv('AMAZON_CONNECT_INSTANCE_ID'),
        logger,
      });
      if (input.kind === 'stateMachine') {
        logger.appendKeys({ contactId: input.request.contactId });
        observability.annotateContact(input.request.contactId);
        try {
          const imported = await importer.importForContact(input.request);
          observability.count(METRIC.contactLensImported, 1);
          return imported;
        } finally {
          logger.removeKeys(['contactId']);
        }
      }
      if (!readBooleanEnv('CONTACT_LENS_IMPORT_ENABLED', false)) {
        logger.info('CONTACT_LENS_IMPORT_ENABLED is not true: S3 event ignored', {
          objects: input.objects.length,
        });
        return {
          objects: input.objects.map(({ key }) => ({ key, skipped: 'Contact Lens import disabled' })),
        };
      }
      // Every record is processed (the original only read the first); a failure is raised after the
      // others were tried, so the async retry re-runs only idempotent work.
      const objects: S3EventOutcome['objects'] = [];
      const failures: string[] = [];
      let firstError: unknown;
      for (const object of input.objects) {
        try {
          const outcome = await importer.importFromS3Object(object);
          if ('skipped' in outcome) logger.info('S3 object skipped', { ...outcome });
          else observability.count(METRIC.contactLensImported, 1);
          objects.push(outcome);
        } catch (error) {
          logFailure(logger, 'error', 'Contact Lens import failed', error, { key: object.key });
          failures.push(object.key);
          firstError ??= error;
        }
      }
      if (firstError) {
        if (failures.length > 1 && firstError instanceof Error) {
          firstError.message += ` (and ${failures.length - 1} more of ${input.objects.length} objects failed)`;
        }
        throw firstError;
      }
      return { objects };
    })
    .use(injectLambdaContext(logger));
}

export const handler = createHandler();
