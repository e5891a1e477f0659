/**
 * Turns the invocation event into the report objects to import. Two shapes are accepted:
 * a direct S3 event notification (`Records[]`, keys URL-encoded with spaces as `+`) and an
 * EventBridge "Object Created" event from S3 (`detail.bucket.name`, `detail.object.key`).
 * Every record of an S3 notification is returned (the original read only `Records[0]`).
 *
 * @example
 * ```ts
 * parseReportEvent({ Records: [{ eventName: 'ObjectCreated:Put', eventTime: '…',
 *   s3: { bucket: { name: 'reports' }, object: { key: 'SFDC/Queue/Sales+EU.csv' } } }] });
 * // → [{ bucket: 'reports', key: 'SFDC/Queue/Sales EU.csv', eventTime: '…' }]
 * ```
 */

import { isObject } from '../../shared/values/is-object.js';
import { ReportEventError } from './errors.js';
import type { ReportObjectRef } from './types.js';

/** S3 notification keys are form-encoded: `+` is a space, then percent-decoding. */
export function decodeS3EventKey(encoded: string): string {
  try {
    return decodeURIComponent(encoded.replace(/\+/g, ' '));
  } catch (cause) {
    throw new ReportEventError(`S3 object key "${encoded}" is not valid URL encoding: ${String(cause)}`);
  }
}

function stringAt(value: unknown, ...path: string[]): string | undefined {
  let current: unknown = value;
  for (const part of path) {
    if (!isObject(current)) return undefined;
    current = current[part];
  }
  return typeof current === 'string' ? current : undefined;
}

function fromNotificationRecord(record: unknown, index: number): ReportObjectRef | undefined {
  const eventName = stringAt(record, 'eventName') ?? '';
  // Only object creation carries a report; anything else routed here is ignored, not failed.
  if (eventName !== '' && !eventName.startsWith('ObjectCreated')) return undefined;
  const bucket = stringAt(record, 's3', 'bucket', 'name');
  const key = stringAt(record, 's3', 'object', 'key');
  if (!bucket || key === undefined || key === '') {
    throw new ReportEventError(`Records[${index}] has no s3.bucket.name or s3.object.key`);
  }
  return {
    bucket,
    key: decodeS3EventKey(key),
    eventTime: stringAt(record, 'eventTime') ?? new Date().toISOString(),
  };
}

function fromEventBridge(event: Record<string, unknown>): ReportObjectRef {
  const bucket = stringAt(event, 'detail', 'bucket', 'name');
  const key = stringAt(event, 'detail', 'object', 'key');
  if (!bucket || !key)
    throw new ReportEventError('EventBridge event has no detail.bucket.name or detail.object.key');
  let alternativeKey: string | undefined;
  try {
    const decoded = decodeURIComponent(key);
    if (decoded !== key) alternativeKey = decoded;
  } catch {
    // Not percent-encoded: the raw key is the only candidate.
  }
  return { bucket, key, alternativeKey, eventTime: stringAt(event, 'time') ?? new Date().toISOString() };
}

/** The report objects an event names (possibly none, e.g. for S3's `s3:TestEvent`). */
export function parseReportEvent(event: unknown): ReportObjectRef[] {
  if (!isObject(event)) throw new ReportEventError('The event is not an object');
  if (Array.isArray(event.Records)) {
    return event.Records.map(fromNotificationRecord).filter((r): r is ReportObjectRef => r !== undefined);
  }
  if (event['detail-type'] === 'Object Created' && isObject(event.detail)) return [fromEventBridge(event)];
  if (event.Event === 's3:TestEvent') return [];
  throw new ReportEventError(
    'Unsupported event: expected an S3 event notification (Records[]) or an EventBridge "Object Created" event',
  );
}
