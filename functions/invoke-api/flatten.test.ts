import { describe, expect, it } from 'vitest';
import { flattenFirstRecord, flattenRecord, flattenRecords } from './flatten.js';

describe('flattenRecord', () => {
  it('joins nested keys with dots and drops attributes at every level', () => {
    expect(
      flattenRecord({
        attributes: { type: 'Contact', url: '/services/data/v62.0/sobjects/Contact/003' },
        Id: '003000000000001AAA',
        Account: { attributes: { type: 'Account', url: '/x' }, Name: 'Acme', Owner: { Name: 'Ann' } },
      }),
    ).toEqual({ Id: '003000000000001AAA', 'Account.Name': 'Acme', 'Account.Owner.Name': 'Ann' });
  });

  it('keeps list positions (the original let later elements overwrite earlier ones)', () => {
    expect(
      flattenRecord({
        Id: '001',
        Contacts: { totalSize: 2, done: true, records: [{ Name: 'A' }, { Name: 'B' }] },
      }),
    ).toEqual({
      Id: '001',
      'Contacts.totalSize': 2,
      'Contacts.done': 'true',
      'Contacts.records.0.Name': 'A',
      'Contacts.records.1.Name': 'B',
    });
  });

  it('turns values into what Connect stores', () => {
    expect(flattenRecord({ a: null, b: false, c: 1.5, d: 'x', e: Number.NaN })).toEqual({
      a: '',
      b: 'false',
      c: 1.5,
      d: 'x',
      e: 'NaN',
    });
  });
});

describe('flattenRecords', () => {
  it('numbers records by position, even identical ones (original collapsed them)', () => {
    const same = { attributes: { type: 'Case' }, Subject: 'Same' };
    expect(flattenRecords([same, { ...same }, { Subject: 'Other' }], 3)).toEqual({
      sf_records_0_Subject: 'Same',
      sf_records_1_Subject: 'Same',
      sf_records_2_Subject: 'Other',
      sf_count: 3,
    });
  });

  it('keeps dotted keys inside the record part', () => {
    expect(flattenRecords([{ Id: '003', Account: { Name: 'Acme' } }], 1)).toEqual({
      sf_records_0_Id: '003',
      'sf_records_0_Account.Name': 'Acme',
      sf_count: 1,
    });
  });

  it('answers only sf_count for no records, and sf_count is the total given', () => {
    expect(flattenRecords([], 0)).toEqual({ sf_count: 0 });
    expect(flattenRecords([{ Id: 'a' }], 5)).toEqual({ sf_records_0_Id: 'a', sf_count: 5 });
  });
});

describe('flattenFirstRecord', () => {
  it('flattens one record and adds sf_count', () => {
    expect(
      flattenFirstRecord({ attributes: { type: 'Contact' }, Id: '003', Account: { Name: 'A' } }, 2),
    ).toEqual({
      Id: '003',
      'Account.Name': 'A',
      sf_count: 2,
    });
    expect(flattenFirstRecord(undefined, 0)).toEqual({ sf_count: 0 });
  });
});
