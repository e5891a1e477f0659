import { describe, expect, it } from 'vitest';
import { wrapLine } from './wrap-line.js';

describe('wrapLine', () => {
  it('breaks at spaces with an indent, cuts a word longer than the width, keeps a short line', () => {
    expect(wrapLine('→ Salesforce.Request: INVALID_FIELD: No such column', 30)).toEqual([
      '→ Salesforce.Request:',
      '    INVALID_FIELD: No such',
      '    column',
    ]);
    expect(wrapLine('x'.repeat(25), 10, '  ')).toEqual([
      'x'.repeat(10),
      `  ${'x'.repeat(8)}`,
      `  ${'x'.repeat(7)}`,
    ]);
    expect(wrapLine('short', 10)).toEqual(['short']);
  });
});
