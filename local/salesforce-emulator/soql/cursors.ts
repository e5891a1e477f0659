/**
 * Query locators for `nextRecordsUrl` pagination: batches of 2,000 by default,
 * `Sforce-Query-Options: batchSize=N` honoured within 200..2000. Like Salesforce, a user has at
 * most 10 open cursors (the oldest is dropped) and a cursor idle for 15 minutes expires; a stale
 * locator answers 400 INVALID_QUERY_LOCATOR.
 */
import { SalesforceApiError } from '../errors.js';
import type { IdGenerator } from '../ids.js';

const MAX_OPEN_CURSORS = 10;
const IDLE_TIMEOUT_MS = 15 * 60 * 1000;
/** Records per query page unless `Sforce-Query-Options: batchSize=N` asks for fewer (200 to 2,000). */
export const DEFAULT_BATCH_SIZE = 2000;

interface Cursor {
  rows: Array<Record<string, unknown>>;
  batchSize: number;
  version: string;
  lastUsed: number;
}

/** One page of a query result, with `nextRecordsUrl` while more remain. */
export interface QueryPage {
  totalSize: number;
  done: boolean;
  nextRecordsUrl?: string;
  records: Array<Record<string, unknown>>;
}

/** `batchSize=N` from the Sforce-Query-Options header, clamped to 200..2000. */
export function batchSizeFrom(header: string | undefined): number {
  const match = /batchSize\s*=\s*(\d+)/i.exec(header ?? '');
  if (!match) return DEFAULT_BATCH_SIZE;
  return Math.min(DEFAULT_BATCH_SIZE, Math.max(200, Number(match[1])));
}

/**
 * Query results waiting to be paged through `nextRecordsUrl`: at most 10 open per user (the oldest
 * dropped), expiring after 15 idle minutes, a stale locator answering `INVALID_QUERY_LOCATOR`.
 */
export class QueryCursors {
  readonly #cursors = new Map<string, Cursor>();

  constructor(
    private readonly ids: IdGenerator,
    private readonly now: () => number,
  ) {}

  /** First page; opens a cursor when more rows remain. */
  open(rows: Array<Record<string, unknown>>, batchSize: number, version: string): QueryPage {
    if (rows.length <= batchSize) return { totalSize: rows.length, done: true, records: rows };
    const locator = this.ids.next('01g').slice(0, 15);
    this.#cursors.set(locator, { rows, batchSize, version, lastUsed: this.now() });
    while (this.#cursors.size > MAX_OPEN_CURSORS) this.#cursors.delete(this.#cursors.keys().next().value!);
    return this.#page(locator, 0);
  }

  /** The page addressed by `<locator>-<offset>`. */
  next(locatorAndOffset: string): QueryPage {
    const match = /^([A-Za-z0-9]{15,18})-(\d+)$/.exec(locatorAndOffset);
    const cursor = match ? this.#cursors.get(match[1].slice(0, 15)) : undefined;
    if (!match || cursor === undefined || this.now() - cursor.lastUsed > IDLE_TIMEOUT_MS) {
      if (match) this.#cursors.delete(match[1].slice(0, 15));
      throw new SalesforceApiError(400, 'INVALID_QUERY_LOCATOR', 'invalid query locator');
    }
    const offset = Number(match[2]);
    if (offset >= cursor.rows.length)
      throw new SalesforceApiError(400, 'INVALID_QUERY_LOCATOR', 'invalid query locator');
    cursor.lastUsed = this.now();
    return this.#page(match[1].slice(0, 15), offset);
  }

  #page(locator: string, offset: number): QueryPage {
    const cursor = this.#cursors.get(locator)!;
    const end = offset + cursor.batchSize;
    const records = cursor.rows.slice(offset, end);
    if (end >= cursor.rows.length) {
      this.#cursors.delete(locator);
      return { totalSize: cursor.rows.length, done: true, records };
    }
    return {
      totalSize: cursor.rows.length,
      done: false,
      nextRecordsUrl: `/services/data/v${cursor.version}/query/${locator}-${end}`,
      records,
    };
  }
}
