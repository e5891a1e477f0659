import { afterEach, describe, expect, it } from 'vitest';
import { parseInstant } from './cli-options.js';

describe('parseInstant', () => {
  const original = process.env.TZ;
  afterEach(() => {
    if (original === undefined) delete process.env.TZ;
    else process.env.TZ = original;
  });

  it('reads a date-time without a zone as UTC, whatever the host time zone', () => {
    process.env.TZ = 'Pacific/Auckland';
    expect(parseInstant('2026-11-28T10:00', '--since')?.toISOString()).toBe('2026-11-28T10:00:00.000Z');
    expect(parseInstant('2026-11-28T10:00:00+01:00', '--since')?.toISOString()).toBe(
      '2026-11-28T09:00:00.000Z',
    );
    expect(parseInstant('2026-11-28', '--since')?.toISOString()).toBe('2026-11-28T00:00:00.000Z');
    expect(() => parseInstant('yesterday', '--since')).toThrow(/--since must be an ISO 8601/);
  });
});
