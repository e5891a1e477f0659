/**
 * Where a payload too large to travel inline (in an execution input or a dead-letter message) was
 * stored, and how to check it came back unchanged: the bucket and key, its size in bytes and the
 * SHA-256 of its bytes (hex).
 *
 * @example
 * ```ts
 * const ref = parsePayloadReference({ bucket: 'b', key: 'dead-letters/ab…cd.b64', bytes: 300000, sha256: 'ab…cd' });
 * if (ref === undefined) throw new Error('not a payload reference');
 * ```
 */
import { isObject } from '../values/is-object.js';

/**
 * Where a payload too large to travel inline was stored (bucket, key) and how to check it came back
 * unchanged (size in bytes, SHA-256 hex).
 */
export interface PayloadReference {
  bucket: string;
  key: string;
  /** Size of the stored object in bytes (UTF-8). */
  bytes: number;
  /** SHA-256 of the stored bytes, lowercase hex. */
  sha256: string;
}

/** `value` when it has the shape of a {@link PayloadReference}, else undefined. */
export function parsePayloadReference(value: unknown): PayloadReference | undefined {
  if (!isObject(value)) return undefined;
  const { bucket, key, bytes, sha256 } = value;
  if (typeof bucket !== 'string' || bucket === '' || typeof key !== 'string' || key === '') return undefined;
  if (typeof bytes !== 'number' || !Number.isInteger(bytes) || bytes < 0) return undefined;
  if (typeof sha256 !== 'string' || !/^[0-9a-f]{64}$/.test(sha256)) return undefined;
  return { bucket, key, bytes, sha256 };
}
