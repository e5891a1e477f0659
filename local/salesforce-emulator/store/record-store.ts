/**
 * In-memory records per sObject, with value indexes (external ids, unique and reference fields)
 * so lookups by value cost O(matches), not a scan. Records are never mutated in place (an update
 * stores a new object). All-or-none requests (/composite, composite/sobjects, composite/tree) open
 * a {@link Checkpoint}: while one is open every write remembers the record it replaced, so a
 * rollback undoes just those writes and no request copies whole tables.
 */

import { BlobStore, StoredBlob } from './blob-store.js';

/** A record as stored: field values by API name, with its Id. */
export type StoredRecord = Readonly<Record<string, unknown>> & { readonly Id: string };

/** An open all-or-none scope: {@link rollback} undoes its writes, {@link release} keeps them. */
export interface Checkpoint {
  rollback(): void;
  release(): void;
}

interface UndoEntry {
  object: string;
  id: string;
  /** The record the write replaced; undefined when the write created it. */
  previous: StoredRecord | undefined;
}

/** Maps a field value to its index key (e.g. lower-cased), or undefined for "not indexed". */
export type IndexKey = (value: unknown) => string | undefined;

interface ValueIndex {
  key: IndexKey;
  ids: Map<string, Set<string>>;
}

/**
 * The org's records by object, indexed on external ids, unique and reference fields, with
 * checkpoints to roll back a composite or tree request that fails as a whole.
 */
export class RecordStore {
  readonly #tables = new Map<string, Map<string, StoredRecord>>();
  /** Writes made while a checkpoint is open, oldest first (empty when none is open). */
  readonly #undo: UndoEntry[] = [];
  #openCheckpoints = 0;
  /** object (lower-cased) → field → value index over live records (external ids, unique fields). */
  readonly #indexes = new Map<string, Map<string, ValueIndex>>();
  /** Key prefix → object API name (filled as tables are created). */
  readonly #objectByPrefix = new Map<string, string>();
  /** object (lower-cased) → its blob fields, whose base64 values are kept in {@link blobs}. */
  readonly #blobFields = new Map<string, string[]>();
  readonly blobs = new BlobStore();
  /** Record id → when it was first stored, so indexed lookups answer in the tables' order. */
  readonly #position = new Map<string, number>();

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
    const previous = table.get(record.Id);
    if (this.#openCheckpoints > 0) this.#undo.push({ object, id: record.Id, previous });
    if (previous === undefined && !this.#position.has(record.Id))
      this.#position.set(record.Id, this.#position.size);
    this.#unindex(object, previous);
    const copy: Record<string, unknown> = { ...record };
    for (const field of this.#blobFields.get(object.toLowerCase()) ?? []) {
      const value = copy[field];
      if (typeof value === 'string') copy[field] = this.blobs.put(value);
      else if (value instanceof StoredBlob && !this.blobs.owns(value))
        copy[field] = this.blobs.put(value.base64()); // another org's body (a state copied across)
    }
    const stored = Object.freeze(copy) as StoredRecord;
    table.set(record.Id, stored);
    this.#index(object, stored);
  }

  /**
   * Opens an all-or-none scope. Scopes nest; each must end with exactly one rollback or release.
   * Writes are synchronous and the emulator's request handlers never wait for I/O inside a scope,
   * so a rollback cannot undo another request's write.
   */
  checkpoint(): Checkpoint {
    const mark = this.#undo.length;
    this.#openCheckpoints += 1;
    let open = true;
    const close = () => {
      if (!open) throw new Error('checkpoint already ended');
      open = false;
      this.#openCheckpoints -= 1;
      if (this.#openCheckpoints === 0) this.#undo.length = 0;
    };
    return {
      rollback: () => {
        for (let index = this.#undo.length - 1; index >= mark; index--) {
          const { object, id, previous } = this.#undo[index];
          const table = this.#table(object);
          this.#unindex(object, table.get(id));
          if (previous === undefined) table.delete(id);
          else {
            table.set(id, previous);
            this.#index(object, previous);
          }
        }
        this.#undo.length = mark;
        close();
      },
      release: close,
    };
  }

  /** Keeps `field`'s values (base64 text) on disk: stored records hold a {@link StoredBlob}. */
  defineBlobField(object: string, field: string): void {
    const key = object.toLowerCase();
    this.#blobFields.set(key, [...(this.#blobFields.get(key) ?? []), field]);
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

  /** Whether `field` of `object` has an index ({@link defineIndex}). */
  isIndexed(object: string, field: string): boolean {
    return this.#indexes.get(object.toLowerCase())?.has(field) === true;
  }

  /**
   * Live records whose indexed `field` has the value's key, in the table's order; undefined when
   * `field` is not indexed.
   */
  withValue(object: string, field: string, value: unknown): StoredRecord[] | undefined {
    const index = this.#indexes.get(object.toLowerCase())?.get(field);
    if (index === undefined) return undefined;
    const key = index.key(value);
    const ids = key === undefined ? undefined : index.ids.get(key);
    if (ids === undefined) return [];
    return this.inTableOrder([...ids].map((id) => this.get(object, id)!));
  }

  /** `records` sorted as {@link all} lists them (by when each was first stored). */
  inTableOrder(records: StoredRecord[]): StoredRecord[] {
    const position = (record: StoredRecord) => this.#position.get(record.Id) ?? 0;
    return records.sort((a, b) => position(a) - position(b));
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
      if (key === undefined) continue;
      const ids = index.ids.get(key);
      ids?.delete(record.Id);
      if (ids?.size === 0) index.ids.delete(key);
    }
  }
}
