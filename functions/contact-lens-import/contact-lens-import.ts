import type { Logger } from '@aws-lambda-powertools/logger';
import { type ConnectClient, GetContactAttributesCommand } from '@aws-sdk/client-connect';
import type { S3Client } from '@aws-sdk/client-s3';
import {
  ANALYTICS_OBJECT,
  AnalyticsRecordWriter,
  type JsonAttachment,
} from '../../shared/analytics/analytics-record-writer.js';
import { readJsonDocument, S3ObjectNotFoundError } from '../../shared/analytics/read-json-object.js';
import { isTrue } from '../../shared/config/template-flag.js';
import type { JsonSource } from '../../shared/json/json-source.js';
import { logFailure } from '../../shared/logging/error-summary.js';
import type { SalesforceApi } from '../../shared/salesforce/types.js';
import { isObject } from '../../shared/values/is-object.js';
import { chooseAnalysisKey, contactIdFromKey, redactedRecordingPath } from './analysis-key.js';
import { analysisPrefixes, findAnalysisKeys } from './analysis-search.js';
import { contactLensFields } from './contact-lens-mapping.js';
import {
  ContactAttributesUnavailableError,
  ContactLensAnalysisNotFoundError,
  InvalidContactLensAnalysisError,
} from './errors.js';
import type {
  ContactLensAnalysis,
  ContactLensLookRequest,
  ContactLensLookResult,
  ContactLensTranscriptEntry,
  ImportContactLensRequest,
  ImportContactLensResult,
  S3ObjectReference,
} from './types.js';

/** Name of the attachment holding the Contact Lens transcript on the analytics record. */
export const CONTACT_LENS_TRANSCRIPTS = 'ContactLensTranscripts.json';

/**
 * What the Contact Lens importer works with: Salesforce, S3, Connect (S3 entry point only), the
 * namespace and the instance it serves.
 */
export interface ContactLensImporterDependencies {
  salesforce: SalesforceApi;
  s3: Pick<S3Client, 'send'>;
  /** Needed by the S3 entry point only (contact attributes). */
  connect?: Pick<ConnectClient, 'send'>;
  /** CTI adapter namespace prefix with `__`, or `''`. */
  namespace: string;
  /** AMAZON_CONNECT_INSTANCE_ID: the S3 entry point ignores other instances' files. */
  instanceId?: string;
  logger?: Logger;
}

/** Why the S3 entry point left a file alone. */
export interface SkippedObject {
  key: string;
  skipped: string;
}

/** What an S3-triggered invocation did with each object. */
export interface S3EventOutcome {
  objects: Array<ImportContactLensResult | SkippedObject>;
}

/**
 * Imports a Contact Lens analysis into the contact's single analytics record: the mapped fields
 * and `ContactLensTranscripts.json` in ONE Salesforce request. Two entry points:
 * - {@link ContactLensImporter.lookForContact}: the state machine's poll. One look for the
 *   contact's analysis (see analysis-search.ts); when it is there, its import into the record whose
 *   Id the contact import returned, else `notYet` (or `noAnalysis` at the last look);
 * - {@link ContactLensImporter.importFromS3Object}: an S3 notification for users who prefer a
 *   trigger. The contact comes from the key, its attributes from Connect, and the record is
 *   upserted by its `ContactId__c` external id, so this path can never create a second one.
 *
 * @example
 * ```ts
 * const importer = new ContactLensImporter({ salesforce, s3, namespace: 'amazonconnect__' });
 * await importer.lookForContact({ contactId, analyticsRecordId, bucket, channel: 'VOICE',
 *   connectedToAgentTimestamp, redactedRecordingImport: false, looks: 0, maxLooks: 30,
 *   waitedSeconds: 60, maxWaitedSeconds: 43200 });
 * ```
 */
export class ContactLensImporter {
  readonly #writer: AnalyticsRecordWriter;

  constructor(private readonly deps: ContactLensImporterDependencies) {
    this.#writer = new AnalyticsRecordWriter(deps.salesforce, deps.namespace);
  }

  async lookForContact(request: ContactLensLookRequest): Promise<ContactLensLookResult> {
    const { contactId, bucket, redactedRecordingImport, waitedSeconds } = request;
    const looks = request.looks + 1;
    const search = await findAnalysisKeys(this.deps.s3, {
      bucket,
      prefixes: analysisPrefixes(request),
      preferRedacted: redactedRecordingImport,
    });
    const key = chooseAnalysisKey(search.keys, contactId, redactedRecordingImport);
    if (!key) {
      const lastLook = looks >= request.maxLooks || waitedSeconds >= request.maxWaitedSeconds;
      const status = lastLook ? 'noAnalysis' : 'notYet';
      this.deps.logger?.info('no Contact Lens analysis yet', {
        contactId,
        looks,
        maxLooks: request.maxLooks,
        waitedSeconds,
        listings: search.listings,
        status,
      });
      return { status, looks, waitedSeconds, analysisKey: null, transcriptTurns: null };
    }
    const imported = await this.importForContact({
      contactId,
      analyticsRecordId: request.analyticsRecordId,
      bucket,
      key,
      redactedRecordingImport,
    });
    return {
      status: 'imported',
      looks,
      waitedSeconds,
      analysisKey: key,
      transcriptTurns: imported.transcriptTurns,
    };
  }

  async importForContact(request: ImportContactLensRequest): Promise<ImportContactLensResult> {
    const { contactId, analyticsRecordId, bucket, key, redactedRecordingImport } = request;
    const { analysis, source } = await this.#read(bucket, key);
    const { fields, transcript } = contactLensFields(analysis, {
      recordingPath: redactedRecordingImport ? redactedRecordingPath(bucket, key) : undefined,
      source,
    });
    const written = await this.#writer.write({
      recordId: analyticsRecordId,
      fields,
      attachments: this.#attachments(transcript),
    });
    this.deps.logger?.info('Contact Lens analysis imported', {
      contactId,
      analyticsRecordId,
      key,
      turns: transcript.length,
      salesforceCalls: written.salesforceCalls,
    });
    return {
      contactId,
      analyticsRecordId,
      analysisKey: key,
      fields: Object.keys(fields),
      transcriptTurns: transcript.length,
      salesforceCalls: written.salesforceCalls,
    };
  }

  /**
   * Every object of an S3 notification (the original only read the first). A failure is raised
   * after the others were tried, so the asynchronous retry re-runs only idempotent work; its
   * message counts the other failures. `onImported` runs once per imported (not skipped) object.
   */
  async importFromS3Objects(
    objects: readonly S3ObjectReference[],
    onImported: (result: ImportContactLensResult) => void = () => {},
  ): Promise<S3EventOutcome> {
    const outcomes: S3EventOutcome['objects'] = [];
    const failures: string[] = [];
    let firstError: unknown;
    for (const object of objects) {
      try {
        const outcome = await this.importFromS3Object(object);
        if ('skipped' in outcome) this.deps.logger?.info('S3 object skipped', { ...outcome });
        else onImported(outcome);
        outcomes.push(outcome);
      } catch (error) {
        logFailure(this.deps.logger, 'error', 'Contact Lens import failed', error, { key: object.key });
        failures.push(object.key);
        firstError ??= error;
      }
    }
    if (firstError) {
      if (failures.length > 1 && firstError instanceof Error) {
        firstError.message += ` (and ${failures.length - 1} more of ${objects.length} objects failed)`;
      }
      throw firstError;
    }
    return { objects: outcomes };
  }

  /**
   * One object from an S3 notification. Files that are not analyses, belong to another instance,
   * or whose contact did not ask for the import are skipped (with the reason) rather than failed.
   */
  async importFromS3Object(object: S3ObjectReference): Promise<ImportContactLensResult | SkippedObject> {
    const { bucket, key } = object;
    if (!key.endsWith('.json') || !key.includes('_analysis_'))
      return { key, skipped: 'not a Contact Lens analysis file' };
    const { analysis, source } = await this.#read(bucket, key);
    const contactId = contactIdFromKey(key) ?? analysis.CustomerMetadata?.ContactId;
    if (!contactId) return { key, skipped: 'no contact id in the key' };
    const fileInstance = analysis.CustomerMetadata?.InstanceId;
    if (this.deps.instanceId && fileInstance && fileInstance !== this.deps.instanceId) {
      return { key, skipped: `analysis of another Connect instance (${fileInstance})` };
    }
    const attributes = await this.#contactAttributes(contactId, fileInstance);
    // The same rule as the pipeline's per-call switches: "true" in any case.
    if (!isTrue(attributes.contactLensImportEnabled)) {
      return { key, skipped: 'contact attribute contactLensImportEnabled is not "true"' };
    }
    const redactedRecordingImport = isTrue(attributes.postcallRedactedRecordingImportEnabled);
    const { fields, transcript } = contactLensFields(analysis, {
      recordingPath: redactedRecordingImport ? redactedRecordingPath(bucket, key) : undefined,
      source,
    });
    const objectName = `${this.deps.namespace}${ANALYTICS_OBJECT}`;
    // Upsert by the ContactId external id: the contact's one record, created if the pipeline has not yet.
    const upserted = await this.deps.salesforce.upsert(
      objectName,
      `${this.deps.namespace}ContactId__c`,
      contactId,
      Object.fromEntries(
        Object.entries(fields).map(([name, value]) => [`${this.deps.namespace}${name}`, value]),
      ),
    );
    const written = await this.#writer.write({
      recordId: upserted.id,
      fields: {},
      attachments: this.#attachments(transcript),
    });
    this.deps.logger?.info('Contact Lens analysis imported from S3 event', {
      contactId,
      analyticsRecordId: upserted.id,
      created: upserted.created,
      key,
    });
    return {
      contactId,
      analyticsRecordId: upserted.id,
      analysisKey: key,
      fields: Object.keys(fields),
      transcriptTurns: transcript.length,
      salesforceCalls: 1 + written.salesforceCalls,
    };
  }

  #attachments(transcript: ContactLensTranscriptEntry[]): JsonAttachment[] {
    return transcript.length === 0
      ? []
      : [{ name: CONTACT_LENS_TRANSCRIPTS, description: 'Contact Lens Transcripts', content: transcript }];
  }

  async #read(bucket: string, key: string): Promise<{ analysis: ContactLensAnalysis; source: JsonSource }> {
    let analysis: unknown;
    let source: JsonSource;
    try {
      ({ value: analysis, source } = await readJsonDocument<unknown>(this.deps.s3, { bucket, key }));
    } catch (error) {
      if (error instanceof S3ObjectNotFoundError) {
        throw new ContactLensAnalysisNotFoundError(error.message, { cause: error });
      }
      throw error;
    }
    if (!isObject(analysis))
      throw new InvalidContactLensAnalysisError(`s3://${bucket}/${key} is not a JSON object`);
    if (analysis.JobStatus !== undefined && analysis.JobStatus !== 'COMPLETED') {
      this.deps.logger?.warn('Contact Lens job not COMPLETED; importing what the file holds', {
        key,
        jobStatus: String(analysis.JobStatus),
      });
    }
    return { analysis: analysis as ContactLensAnalysis, source };
  }

  async #contactAttributes(
    contactId: string,
    fileInstance: string | undefined,
  ): Promise<Record<string, string>> {
    const instanceId = this.deps.instanceId ?? fileInstance;
    if (!this.deps.connect || !instanceId) {
      throw new ContactAttributesUnavailableError(
        `cannot read the attributes of contact ${contactId}: AMAZON_CONNECT_INSTANCE_ID is not set`,
      );
    }
    try {
      const response = await this.deps.connect.send(
        new GetContactAttributesCommand({ InstanceId: instanceId, InitialContactId: contactId }),
      );
      return response.Attributes ?? {};
    } catch (error) {
      throw new ContactAttributesUnavailableError(
        `GetContactAttributes failed for contact ${contactId}: ${(error as Error).name}: ${(error as Error).message}`,
        { cause: error },
      );
    }
  }
}
