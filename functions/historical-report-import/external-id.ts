/**
 * The external id `AC_Record_Id__c`, derived exactly like the original so that re-imports and
 * upgrades keep matching the rows it wrote:
 * queue reports: the queue name without `-`, whitespace and non-word characters (Python's
 * Unicode `\W`), then the `StartInterval` value; agent reports: the agent name as it is, then
 * the interval; then the region where the object has `Region__c` (not with global analytics).
 * The id travels in the collection request's body, never in a URL path, so names with `/`, `#`,
 * `?` or spaces are safe.
 *
 * @example
 * ```ts
 * reportRecordId('queue', 'Sales - EU (Tier 1)', '2026-11-28T10:00:00.000Z', 'eu-west-2');
 * // → 'SalesEUTier12026-11-28T10:00:00.000Zeu-west-2'
 * ```
 */
import type { ReportKind } from './types.js';

/** Python's `re.sub(r'[-\s\W]+', '', name)`: keep letters, digits and `_` of any script. */
export function stripQueueName(name: string): string {
  return name.replace(/[^\p{L}\p{N}_]+/gu, '');
}

/**
 * The `AC_Record_Id__c` of a report row, derived exactly as the original package did so re-imports
 * keep matching the rows it wrote.
 *
 * @param regionSuffix the region to append, or `''` (no `Region__c`, or global analytics).
 *
 * @example
 * ```ts
 * reportRecordId('queue', 'Sales EU', '2026-11-28 10:00', ''); // 'SalesEU2026-11-28 10:00'
 * ```
 */
export function reportRecordId(
  kind: ReportKind,
  objectName: string,
  startInterval: string,
  regionSuffix: string,
): string {
  const name = kind === 'queue' ? stripQueueName(objectName) : objectName;
  return `${name}${startInterval}${regionSuffix}`;
}
