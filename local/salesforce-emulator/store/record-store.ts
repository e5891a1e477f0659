/**
 * In-memory records per sObject. Records are never mutated in place (an update stores a new
 * object), so a snapshot is a cheap shallow copy of the maps: /composite with allOrNone and
 * composite/sobjects with allOrNone roll back by restoring one.
 */

export type StoredRecord = Readonly<Record<string, unknown>> & { readonly Id: string };

export type StoreSnapshot = Map<string, Map<string, StoredRecord>>;

/** Maps a field value to its index key (e.g. lower-cased), or undefined for "not indexed". */
export type IndexKey = (value: unknown) => string | undefined;

interface ValueIndex {
  key: IndexKey;
  ids: Map<string, Set<string>>;
}

export class RecordStore {
  #tables = new Map<string, Map<string, StoredRecord>>();
  /** object (lower-cased) → field → value index over live records (external ids, unique fields). */
  readonly #indexes = new Map<string, Map<string, ValueIndex>>();
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
    const table = this.#table(object);
    this.#unindex(object, table.get(record.Id));
    const stored = Object.freeze({ ...record }) as StoredRecord;
    table.set(record.Id, stored);
    this.#index(object, stored);
  }

  /** Keeps an index of `field` over live records so {@link withValue} needs no scan. */
  defineIndex(object: string, field: string, key: IndexKey): void {
    let indexes = this.#indexes.get(object.toLowerCase());
    if (indexes === undefined) {
      indexes = new Map();
      this.#indexes.set(object.toLowerCase(), indexes);
    }
    indexes.set(field, { key, ids: new Map() });
    for (const record of this.live(object)) this.#index(object, record);
  }

  /** Live records whose indexed `field` has the value's key; undefined when `field` is not indexed. */
  withValue(object: string, field: string, value: unknown): StoredRecord[] | undefined {
    const index = this.#indexes.get(object.toLowerCase())?.get(field);
    if (index === undefined) return undefined;
    const key = index.key(value);
    const ids = key === undefined ? undefined : index.ids.get(key);
    return [...(ids ?? [])].map((id) => this.get(object, id)!);
  }

  #index(object: string, record: StoredRecord): void {
    if (record.IsDeleted === true) return;
    for (const [field, index] of this.#indexes.get(object.toLowerCase()) ?? []) {
      const key = index.key(record[field]);
      if (key === undefined) continue;
      let ids = index.ids.get(key);
      if (ids === undefined) {
        ids = new Set();
        index.ids.set(key, ids);
      }
      ids.add(record.Id);
    }
  }

  #unindex(object: string, record: StoredRecord | undefined): void {
    if (record === undefined) return;
    for (const [field, index] of this.#indexes.get(object.toLowerCase()) ?? []) {
      const key = index.key(record[field]);
      if (key !== undefined) index.ids.get(key)?.delete(record.Id);
    }
  }

  snapshot(): StoreSnapshot {
    return new Map([...this.#tables].map(([key, table]) => [key, new Map(table)]));
  }

  restore(snapshot: StoreSnapshot): void {
    this.#tables = new Map([...snapshot].map(([key, table]) => [key, new Map(table)]));
    for (const [object, indexes] of this.#indexes) {
      for (const index of indexes.values()) index.ids.clear();
      for (const record of this.#tables.get(object)?.values() ?? []) this.#index(object, record);
    }
  }
}
