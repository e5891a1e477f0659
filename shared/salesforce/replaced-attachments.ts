/**
 * Legacy `Attachment`s that replace their older copies, written inside the caller's `/composite`
 * request: a query of the parent's attachments of the given names runs BEFORE the inserts (so it
 * sees only copies written by an earlier run), the inserts follow, and only when the query found
 * older copies does a second request delete them. One call on a first write, two on a re-run; each
 * name then exists once, with the newest content.
 *
 * The parent may be a record id or a composite reference to a record the same request writes
 * (`@{ctr.id}`): the reference stays unencoded in the query's URL so Salesforce resolves it.
 *
 * @example
 * ```ts
 * const subrequests = [upsert, ...attachmentSubrequests({ parentId: '@{ctr.id}', documents, lookupNames: ['Attributes__c.json'], referencePrefix: 'ctr' })];
 * const responses = await api.composite(subrequests, { allOrNone: true });
 * const older = olderAttachmentIds(responses, 'ctr', insertedAttachmentIds(responses, documents, 'ctr'));
 * if (older.length > 0) await deleteAttachments(api, older, 'delete older CTR attachment');
 * ```
 */
import { subresponseError } from './composite-failure.js';
import { soql } from './soql.js';
import type { CompositeSubrequest, CompositeSubresponse, SalesforceApi } from './types.js';

/** A composite request carries at most 25 subrequests. */
export const MAX_COMPOSITE_SUBREQUESTS = 25;

/** A text document to attach to a record. */
export interface AttachmentDocument {
  /** File name, e.g. `Attributes__c.json` (readers look attachments up by name). */
  name: string;
  description: string;
  /** MIME type, e.g. `application/json`. */
  contentType: string;
  /** The document's text, stored as UTF-8. */
  text: string;
}

/** Where the attachment subrequests go and what they look for. */
export interface AttachmentSubrequestOptions {
  /** The parent record's id, or a reference to a record written earlier in the same request. */
  parentId: string;
  documents: readonly AttachmentDocument[];
  /**
   * Names whose older copies are looked for (the documents' names, plus any the caller wants
   * removed without a new copy); no query when empty.
   */
  lookupNames: readonly string[];
  /**
   * Prefix of the reference ids: `<prefix>OlderAttachments` / `<prefix>Attachment<i>`, or the
   * unprefixed `olderAttachments` / `attachment<i>` when `''`.
   */
  referencePrefix: string;
}

/** The reference id of the older-copies query. */
export function olderAttachmentsReference(prefix: string): string {
  return prefix ? `${prefix}OlderAttachments` : 'olderAttachments';
}

/** The reference id of the insert of document `index`. */
export function attachmentReference(prefix: string, index: number): string {
  return prefix ? `${prefix}Attachment${index}` : `attachment${index}`;
}

/** The query of older copies (when there are names to look for), then one insert per document. */
export function attachmentSubrequests(options: AttachmentSubrequestOptions): CompositeSubrequest[] {
  const { parentId, documents, lookupNames, referencePrefix } = options;
  const subrequests: CompositeSubrequest[] = [];
  if (lookupNames.length > 0) {
    const query = soql`SELECT Id, Name FROM Attachment WHERE ParentId = ${parentId} AND Name IN ${[...lookupNames]}`;
    subrequests.push({
      method: 'GET',
      url: `/query?q=${queryParameter(query, parentId)}`,
      referenceId: olderAttachmentsReference(referencePrefix),
    });
  }
  documents.forEach((document, index) => {
    subrequests.push({
      method: 'POST',
      url: '/sobjects/Attachment',
      referenceId: attachmentReference(referencePrefix, index),
      body: {
        ParentId: parentId,
        Name: document.name,
        Description: document.description,
        ContentType: document.contentType,
        Body: Buffer.from(document.text, 'utf8').toString('base64'),
      },
    });
  });
  return subrequests;
}

/** Encodes the query for the URL, leaving a `@{reference}` parent unencoded. */
function queryParameter(query: string, parentId: string): string {
  const encoded = encodeURIComponent(query);
  if (!/^@\{[A-Za-z][A-Za-z0-9_.]*\}$/.test(parentId)) return encoded;
  return encoded.split(encodeURIComponent(parentId)).join(parentId);
}

/** Document name → new Attachment Id, from the composite answer. */
export function insertedAttachmentIds(
  responses: readonly CompositeSubresponse[],
  documents: readonly Pick<AttachmentDocument, 'name'>[],
  referencePrefix: string,
): Record<string, string> {
  const byReference = new Map(responses.map((response) => [response.referenceId, response]));
  const ids: Record<string, string> = {};
  documents.forEach((document, index) => {
    const body = byReference.get(attachmentReference(referencePrefix, index))?.body as
      | { id?: unknown }
      | undefined;
    if (typeof body?.id === 'string') ids[document.name] = body.id;
  });
  return ids;
}

/** Ids of the older copies the query found (never one just inserted). */
export function olderAttachmentIds(
  responses: readonly CompositeSubresponse[],
  referencePrefix: string,
  inserted: Record<string, string>,
): string[] {
  const reference = olderAttachmentsReference(referencePrefix);
  const older = responses.find((response) => response.referenceId === reference)?.body as
    | { records?: Array<{ Id?: unknown }> }
    | undefined;
  const fresh = new Set(Object.values(inserted));
  return (older?.records ?? [])
    .map((record) => record.Id)
    .filter((id): id is string => typeof id === 'string' && !fresh.has(id));
}

/**
 * Deletes attachments, 25 per composite request; one already gone is fine. Returns the calls made.
 * `what` names the step in the error of a refused delete.
 */
export async function deleteAttachments(
  api: SalesforceApi,
  ids: readonly string[],
  what: string,
): Promise<number> {
  let calls = 0;
  for (let i = 0; i < ids.length; i += MAX_COMPOSITE_SUBREQUESTS) {
    const batch = ids.slice(i, i + MAX_COMPOSITE_SUBREQUESTS);
    const responses = await api.composite(
      batch.map((id, index) => ({
        method: 'DELETE',
        url: `/sobjects/Attachment/${id}`,
        referenceId: `delete${index}`,
      })),
      { allOrNone: false },
    );
    calls += 1;
    for (const response of responses) {
      if (response.httpStatusCode < 300 || response.httpStatusCode === 404) continue;
      throw subresponseError(response, what);
    }
  }
  return calls;
}
