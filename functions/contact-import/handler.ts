/**
 * Lambda behind the state machine's "Import contact trace record and recording" task: a thin
 * middy composition around {@link ContactImporter}.
 */
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { createLogger } from '../../shared/logging/logger.js';
import { FunctionObservability } from '../../shared/observability/function-observability.js';
import { METRIC } from '../../shared/observability/metric-names.js';
import { getSalesforceClient } from '../../shared/salesforce/index.js';
import type { SalesforceApi } from '../../shared/salesforce/types.js';
import { contactImportSettingsFromEnvironment } from './config.js';
import { ContactImporter } from './contact-import.js';
import { parseContactImportEvent } from './parse-event.js';
import type { ContactImportResult } from './types.js';

const logger = createLogger('contact-import');
const observability = new FunctionObservability('contact-import');

/** One importer (and its describe cache) per Salesforce client, i.e. per container. */
let cached: { client: SalesforceApi; importer: ContactImporter } | undefined;

function importerFor(client: SalesforceApi): ContactImporter {
  if (cached?.client !== client) {
    cached = {
      client,
      importer: new ContactImporter(client, contactImportSettingsFromEnvironment(process.env), logger),
    };
  }
  return cached.importer;
}

export async function importContact(event: unknown): Promise<ContactImportResult> {
  const parsed = parseContactImportEvent(event);
  logger.appendKeys({ contactId: parsed.contactId });
  observability.annotateContact(parsed.contactId);
  try {
    const result = await importerFor(getSalesforceClient()).import(parsed);
    if (result.ctrRecordId !== null) observability.count(METRIC.contactsImported, 1);
    return result;
  } finally {
    logger.removeKeys(['contactId']);
  }
}

export const handler = observability.handler(importContact).use(injectLambdaContext(logger));
