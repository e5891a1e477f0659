/**
 * Tells the two inputs of the Contact Lens import apart and validates them: the state machine's
 * "Look for and import Contact Lens analysis" task payload, or an S3 event notification (every record, keys
 * decoded with `+` as a space).
 *
 * @example
 * ```ts
 * const input = parseContactLensEvent(event);
 * if (input.kind === 's3') for (const object of input.objects) ...
 * ```
 */

import { isObject } from '../../shared/values/is-object.js';
import { decodeS3EventKey } from './analysis-key.js';
import { InvalidContactLensRequestError } from './errors.js';
import type { ContactLensLookRequest, S3ObjectReference } from './types.js';

/** The Contact Lens import's input: the state machine's look request, or the objects of an S3 event. */
export type ContactLensEvent =
  | { kind: 'stateMachine'; request: ContactLensLookRequest }
  | { kind: 's3'; objects: S3ObjectReference[] };

function requiredString(source: Record<string, unknown>, key: string): string {
  const value = source[key];
  if (typeof value !== 'string' || value.trim() === '') {
    throw new InvalidContactLensRequestError(`${key} must be a non-empty string`);
  }
  return value;
}

function count(source: Record<string, unknown>, key: string, minimum: number): number {
  const value = source[key];
  if (typeof value !== 'number' || !Number.isInteger(value) || value < minimum) {
    throw new InvalidContactLensRequestError(`${key} must be an integer of at least ${minimum}`);
  }
  return value;
}

/**
 * Tells the state machine's task payload from an S3 event notification and validates it (S3 keys
 * decoded, `+` read as a space); anything else is an {@link InvalidContactLensRequestError}.
 */
export function parseContactLensEvent(event: unknown): ContactLensEvent {
  if (!isObject(event)) throw new InvalidContactLensRequestError('the event must be an object');
  if (Array.isArray(event.Records)) {
    const objects = event.Records.map((record, index): S3ObjectReference => {
      const s3 = isObject(record) && isObject(record.s3) ? record.s3 : undefined;
      const bucket = isObject(s3?.bucket) ? s3.bucket.name : undefined;
      const key = isObject(s3?.object) ? s3.object.key : undefined;
      if (typeof bucket !== 'string' || typeof key !== 'string') {
        throw new InvalidContactLensRequestError(`Records[${index}] is not an S3 event record`);
      }
      return { bucket, key: decodeS3EventKey(key) };
    });
    return { kind: 's3', objects };
  }
  return {
    kind: 'stateMachine',
    request: {
      contactId: requiredString(event, 'contactId'),
      analyticsRecordId: requiredString(event, 'analyticsRecordId'),
      bucket: requiredString(event, 'bucket'),
      channel: requiredString(event, 'channel'),
      connectedToAgentTimestamp: requiredString(event, 'connectedToAgentTimestamp'),
      redactedRecordingImport: event.redactedRecordingImport === true,
      looks: count(event, 'looks', 0),
      maxLooks: count(event, 'maxLooks', 1),
      waitedSeconds: count(event, 'waitedSeconds', 0),
      maxWaitedSeconds: count(event, 'maxWaitedSeconds', 1),
    },
  };
}
