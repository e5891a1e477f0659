/**
 * In-memory records per sObject. Records are never mutated in place (an update stores a new
 * object), so a snapshot is a cheap shallow copy of the maps: /composite with allOrNone and
 * composite/sobjects with allOrNone roll back by restoring one.
 */

export type StoredRecord = Readonly<Record<string, unknown>> & { readonly Id: string };

export type StoreSnapshot = Map<string, Map<string, StoredRecord>>;

export class RecordStore {
  #tables = new Map<string, Map<string, StoredRecord>>();
  /** Key prefix → object API name (filled as tables are created). */
  readonly #objectByPrefix = new Map<string, string>();

  #table(object: string): Map<string, StoredRecord> {
    const key = object.toLowerCase();
    let table = this.#tables.get(key);
    if (table === undefined) {
      table = new Map();
      this.#tables.set(key, table);
    }
    return table;
  }

  registerPrefix(keyPrefix: string, object: string): void {
    this.#objectByPrefix.set(keyPrefix, object);
  }

  /** Record by id, deleted ones included. */
  get(object: string, id: string): StoredRecord | undefined {
    return this.#tables.get(object.toLowerCase())?.get(id);
  }

  /** Record by id of any object (resolved through the key prefix). */
  find(id: string): { object: string; record: StoredRecord } | undefined {
    const object = this.#objectByPrefix.get(id.slice(0, 3));
    if (object === undefined) return undefined;
    const record = this.get(object, id);
    return record === undefined ? undefined : { object, record };
  }

  /** All records of an object in insertion order, deleted ones included. */
  all(object: string): StoredRecord[] {
    return [...(this.#tables.get(object.toLowerCase())?.values() ?? [])];
  }

  /** Records that are not deleted. */
  live(object: string): StoredRecord[] {
    return this.all(object).filter((record) => record.IsDeleted !== true);
  }

  put(object: string, record: StoredRecord): void {
    this.#table(object).set(record.Id, Object.freeze({ ...record }) as StoredRecord);
  }

  snapshot(): StoreSnapshot {
    return new Map([...this.#tables].map(([key, table]) => [key, new Map(table)]));
  }

  restore(snapshot: StoreSnapshot): void {
    this.#tables = new Map([...snapshot].map(([key, table]) => [key, new Map(table)]));
  }
}
