import { describe, expect, it } from 'vitest';
import { readCollectionsPerRequest } from './collections-per-request.js';
import {
  optionalEnv,
  readBooleanEnv,
  readEnumEnv,
  readIntegerEnv,
  readListEnv,
  requireEnv,
} from './environment.js';
import { readGlobalAnalytics } from './global-analytics.js';

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

  it('read comma-separated lists: items trimmed, blanks dropped, the fallback when unset or blank', () => {
    expect(readListEnv('L', ['a'], { L: ' x , /y ,, z ' })).toEqual(['x', '/y', 'z']);
    expect(readListEnv('L', ['a'], {})).toEqual(['a']);
    expect(readListEnv('L', ['a'], { L: '  ' })).toEqual(['a']);
    expect(readListEnv('L', ['a'], { L: ' , ' })).toEqual([]);
    const fallback = ['a'];
    readListEnv('L', fallback, {}).push('b');
    expect(fallback).toEqual(['a']);
  });

  it('read the reporting settings shared by two functions', () => {
    expect(readGlobalAnalytics({})).toBe(false);
    expect(readGlobalAnalytics({ GLOBAL_ANALYTICS_ENABLED: ' True ' })).toBe(true);
    expect(readGlobalAnalytics({ GLOBAL_ANALYTICS_ENABLED: 'yes' })).toBe(false);
    expect(readCollectionsPerRequest({})).toBe(5);
    expect(readCollectionsPerRequest({ SF_COLLECTIONS_PER_REQUEST: '2' })).toBe(2);
    expect(() => readCollectionsPerRequest({ SF_COLLECTIONS_PER_REQUEST: '6' })).toThrow(
      expect.objectContaining({
        name: 'Configuration',
        setting: 'SF_COLLECTIONS_PER_REQUEST',
        message:
          'Environment variable SF_COLLECTIONS_PER_REQUEST (stack parameter SalesforceCollectionsPerRequest) must be an integer between 1 and 5',
      }),
    );
  });
});
