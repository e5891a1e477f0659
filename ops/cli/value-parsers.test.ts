import { InvalidArgumentError } from '@commander-js/extra-typings';
import { afterEach, describe, expect, it } from 'vitest';
import { collect, enumListParser, numberBetween, parseInstant, parsePositiveInt } from './value-parsers.js';

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
});
