import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeJsonFile } from './json-file.js';

describe('writeJsonFile', () => {
  const directory = mkdtempSync(join(tmpdir(), 'json-file-'));
  afterAll(() => rmSync(directory, { recursive: true, force: true }));

  it('writes exactly JSON.stringify(value) and a newline, at any depth, with omitted values as JSON omits them', () => {
    const value = {
      version: 1,
      skipped: undefined,
      when: new Date(0),
      tables: {
        Account: [
          { Id: '001', Name: 'A "quoted" \u2028 name', Deep: { a: [1, { b: null }] } },
          { Id: '002', Gone: undefined, Fn: () => 1 },
        ],
        Empty: [],
      },
      list: [undefined, () => 1, 'x', [[[['deep']]]]],
      text: 'é',
    };
    const file = join(directory, 'nested', 'state.json');
    writeJsonFile(file, value);
    expect(readFileSync(file, 'utf8')).toBe(`${JSON.stringify(value)}\n`);
  });

  it('writes large values in pieces (bigger than one flush)', () => {
    const rows = Array.from({ length: 3000 }, (_, index) => ({ Id: String(index), Body: 'x'.repeat(1000) }));
    const file = join(directory, 'large.json');
    writeJsonFile(file, { rows });
    expect(readFileSync(file, 'utf8')).toBe(`${JSON.stringify({ rows })}\n`);
  });
});
