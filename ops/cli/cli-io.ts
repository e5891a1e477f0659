/**
 * Output and exit codes of the operations commands: tables on stdout, progress and errors on
 * stderr; exit 2 for a usage error, 1 for a failure.
 *
 * @example
 * ```ts
 * try { ... } catch (error) { return commandFailed('redrive', error, io); }
 * ```
 */
import { UsageError } from './errors.js';

export interface CliIo {
  out: (line: string) => void;
  err: (line: string) => void;
}

export const consoleIo: CliIo = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
};

/** Prints `<command>: <message>` on stderr and returns the exit code: 2 for bad usage, else 1. */
export function commandFailed(command: string, error: unknown, io: CliIo): number {
  io.err(`${command}: ${(error as Error).message}`);
  return error instanceof UsageError || String((error as { code?: string }).code).startsWith('ERR_PARSE_ARGS')
    ? 2
    : 1;
}
