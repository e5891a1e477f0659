/**
 * Writes analysis results to the contact's `AC_ContactChannelAnalytics__c` record: the field
 * update and the JSON attachments (legacy `Attachment`, which the analytics page reads) in ONE
 * `/composite` request (allOrNone: a failure leaves nothing half-written, so a retry starts clean).
 *
 * Idempotent without costing a call on the happy path: the same composite request first queries
 * the record's attachments of the names it is about to add (the query runs before the inserts, so
 * it sees only attachments written by an earlier run). Only when that finds some (a re-run after a
 * Lambda timeout, a redrive, the S3 trigger and the pipeline both importing) does a second request
 * delete those older copies: the newest content wins and each name exists once.
 *
 * @example
 * ```ts
 * const writer = new AnalyticsRecordWriter(getSalesforceClient(), 'amazonconnect__');
 * await writer.write({
 *   recordId: 'a01...', fields: { Sentiment__c: 'POSITIVE, 0.93' },
 *   attachments: [{ name: 'CustomerTranscripts.json', description: 'Call Recording Transcription - Customer Side', content: [] }],
 * });
 * ```
 */
import { pythonJson } from '../json/python-json.js';
import { compositeFailure } from '../salesforce/composite-failure.js';
import { withNamespace } from '../salesforce/namespace.js';
import {
  type AttachmentDocument,
  attachmentSubrequests,
  deleteAttachments,
  insertedAttachmentIds,
  MAX_COMPOSITE_SUBREQUESTS,
  olderAttachmentIds,
} from '../salesforce/replaced-attachments.js';
import { isSalesforceId } from '../salesforce/soql.js';
import type { CompositeSubrequest, SalesforceApi } from '../salesforce/types.js';

/** The analytics object's name without namespace. */
export const ANALYTICS_OBJECT = 'AC_ContactChannelAnalytics__c';

/** A JSON document attached to the analytics record. */
export interface JsonAttachment {
  /** File name, e.g. `CustomerTranscripts.json` (the page looks attachments up by name). */
  name: string;
  description: string;
  /** Serialised as the original package wrote it (Python `json.dumps` format, see `pythonJson`). */
  content: unknown;
}

/**
 * One write to a contact's analytics record: the field values to set and the JSON attachments to
 * add (replacing older copies of the same names).
 */
export interface AnalyticsRecordWrite {
  /** The analytics record's Id. */
  recordId: string;
  /** Field values by API name WITHOUT namespace (`Sentiment__c`); the writer prefixes them. */
  fields: Record<string, unknown>;
  attachments: readonly JsonAttachment[];
}

/**
 * What {@link AnalyticsRecordWriter.write} did: the new attachment Ids, the older copies it deleted
 * and the Salesforce API calls it spent.
 */
export interface AnalyticsRecordWriteResult {
  recordId: string;
  /** Attachment name → new Attachment Id. */
  attachmentIds: Record<string, string>;
  /** Older copies of the same attachments that were deleted (re-runs only). */
  replacedAttachmentIds: string[];
  /** Salesforce API calls made (1, or 2 when older copies had to be removed). */
  salesforceCalls: number;
}

function jsonDocument(attachment: JsonAttachment): AttachmentDocument {
  return {
    name: attachment.name,
    description: attachment.description,
    contentType: 'application/json',
    text: pythonJson(attachment.content),
  };
}

/**
 * Writes fields and JSON attachments to one `AC_ContactChannelAnalytics__c` record in a single
 * all-or-nothing composite request, deleting older copies of the same attachments only when a re-run
 * left some (one call on the happy path, two on a re-run).
 *
 * @example
 * ```ts
 * const writer = new AnalyticsRecordWriter(salesforce, 'amazonconnect__');
 * const { attachmentIds, salesforceCalls } = await writer.write({ recordId, fields, attachments });
 * ```
 */
export class AnalyticsRecordWriter {
  constructor(
    private readonly api: SalesforceApi,
    /** Namespace prefix with `__` (`amazonconnect__`) or `''`. */
    private readonly namespace: string,
  ) {}

  /** The analytics object's API name in this org. */
  get objectName(): string {
    return `${this.namespace}${ANALYTICS_OBJECT}`;
  }

  async write(request: AnalyticsRecordWrite): Promise<AnalyticsRecordWriteResult> {
    const { recordId, attachments } = request;
    if (!isSalesforceId(recordId)) throw new TypeError('recordId is not a Salesforce Id');
    const names = attachments.map((attachment) => attachment.name);
    if (new Set(names).size !== names.length) throw new TypeError('attachment names must be distinct');
    if (attachments.length + 2 > MAX_COMPOSITE_SUBREQUESTS)
      throw new RangeError('too many attachments for one request');

    const fields = withNamespace(this.namespace, request.fields);
    const subrequests: CompositeSubrequest[] = [];
    if (Object.keys(fields).length > 0) {
      subrequests.push({
        method: 'PATCH',
        url: `/sobjects/${this.objectName}/${recordId}`,
        referenceId: 'analyticsRecord',
        body: fields,
      });
    }
    subrequests.push(
      ...attachmentSubrequests({
        parentId: recordId,
        documents: attachments.map(jsonDocument),
        lookupNames: names,
        referencePrefix: '',
      }),
    );
    if (subrequests.length === 0) {
      return { recordId, attachmentIds: {}, replacedAttachmentIds: [], salesforceCalls: 0 };
    }

    const responses = await this.api.composite(subrequests, { allOrNone: true });
    const failure = compositeFailure(responses, (referenceId) => this.#describe(referenceId, attachments));
    if (failure) throw failure;

    const attachmentIds = insertedAttachmentIds(responses, attachments, '');
    const olderIds = olderAttachmentIds(responses, '', attachmentIds);
    let salesforceCalls = 1;
    if (olderIds.length > 0) {
      salesforceCalls += await deleteAttachments(this.api, olderIds, 'delete older analytics attachment');
    }
    return { recordId, attachmentIds, replacedAttachmentIds: olderIds, salesforceCalls };
  }

  #describe(referenceId: string, attachments: readonly JsonAttachment[]): string {
    if (referenceId === 'analyticsRecord') return `update ${this.objectName}`;
    if (referenceId === 'olderAttachments') return 'query analytics attachments';
    const index = Number(referenceId.replace('attachment', ''));
    return `attach ${attachments[index]?.name ?? referenceId}`;
  }
}
