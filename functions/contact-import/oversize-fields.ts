/**
 * CTR text too long for its field. Salesforce refuses a text value longer than the field
 * (`STRING_TOO_LONG`, the whole upsert fails) and never truncates, so a contact with, say, 900 KB
 * of attributes would not be imported at all. Instead the field is written as null (explicitly: a
 * field left out of an upsert keeps an older version's value) and its full text goes into an
 * `Attachment` on the record named after the field (`Attributes__c.json`). Lengths come from the
 * describe the client caches per container, so checking costs no call.
 *
 * @example
 * ```ts
 * const { body, oversize } = moveOversizeFields(fields, describe.fields, 'amazonconnect__');
 * oversize[0]?.document.name; // 'Attributes__c.json'
 * ```
 */
import type { AttachmentDocument } from '../../shared/salesforce/replaced-attachments.js';
import type { DescribeField } from '../../shared/salesforce/types.js';

/** Fields whose text is JSON (the original's `json.dumps` format): attached as `.json`. */
const JSON_TEXT_FIELDS = new Set(['Attributes__c', 'AgentHierarchyGroup__c']);

/** Describe types whose values are length-limited text. */
const TEXT_TYPES = new Set(['string', 'textarea', 'url', 'email', 'phone']);

/** A field whose text was too long, moved into an attachment. */
export interface OversizeField {
  /** The field's API name in the org (with namespace). */
  field: string;
  /** Characters of the text. */
  length: number;
  /** The field's length in the org (describe). */
  limit: number;
  /** The attachment that holds the full text. */
  document: AttachmentDocument;
}

/** The upsert body with oversize fields set to null, and what was moved. */
export interface OversizeSplit {
  body: Record<string, unknown>;
  oversize: OversizeField[];
}

/** Name of the attachment holding a field's full text (`Attributes__c.json`, `Foo__c.txt`). */
export function oversizeAttachmentName(field: string, prefix: string): string {
  const bare = prefix && field.startsWith(prefix) ? field.slice(prefix.length) : field;
  return `${bare}${JSON_TEXT_FIELDS.has(bare) ? '.json' : '.txt'}`;
}

/**
 * Sets every text value longer than its field to null and returns its full text as an attachment
 * document. A body with nothing too long comes back unchanged (the same object).
 */
export function moveOversizeFields(
  body: Record<string, unknown>,
  fields: readonly DescribeField[],
  prefix: string,
): OversizeSplit {
  const limits = new Map(
    fields
      .filter((field) => TEXT_TYPES.has(field.type) && typeof field.length === 'number' && field.length > 0)
      .map((field) => [field.name, field.length as number]),
  );
  const oversize: OversizeField[] = [];
  for (const [field, value] of Object.entries(body)) {
    const limit = limits.get(field);
    if (typeof value !== 'string' || limit === undefined || value.length <= limit) continue;
    const name = oversizeAttachmentName(field, prefix);
    oversize.push({
      field,
      length: value.length,
      limit,
      document: {
        name,
        description: `Full text of ${field} (${value.length} characters; the field holds ${limit})`,
        contentType: name.endsWith('.json') ? 'application/json' : 'text/plain',
        text: value,
      },
    });
  }
  if (oversize.length === 0) return { body, oversize };
  const nulled = { ...body };
  for (const { field } of oversize) nulled[field] = null;
  return { body: nulled, oversize };
}
