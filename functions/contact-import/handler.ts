/**
 * Lambda behind the state machine's "Import contact trace record and recording" task: a thin
 * middy composition around {@link ContactImporter}. The execution ARN claims the contact's
 * version fence; the lease lasts this invocation's remaining time plus a margin, so it always
 * outlives the write it protects.
 */
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { Context } from 'aws-lambda';
import { contactVersionFenceFromEnvironment } from '../../shared/contact-versions/from-environment.js';
import type { ContactVersionFence } from '../../shared/contact-versions/version-fence.js';
import { createLogger } from '../../shared/logging/logger.js';
import { FunctionObservability } from '../../shared/observability/function-observability.js';
import { METRIC } from '../../shared/observability/metric-names.js';
import { getSalesforceClient } from '../../shared/salesforce/index.js';
import type { SalesforceApi } from '../../shared/salesforce/types.js';
import { contactImportSettingsFromEnvironment } from './settings.js';
import { ContactImporter } from './contact-import.js';
import { parseContactImportEvent } from './parse-event.js';
import type { ContactImportResult } from './types.js';

const logger = createLogger('contact-import');
const observability = new FunctionObservability('contact-import');

/** Past the Lambda's own end: a request Salesforce received just before may still commit. */
const LEASE_MARGIN_MS = 60_000;

/** One importer (and its describe cache) per Salesforce client, i.e. per container. */
let cached: { client: SalesforceApi; fence: ContactVersionFence; importer: ContactImporter } | undefined;

function importerFor(client: SalesforceApi): ContactImporter {
  const fence = contactVersionFenceFromEnvironment();
  if (cached?.client !== client || cached.fence !== fence) {
    cached = {
      client,
      fence,
      importer: new ContactImporter(client, contactImportSettingsFromEnvironment(process.env), logger, fence),
    };
  }
  return cached.importer;
}

export async function importContact(event: unknown, context: Context): Promise<ContactImportResult> {
  const parsed = parseContactImportEvent(event);
  logger.appendKeys({ contactId: parsed.contactId });
  observability.annotateContact(parsed.contactId);
  try {
    const result = await importerFor(getSalesforceClient()).import(parsed, {
      token: parsed.executionId ?? context.awsRequestId,
      leaseMs: context.getRemainingTimeInMillis() + LEASE_MARGIN_MS,
    });
    if (result.ctrImport === 'imported') observability.count(METRIC.contactsImported, 1);
    if (result.ctrImport.startsWith('superseded')) observability.count(METRIC.supersededVersions, 1);
    return result;
  } finally {
    logger.removeKeys(['contactId']);
  }
}

export const handler = observability.handler(importContact).use(injectLambdaContext(logger));
