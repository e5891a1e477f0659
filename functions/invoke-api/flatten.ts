/**
 * Turns Salesforce records into the flat map a contact flow can read.
 *
 * - Nested objects are joined with `.` (`Account.Name`); `attributes` is dropped at every level.
 * - Arrays keep their positions (`Contacts.records.0.Name`); the original dropped the index, so
 *   later elements overwrote earlier ones.
 * - Several records become `sf_records_<i>_<field>` numbered by position (the original looked each
 *   record up by equality, so identical records collapsed onto one index), plus `sf_count`.
 * - Values become what Connect stores: strings and numbers; booleans as `true`/`false`, null as ''.
 *
 * @example
 * ```ts
 * flattenRecord({ attributes: { type: 'Contact' }, Id: '003…', Account: { Name: 'Acme' } });
 * // { Id: '003…', 'Account.Name': 'Acme' }
 * flattenRecords([{ Id: 'a' }, { Id: 'b' }], 2);
 * // { sf_records_0_Id: 'a', sf_records_1_Id: 'b', sf_count: 2 }
 * ```
 */
import type { ConnectResponse, ConnectValue } from './types.js';

/** Flattens one record with `.` between nested keys. */
export function flattenRecord(record: Record<string, unknown>): ConnectResponse {
  const out: ConnectResponse = {};
  visit(record, '', out);
  return out;
}

/** Flattens a list of records as `sf_records_<i>_<field>` plus `sf_count` (the total, which may exceed the list). */
export function flattenRecords(
  records: ReadonlyArray<Record<string, unknown>>,
  count: number,
): ConnectResponse {
  const out: ConnectResponse = {};
  records.forEach((record, index) => {
    for (const [key, value] of Object.entries(flattenRecord(record))) {
      out[`sf_records_${index}_${key}`] = value;
    }
  });
  out.sf_count = count;
  return out;
}

/** A single record flattened with `sf_count`, or only `sf_count` when there is none. */
export function flattenFirstRecord(
  record: Record<string, unknown> | undefined,
  count: number,
): ConnectResponse {
  return record === undefined ? { sf_count: count } : { ...flattenRecord(record), sf_count: count };
}

function visit(value: unknown, path: string, out: ConnectResponse): void {
  if (Array.isArray(value)) {
    value.forEach((item, index) => {
      visit(item, join(path, String(index)), out);
    });
    return;
  }
  if (value !== null && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) {
      if (key === 'attributes') continue;
      visit(child, join(path, key), out);
    }
    return;
  }
  if (path !== '') out[path] = toConnectValue(value);
}

function join(path: string, key: string): string {
  return path === '' ? key : `${path}.${key}`;
}

/** A scalar as Connect stores it. */
export function toConnectValue(value: unknown): ConnectValue {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : String(value);
  if (value === null || value === undefined) return '';
  return String(value);
}
