import { describe, expect, it } from 'vitest';
import { RecordStore, type StoredRecord } from '../store/record-store.js';

const lower = (value: unknown) => (typeof value === 'string' ? value.toLowerCase() : undefined);

function storeWithIndex(): RecordStore {
  const store = new RecordStore();
  store.defineIndex('Thing', 'Key', lower);
  return store;
}

const thing = (id: string, key: string, extra: Record<string, unknown> = {}): StoredRecord => ({
  Id: id,
  Key: key,
  IsDeleted: false,
  ...extra,
});

describe('RecordStore', () => {
  it('answers indexed lookups in table order, without deleted records, after updates move keys', () => {
    const store = storeWithIndex();
    store.put('Thing', thing('a', 'K1'));
    store.put('Thing', thing('b', 'k2'));
    store.put('Thing', thing('c', 'K1'));
    store.put('Thing', thing('b', 'K1')); // re-keyed: now matches K1, still second in the table
    expect(store.withValue('Thing', 'Key', 'k1')?.map((record) => record.Id)).toEqual(['a', 'b', 'c']);
    expect(store.withValue('Thing', 'Key', 'K2')).toEqual([]);
    store.put('Thing', thing('a', 'K1', { IsDeleted: true }));
    expect(store.withValue('Thing', 'Key', 'K1')?.map((record) => record.Id)).toEqual(['b', 'c']);
    expect(store.withValue('Thing', 'Other', 'x')).toBeUndefined();
  });

  it('rolls back exactly the writes made since a checkpoint, indexes included', () => {
    const store = storeWithIndex();
    store.put('Thing', thing('a', 'old'));
    const checkpoint = store.checkpoint();
    store.put('Thing', thing('a', 'new'));
    store.put('Thing', thing('b', 'new'));
    store.put('Thing', thing('a', 'newer'));
    checkpoint.rollback();
    expect(store.all('Thing')).toEqual([thing('a', 'old')]);
    expect(store.withValue('Thing', 'Key', 'old')?.map((record) => record.Id)).toEqual(['a']);
    expect(store.withValue('Thing', 'Key', 'new')).toEqual([]);
    expect(store.withValue('Thing', 'Key', 'newer')).toEqual([]);
    expect(store.get('Thing', 'b')).toBeUndefined();
  });

  it('nests: an outer rollback undoes a released inner scope; a released scope is never undone later', () => {
    const store = storeWithIndex();
    const outer = store.checkpoint();
    store.put('Thing', thing('a', 'one'));
    const inner = store.checkpoint();
    store.put('Thing', thing('b', 'two'));
    inner.release();
    outer.rollback();
    expect(store.all('Thing')).toEqual([]);

    const kept = store.checkpoint();
    store.put('Thing', thing('c', 'three'));
    kept.release();
    const later = store.checkpoint();
    store.put('Thing', thing('d', 'four'));
    later.rollback();
    expect(store.all('Thing').map((record) => record.Id)).toEqual(['c']);
    expect(() => later.release()).toThrow(/already ended/);
  });
});
