/**
 * Option value parsers for commander: each turns the text after an option into a typed value or
 * throws commander's `InvalidArgumentError`, which the parser reports as
 * `error: option '--concurrency <n>' argument 'x' is invalid. must be a positive integer` and
 * {@link runProgram} ends with exit 2.
 *
 * @example
 * ```ts
 * program
 *   .option('--concurrency <n>', 'executions handled at once', parsePositiveInt, 10)
 *   .option('--since <iso>', 'started at or after', parseInstant)
 *   .option('--status <list>', 'comma list', enumListParser(['FAILED', 'TIMED_OUT']))
 *   .option('--contact-id <id>', 'repeatable', collect, []);
 * ```
 */
import { InvalidArgumentError } from '@commander-js/extra-typings';

/** A whole number from 1 up. */
export function parsePositiveInt(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isInteger(n) || n < 1)
    throw new InvalidArgumentError('must be a positive integer');
  return n;
}

/** A number within [min, max], e.g. a rate from 0 to 1. */
export function numberBetween(min: number, max: number): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (value.trim() === '' || !(n >= min && n <= max))
      throw new InvalidArgumentError(`must be a number from ${min} to ${max}`);
    return n;
  };
}

/** An ISO 8601 date or date-time; without a zone it is UTC (never the host's time zone). */
export function parseInstant(value: string): Date {
  const zoneless = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(value);
  const date = new Date(zoneless ? `${value}Z` : value);
  if (Number.isNaN(date.getTime()))
    throw new InvalidArgumentError('must be an ISO 8601 date or date-time, e.g. 2026-11-28T09:00Z');
  return date;
}

/**
 * A comma list of allowed words, case-insensitive (`failed,timed_out`), kept in the given order
 * without repeats; `noun` names a word in the error (`unknown status "BROKEN"`). An empty list is refused: it would silently select nothing.
 */
export function enumListParser<T extends string>(
  allowed: readonly T[],
  noun = 'value',
): (value: string) => T[] {
  return (value) => {
    const words = value
      .split(',')
      .map((word) => word.trim())
      .filter(Boolean);
    const matched = words.map((word) => allowed.find((a) => a.toLowerCase() === word.toLowerCase()));
    const unknown = words.filter((_, i) => matched[i] === undefined);
    if (unknown.length > 0)
      throw new InvalidArgumentError(
        `unknown ${noun} ${unknown.map((word) => `"${word}"`).join(', ')}; use a comma list of ${allowed.join(', ')}`,
      );
    if (words.length === 0) throw new InvalidArgumentError(`use a comma list of ${allowed.join(', ')}`);
    return [...new Set(matched as T[])];
  };
}

/** A repeatable option (`--contact-id a --contact-id b`); pass `[]` as its default. */
export function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

/** A whole number within [min, max], e.g. a port from 0 to 65535. */
export function integerBetween(min: number, max: number): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (value.trim() === '' || !Number.isInteger(n) || n < min || n > max)
      throw new InvalidArgumentError(`must be a whole number from ${min} to ${max}`);
    return n;
  };
}

/**
 * A parser from a function that throws a plain `Error` on a bad value (e.g. reading a file): its
 * message becomes the reason, after `reason` when given.
 */
export function checked<T>(parse: (value: string) => T, reason?: string): (value: string) => T {
  return (value) => {
    try {
      return parse(value);
    } catch (error) {
      if (error instanceof InvalidArgumentError) throw error;
      const message = (error as Error).message;
      throw new InvalidArgumentError(reason === undefined ? message : `${reason}: ${message}`);
    }
  };
}

/** A repeatable option whose every value is parsed (`--reject-field A.B --reject-field C.D`). */
export function repeatable<T>(
  parse: (value: string) => T,
): (value: string, previous: T[] | undefined) => T[] {
  return (value, previous) => [...(previous ?? []), parse(value)];
}
