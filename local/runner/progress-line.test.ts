import { describe, expect, it } from 'vitest';
import { ProgressLine } from './progress-line.js';

function stream(isTTY: boolean, columns?: number) {
  const written: string[] = [];
  return { isTTY, columns, written, write: (text: string) => written.push(text) };
}

describe('ProgressLine', () => {
  it('rewrites one line in place on a terminal and erases it before the report', () => {
    const terminal = stream(true, 40);
    const line = new ProgressLine(terminal);
    line.show('Contacts 1/2 done');
    line.show('Contacts 2/2 done');
    line.clear();
    line.clear();
    expect(terminal.written).toEqual([
      '\r\x1b[2KContacts 1/2 done',
      '\r\x1b[2KContacts 2/2 done',
      '\r\x1b[2K',
    ]);
  });

  it('fits the terminal width', () => {
    const terminal = stream(true, 12);
    new ProgressLine(terminal).show('Contacts 100/1000 done');
    expect(terminal.written).toEqual(['\r\x1b[2KContacts 1…']);
  });

  it('writes nothing when piped or when disabled (--json)', () => {
    const piped = stream(false);
    new ProgressLine(piped).show('x');
    const json = stream(true);
    const disabled = new ProgressLine(json, { enabled: false });
    disabled.show('x');
    disabled.clear();
    expect(piped.written).toEqual([]);
    expect(json.written).toEqual([]);
    expect(disabled.enabled).toBe(false);
  });
});
