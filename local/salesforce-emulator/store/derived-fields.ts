/**
 * Fields the org computes on every write: Name of people objects, Case.IsClosed/ClosedDate,
 * Attachment.BodyLength, auto-number names.
 */
import { type EmulatorContext, formatDateTime } from '../context.js';
import type { ObjectSchema } from '../schema/types.js';
import { blobByteLength } from './blob-store.js';

/**
 * Sets the fields the org computes on a write: the Name of people objects, Case.IsClosed and
 * ClosedDate, Attachment.BodyLength, auto-number names.
 */
export function applyDerivedFields(
  context: EmulatorContext,
  object: ObjectSchema,
  record: Record<string, unknown>,
  previous: Record<string, unknown> | undefined,
): void {
  const has = (name: string): boolean => object.fieldIndex.has(name.toLowerCase());
  if (has('FirstName') && has('LastName') && has('Name') && object.fieldIndex.get('name')?.calculated) {
    record.Name = [record.FirstName, record.LastName]
      .filter((part) => typeof part === 'string' && part !== '')
      .join(' ');
  }
  switch (object.name) {
    case 'Case': {
      const closed = record.Status === 'Closed';
      record.IsClosed = closed;
      if (closed && previous?.IsClosed !== true) record.ClosedDate = formatDateTime(context.now());
      if (!closed) record.ClosedDate = null;
      break;
    }
    case 'Attachment':
      record.BodyLength = blobByteLength(record.Body);
      break;
    default:
      break;
  }
}

/** Next value of an auto-number format such as `CTR-{0000000}` or `{00000000}`. */
export function formatAutoNumber(format: string, value: number): string {
  return format.replace(/\{(0+)\}/, (_match, zeros: string) => String(value).padStart(zeros.length, '0'));
}
