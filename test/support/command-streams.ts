/**
 * Streams a command writes to in a test ({@link runProgram}'s `streams`): everything written is
 * kept as text, stdout and stderr apart; `tty: true` makes stderr look like a terminal (progress
 * rewrites one line in place there).
 *
 * @example
 * ```ts
 * const streams = commandStreams();
 * const code = await main(['--help'], streams);
 * expect(streams.stdoutText()).toContain('Usage:');
 * ```
 */
import type { CommandStreams } from '../../ops/cli/program.js';

export interface CapturedStreams extends CommandStreams {
  stdoutText(): string;
  stderrText(): string;
}

export function commandStreams(options: { tty?: boolean; columns?: number } = {}): CapturedStreams {
  const out: string[] = [];
  const err: string[] = [];
  return {
    stdout: { write: (text: string) => out.push(text), columns: options.columns },
    stderr: {
      write: (text: string) => err.push(text),
      isTTY: options.tty === true,
      columns: options.columns,
    },
    stdoutText: () => out.join(''),
    stderrText: () => err.join(''),
  };
}

/**
 * Streams that hand each complete line to a callback, for tests that look at lines:
 * `lineStreams({ out: (line) => lines.push(line), err: () => {} })`.
 */
export function lineStreams(sinks: {
  out: (line: string) => void;
  err: (line: string) => void;
}): CommandStreams {
  const lineWriter = (sink: (line: string) => void) => {
    let pending = '';
    return {
      write: (text: string) => {
        const parts = (pending + text).split('\n');
        pending = parts.pop() ?? '';
        for (const line of parts) sink(line);
      },
    };
  };
  return { stdout: lineWriter(sinks.out), stderr: lineWriter(sinks.err) };
}
