/**
 * Collapses the records of one contact inside a batch to the newest version: the greatest
 * `LastUpdateTimestamp`, ties (the same version delivered several times) going to the later
 * sequence number. The others are reported as superseded; the one execution start covers them.
 *
 * @example
 * ```ts
 * for (const { newest, superseded } of collapseByContact(decodedCtrs)) start(newest);
 * ```
 */
import { compareCtrTimestamps } from '../../shared/ctr/ctr-version.js';
import type { DecodedCtrRecord } from './decode-records.js';

/** A contact's records in one batch: the newest version, and the others it supersedes. */
export interface ContactRecords {
  contactId: string;
  newest: DecodedCtrRecord;
  superseded: DecodedCtrRecord[];
}

/** Groups in order of each contact's first appearance in the batch. */
export function collapseByContact(records: readonly DecodedCtrRecord[]): ContactRecords[] {
  const groups = new Map<string, DecodedCtrRecord[]>();
  for (const item of records) {
    const group = groups.get(item.ctr.ContactId);
    if (group === undefined) groups.set(item.ctr.ContactId, [item]);
    else group.push(item);
  }
  return [...groups.entries()].map(([contactId, group]) => {
    const newest = group.reduce((best, candidate) => (isNewer(candidate, best) ? candidate : best));
    return { contactId, newest, superseded: group.filter((item) => item !== newest) };
  });
}

function isNewer(candidate: DecodedCtrRecord, current: DecodedCtrRecord): boolean {
  const byTimestamp = compareCtrTimestamps(
    candidate.ctr.LastUpdateTimestamp,
    current.ctr.LastUpdateTimestamp,
  );
  if (byTimestamp !== 0) return byTimestamp > 0;
  return BigInt(candidate.record.kinesis.sequenceNumber) > BigInt(current.record.kinesis.sequenceNumber);
}
