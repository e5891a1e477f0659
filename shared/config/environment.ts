/**
 * Typed readers for environment variables. Every failure names the variable (upstream printed an
 * unformatted template instead), so a misconfigured stack says exactly what to fix.
 *
 * @example
 * ```ts
 * const host = requireEnv('SF_HOST');
 * const production = readBooleanEnv('SF_PRODUCTION', false);
 * const timeoutMs = readIntegerEnv('SF_REQUEST_TIMEOUT_MS', 10_000, { min: 100 });
 * const prefixes = readListEnv('HISTORICAL_QUEUE_REPORT_PREFIXES', ['SFDC/Queue']);
 * ```
 */

import { printable } from '../values/printable.js';
import { ConfigurationError } from './configuration-error.js';

type Env = Record<string, string | undefined>;

/** The trimmed value, or `undefined` when unset or blank. */
export function optionalEnv(name: string, env: Env = process.env): string | undefined {
  const value = env[name]?.trim();
  return value === undefined || value === '' ? undefined : value;
}

/** The trimmed value; throws {@link ConfigurationError} naming the variable when unset or blank. */
export function requireEnv(name: string, env: Env = process.env): string {
  const value = optionalEnv(name, env);
  if (value === undefined) {
    throw new ConfigurationError(`Environment variable ${name} is required but not set`, name);
  }
  return value;
}

/** `true`/`false` (case-insensitive; also `1`/`0`, `yes`/`no`); the fallback when unset. */
export function readBooleanEnv(name: string, fallback: boolean, env: Env = process.env): boolean {
  const value = optionalEnv(name, env)?.toLowerCase();
  if (value === undefined) return fallback;
  if (value === 'true' || value === '1' || value === 'yes') return true;
  if (value === 'false' || value === '0' || value === 'no') return false;
  throw new ConfigurationError(`Environment variable ${name} must be true or false`, name);
}

/**
 * A whole number within `[min, max]`; the fallback when unset. `parameter` names the stack
 * parameter that sets the variable, for the error message.
 */
export function readIntegerEnv(
  name: string,
  fallback: number,
  bounds: { min?: number; max?: number; parameter?: string } = {},
  env: Env = process.env,
): number {
  const value = optionalEnv(name, env);
  if (value === undefined) return fallback;
  const parsed = Number(value);
  const { min = Number.MIN_SAFE_INTEGER, max = Number.MAX_SAFE_INTEGER, parameter } = bounds;
  if (!Number.isInteger(parsed) || parsed < min || parsed > max) {
    const source = parameter === undefined ? name : `${name} (stack parameter ${parameter})`;
    throw new ConfigurationError(
      `Environment variable ${source} must be an integer between ${min} and ${max}`,
      name,
    );
  }
  return parsed;
}

/**
 * A comma-separated list, each item trimmed and blank items dropped; the fallback when unset or
 * blank. A value of only commas is an empty list (the caller decides whether that is valid).
 */
export function readListEnv(name: string, fallback: readonly string[], env: Env = process.env): string[] {
  const value = optionalEnv(name, env);
  if (value === undefined) return [...fallback];
  return value
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

/** One of `allowed` (case-insensitive); the fallback when unset. */
export function readEnumEnv<T extends string>(
  name: string,
  allowed: readonly T[],
  fallback: T,
  env: Env = process.env,
): T {
  const value = optionalEnv(name, env)?.toLowerCase();
  if (value === undefined) return fallback;
  const match = allowed.find((candidate) => candidate.toLowerCase() === value);
  if (match === undefined) {
    // The bad value is echoed sanitised (printable ASCII, bounded) so logs stay safe.
    const shown = printable(value, 40);
    throw new ConfigurationError(
      `Environment variable ${name} has invalid value '${shown}'; valid values: ${allowed.join(', ')}`,
      name,
    );
  }
  return match;
}
