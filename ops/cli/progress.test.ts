import { describe, expect, it } from 'vitest';
import { ItemProgress } from './progress.js';

function stream(isTTY: boolean) {
  const written: string[] = [];
  return { isTTY, columns: 80, written, write: (text: string) => written.push(text) };
}

describe('ItemProgress', () => {
  it('rewrites one line on a terminal and erases it at the end', () => {
    const terminal = stream(true);
    const progress = new ItemProgress(terminal);
    progress.item('c-1: redrive done', 1, 2);
    progress.item('c-2: redrive done', 2, 2);
    progress.end();
    expect(progress.inPlace).toBe(true);
    expect(terminal.written).toEqual([
      '\r\x1b[2K[1/2] c-1: redrive done',
      '\r\x1b[2K[2/2] c-2: redrive done',
      '\r\x1b[2K',
    ]);
  });

  it('writes plain lines when piped, and with plain (--json) even on a terminal', () => {
    const piped = stream(false);
    const json = stream(true);
    for (const target of [new ItemProgress(piped), new ItemProgress(json, { plain: true })]) {
      target.item('m-1: started');
      target.item('c-1: redrive done', 1, 1);
      target.end();
    }
    expect(piped.written).toEqual(['m-1: started\n', '[1/1] c-1: redrive done\n']);
    expect(json.written).toEqual(piped.written);
  });
});
