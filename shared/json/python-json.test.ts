// Expected texts are what Python 3.12's json.dumps wrote for the same values (checked side by side).
import { describe, expect, it } from 'vitest';
import { JsonSource, JsonSourceSyntaxError } from './json-source.js';
import { PythonFloat, pythonFloatText, pythonJson } from './python-json.js';

describe('pythonJson', () => {
  it('keeps keys in the order received, with ", " and ": " separators and ASCII escapes', () => {
    expect(pythonJson({ zeta: '1', postcallCTRImportEnabled: 'true', alpha: 'café' })).toBe(
      '{"zeta": "1", "postcallCTRImportEnabled": "true", "alpha": "caf\\u00e9"}',
    );
  });

  it('escapes like ensure_ascii: surrogate pairs, DEL, control characters, U+2028, quotes and backslashes', () => {
    expect(pythonJson({ e: '\u{1F600}\x7f\x00\u2028\t"\\/' })).toBe(
      '{"e": "\\ud83d\\ude00\\u007f\\u0000\\u2028\\t\\"\\\\/"}',
    );
    expect(pythonJson('x\ud800y')).toBe('"x\\ud800y"');
  });

  it('writes nested containers, empty ones, null and booleans as Python does', () => {
    expect(pythonJson({ a: [1, 2, { b: null }], c: {}, d: [], t: true, f: false })).toBe(
      '{"a": [1, 2, {"b": null}], "c": {}, "d": [], "t": true, "f": false}',
    );
  });

  it('leaves out undefined members and refuses values JSON cannot hold', () => {
    expect(pythonJson({ a: undefined, b: 1 })).toBe('{"b": 1}');
    expect(() => pythonJson(new Date(0) as never)).toThrow('Object of type Date is not JSON serializable');
  });

  it('writes integers as integers and PythonFloat/fractional numbers as Python floats', () => {
    expect(pythonJson([5, new PythonFloat(5), 0.47, 2 ** 64, 12345678901234567890n])).toBe(
      '[5, 5.0, 0.47, 18446744073709551616, 12345678901234567890]',
    );
  });
});

describe('pythonFloatText (repr of a float)', () => {
  it.each([
    [5, '5.0'],
    [0.47, '0.47'],
    [0.87654321, '0.87654321'],
    [1e-5, '1e-05'],
    [0.0001, '0.0001'],
    [2.5e-7, '2.5e-07'],
    [1e15, '1000000000000000.0'],
    [1e16, '1e+16'],
    [1.2345678901234568e17, '1.2345678901234568e+17'],
    [1.5e300, '1.5e+300'],
    [100000, '100000.0'],
    [-0, '-0.0'],
    [-1.5, '-1.5'],
    [Number.POSITIVE_INFINITY, 'Infinity'],
    [Number.NaN, 'NaN'],
  ])('%s → %s', (value, text) => {
    expect(pythonFloatText(value)).toBe(text);
  });
});

describe('JsonSource', () => {
  it('keeps source key order (integer-like keys too), number texts and Python duplicate-key semantics', () => {
    const source = JsonSource.parse(
      '{"2": 5.0, "1": [1e2, -0, 12345678901234567890, 1E-7, -1.50], "a": {"b": null, "c": true, "a": 1, "b": 2}}',
    );
    expect(pythonJson(source)).toBe(
      '{"2": 5.0, "1": [100.0, 0, 12345678901234567890, 1e-07, -1.5], "a": {"b": 2, "c": true, "a": 1}}',
    );
  });

  it('embeds parsed sub-values in built values and finds them by path', () => {
    const source = JsonSource.parse('{"Transcript": [{"LoudnessScore": [70.0, 65.5, null]}]}');
    expect(pythonJson({ loudness_score: source.get('Transcript', 0, 'LoudnessScore') ?? null })).toBe(
      '{"loudness_score": [70.0, 65.5, null]}',
    );
    expect(source.get('Transcript', 3)).toBeUndefined();
    expect(source.get('Nope', 'deeper')).toBeUndefined();
  });

  it('keeps escaped lone surrogates and non-ASCII text of the source', () => {
    expect(pythonJson(JsonSource.parse('{"k": "\\ud800 café \u{1F600}"}'))).toBe(
      '{"k": "\\ud800 caf\\u00e9 \\ud83d\\ude00"}',
    );
  });

  it('tells empty values apart', () => {
    expect(JsonSource.parse('{}').isEmpty).toBe(true);
    expect(JsonSource.parse('null').isEmpty).toBe(true);
    expect(JsonSource.parse('{"a": 1}').isEmpty).toBe(false);
  });

  it('refuses what is not strict JSON, naming the position but not the text', () => {
    for (const text of ['{"a": 1,}', '{"a": 1} // c', '', '{"secret": "x', "{'a': 1}"]) {
      expect(() => JsonSource.parse(text)).toThrow(JsonSourceSyntaxError);
    }
    expect(() => JsonSource.parse('{"secret": x}')).toThrow(/^not valid JSON: \w+ at position 11$/);
  });
});
