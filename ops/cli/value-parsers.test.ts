import { InvalidArgumentError } from '@commander-js/extra-typings';
import { afterEach, describe, expect, it } from 'vitest';
import {
  checked,
  collect,
  enumListParser,
  integerBetween,
  numberBetween,
  parseInstant,
  parsePositiveInt,
  repeatable,
} from './value-parsers.js';

describe('parseInstant', () => {
  const original = process.env.TZ;
  afterEach(() => {
    if (original === undefined) delete process.env.TZ;
    else process.env.TZ = original;
  });

  it('reads a date-time without a zone as UTC, whatever the host time zone', () => {
    process.env.TZ = 'Pacific/Auckland';
    expect(parseInstant('2026-11-28T10:00').toISOString()).toBe('2026-11-28T10:00:00.000Z');
    expect(parseInstant('2026-11-28T10:00:00+01:00').toISOString()).toBe('2026-11-28T09:00:00.000Z');
    expect(parseInstant('2026-11-28').toISOString()).toBe('2026-11-28T00:00:00.000Z');
    expect(() => parseInstant('yesterday')).toThrow(InvalidArgumentError);
    expect(() => parseInstant('yesterday')).toThrow(/ISO 8601/);
  });
});

describe('value parsers', () => {
  it('parsePositiveInt takes whole numbers from 1', () => {
    expect(parsePositiveInt('12')).toBe(12);
    for (const bad of ['0', '-1', '1.5', 'x', ''])
      expect(() => parsePositiveInt(bad)).toThrow(InvalidArgumentError);
  });

  it('numberBetween keeps to its range', () => {
    const rate = numberBetween(0, 1);
    expect(rate('0.25')).toBe(0.25);
    for (const bad of ['1.5', '-0.1', 'x', '']) expect(() => rate(bad)).toThrow(/from 0 to 1/);
  });

  it('enumListParser reads a comma list case-insensitively, in the allowed spelling, without repeats', () => {
    const statuses = enumListParser(['FAILED', 'TIMED_OUT', 'ABORTED'] as const, 'status');
    expect(statuses('failed, timed_out,FAILED')).toEqual(['FAILED', 'TIMED_OUT']);
    expect(() => statuses('FAILED,BROKEN')).toThrow(
      'unknown status "BROKEN"; use a comma list of FAILED, TIMED_OUT, ABORTED',
    );
    expect(() => statuses(',')).toThrow(InvalidArgumentError);
  });

  it('collect gathers a repeated option', () => {
    expect(collect('b', collect('a', []))).toEqual(['a', 'b']);
  });

  it('integerBetween takes whole numbers within its range', () => {
    const port = integerBetween(0, 65535);
    expect(port('0')).toBe(0);
    expect(port('8443')).toBe(8443);
    for (const bad of ['65536', '-1', '80.5', 'abc', '']) expect(() => port(bad)).toThrow(/from 0 to 65535/);
  });

  it('checked turns a plain error into the reason for a bad value', () => {
    const readJson = checked((value) => JSON.parse(value) as unknown, 'not JSON');
    expect(readJson('{"a":1}')).toEqual({ a: 1 });
    expect(() => readJson('{')).toThrow(InvalidArgumentError);
    expect(() => readJson('{')).toThrow(/^not JSON: /);
    expect(() => checked(parsePositiveInt, 'never shown')('0')).toThrow('must be a positive integer');
  });

  it('repeatable parses every value of a repeated option, in order', () => {
    const numbers = repeatable(parsePositiveInt);
    expect(numbers('2', numbers('1', undefined))).toEqual([1, 2]);
    expect(() => numbers('x', [1])).toThrow(InvalidArgumentError);
  });
});
