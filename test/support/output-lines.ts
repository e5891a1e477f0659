/**
 * Captures what the process writes to stdout and stderr, one entry per line: the loggers' output
 * as CloudWatch would receive it (with `POWERTOOLS_DEV` unset, Powertools writes one JSON line per
 * entry to the process streams).
 *
 * @example
 * ```ts
 * const output = captureOutputLines();
 * logger.info('hello');
 * output.stop();
 * JSON.parse(output.lines[0]).message; // 'hello'
 * ```
 */
import { vi } from 'vitest';

export interface OutputLines {
  readonly lines: string[];
  stop(): void;
}

export function captureOutputLines(): OutputLines {
  const lines: string[] = [];
  const capture = (chunk: unknown): boolean => {
    lines.push(...String(chunk).split('\n').filter(Boolean));
    return true;
  };
  const out = vi.spyOn(process.stdout, 'write').mockImplementation(capture);
  const err = vi.spyOn(process.stderr, 'write').mockImplementation(capture);
  return {
    lines,
    stop: () => {
      out.mockRestore();
      err.mockRestore();
    },
  };
}
