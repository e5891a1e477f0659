import { describe, expect, it } from 'vitest';
import { renderTable } from './text-table.js';

describe('renderTable', () => {
  it('keeps a table that fits as it is', () => {
    expect(renderTable(['a', 'status'], [['c-1', 'SUCCEEDED']])).toBe(
      'a    status\n---  ---------\nc-1  SUCCEEDED',
    );
  });

  it('fits 120 columns by narrowing the widest columns, cutting their long cells with …', () => {
    const long = 'Import contact trace record and recording > Process recording and analytics > '.repeat(8);
    const table = renderTable(
      ['Contact', 'States visited', 'Records'],
      [['c-1', long, 'CTR a0A1 a0A2'.repeat(10)]],
      { maxWidth: 120 },
    );
    const lines = table.split('\n');
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(120);
    expect(lines[2]).toContain('…');
    expect(lines[2]?.startsWith('c-1')).toBe(true);
  });

  it('keeps every cell whole without maxWidth', () => {
    const long = 'x'.repeat(300);
    expect(renderTable(['h'], [[long]])).toContain(long);
  });

  it('never cuts a kept column', () => {
    const id = '22222222-2222-4222-8222-222222222222';
    const table = renderTable(['contact', 'cause'], [[id, 'x'.repeat(200)]], { maxWidth: 60, keep: [0] });
    const row = table.split('\n')[2] ?? '';
    expect(row.startsWith(`${id}  `)).toBe(true);
    expect(row.length).toBeLessThanOrEqual(60);
  });

  it('narrows the other columns first to leave a column its minimum width', () => {
    const table = renderTable(
      ['state', 'cause'],
      [['Import contact trace record'.repeat(3), 'Salesforce.RateLimited: REQUEST_LIMIT_EXCEEDED'.repeat(2)]],
      { maxWidth: 60, minWidths: { 1: 40 } },
    );
    const row = table.split('\n')[2] ?? '';
    expect(row.length).toBeLessThanOrEqual(60);
    expect(row).toContain('Salesforce.RateLimited: REQUEST_LIMIT_E');
  });
});
