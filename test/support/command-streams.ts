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
