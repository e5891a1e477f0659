import { describe, expect, it } from 'vitest';
import { optionalEnv, readBooleanEnv, readEnumEnv, readIntegerEnv, requireEnv } from './environment.js';

describe('environment readers', () => {
  it('trim values and treat blanks as unset', () => {
    expect(optionalEnv('A', { A: '  x ' })).toBe('x');
    expect(optionalEnv('A', { A: '   ' })).toBeUndefined();
    expect(() => requireEnv('A', {})).toThrow(
      expect.objectContaining({ name: 'Configuration', setting: 'A' }),
    );
  });

  it('parse booleans, integers and enums, naming the variable on error', () => {
    expect(readBooleanEnv('B', false, { B: 'TRUE' })).toBe(true);
    expect(readBooleanEnv('B', true, {})).toBe(true);
    expect(() => readBooleanEnv('B', false, { B: 'y' })).toThrow(/B must be true or false/);
    expect(readIntegerEnv('N', 5, { min: 1 }, { N: '7' })).toBe(7);
    expect(() => readIntegerEnv('N', 5, { min: 1, max: 9 }, { N: '10' })).toThrow(
      /N must be an integer between 1 and 9/,
    );
    expect(() => readIntegerEnv('N', 5, {}, { N: '1.5' })).toThrow(/N/);
    expect(readEnumEnv('M', ['alpha', 'beta'] as const, 'alpha', { M: 'BETA' })).toBe('beta');
    expect(() => readEnumEnv('M', ['alpha'] as const, 'alpha', { M: 'gamma' })).toThrow(
      "Environment variable M has invalid value 'gamma'; valid values: alpha",
    );
  });
});
