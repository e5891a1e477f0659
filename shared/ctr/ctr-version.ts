/**
 * Versions of one contact: Connect re-publishes a CTR with a later `LastUpdateTimestamp` when it
 * learns more. Timestamps are parsed leniently (milliseconds optional; no zone = UTC).
 *
 * @example
 * ```ts
 * ctrTimestampMillis('2026-11-28T10:00:05Z'); // 1795860005000
 * ctrVersionToken('2026-11-28T10:00:05.120Z'); // '20261128T100005120Z'
 * ```
 */

/** Epoch milliseconds, or `null` when absent or unparseable. */
export function ctrTimestampMillis(timestamp: string | null | undefined): number | null {
  if (typeof timestamp !== 'string' || timestamp.trim() === '') return null;
  let text = timestamp.trim();
  // ISO date-time without a zone designator: Connect timestamps are UTC.
  if (/^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(text)) text = `${text.replace(' ', 'T')}Z`;
  const millis = Date.parse(text);
  return Number.isNaN(millis) ? null : millis;
}

/**
 * Orders two timestamps: negative when `a` is older than `b`, 0 when equal, positive when newer.
 * A missing or unparseable timestamp is older than any real one.
 */
export function compareCtrTimestamps(a: string | null | undefined, b: string | null | undefined): number {
  const left = ctrTimestampMillis(a);
  const right = ctrTimestampMillis(b);
  if (left === null && right === null) return 0;
  if (left === null) return -1;
  if (right === null) return 1;
  return left - right;
}

/**
 * A compact, name-safe token for a CTR version (`YYYYMMDDTHHMMSSmmmZ`, 19 characters), derived only
 * from `LastUpdateTimestamp`, so every delivery of one version yields the same token.
 * `null` when the timestamp is absent or unparseable.
 */
export function ctrVersionToken(timestamp: string | null | undefined): string | null {
  const millis = ctrTimestampMillis(timestamp);
  if (millis === null) return null;
  return new Date(millis).toISOString().replace(/[-:.]/g, '');
}
