/**
 * Which recording of a contact the pipeline imports. The original requires the legacy `Recording`
 * to be present with a `Location`, `Status` `AVAILABLE` and `Type` `AUDIO`, as the
 * original required. Newer CTRs may carry only the `Recordings` array; then the first available S3
 * audio entry is used.
 *
 * @example
 * ```ts
 * const found = findImportableRecording(ctr);
 * if (found.location !== null) startImport(found.location); // 'bucket/connect/…/x.wav'
 * else logger.debug('no recording', { reason: found.reason });
 * ```
 */
import type { ContactTraceRecord } from './types.js';

/** The recording to import (its S3 location), or why there is none. */
export type ImportableRecording = { location: string; reason: null } | { location: null; reason: string };

/**
 * Picks the contact's recording: the legacy `Recording` when present (available audio with a
 * location), else the first available S3 audio entry of `Recordings`.
 *
 * @example
 * ```ts
 * const { location, reason } = findImportableRecording(ctr); // location 'bucket/connect/…/x.wav' or a reason
 * ```
 */
export function findImportableRecording(ctr: ContactTraceRecord): ImportableRecording {
  const legacy = ctr.Recording;
  if (legacy !== null) {
    if (!nonEmpty(legacy.Location)) return none('Recording has no Location');
    if (!same(legacy.Status, 'AVAILABLE')) return none(`Recording status is ${legacy.Status ?? 'null'}`);
    if (!same(legacy.Type, 'AUDIO')) return none(`Recording type is ${legacy.Type ?? 'null'}`);
    return { location: normaliseLocation(legacy.Location), reason: null };
  }
  for (const entry of ctr.Recordings ?? []) {
    if (
      nonEmpty(entry.Location) &&
      same(entry.Status, 'AVAILABLE') &&
      (entry.MediaStreamType === null || same(entry.MediaStreamType, 'AUDIO')) &&
      (entry.StorageType === null || same(entry.StorageType, 'S3'))
    ) {
      return { location: normaliseLocation(entry.Location), reason: null };
    }
  }
  return none(
    ctr.Recordings && ctr.Recordings.length > 0 ? 'no available S3 audio recording' : 'no recording',
  );
}

/** Connect gives `bucket/key`; tolerate an `s3://` prefix. */
function normaliseLocation(location: string): string {
  return location.trim().replace(/^s3:\/\//i, '');
}

function none(reason: string): ImportableRecording {
  return { location: null, reason };
}

function nonEmpty(value: string | null): value is string {
  return value !== null && value.trim() !== '';
}

function same(value: string | null, expected: string): boolean {
  return value !== null && value.trim().toUpperCase() === expected;
}
