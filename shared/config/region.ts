/**
 * The region a function runs in, read one way everywhere.
 *
 * @example
 * ```ts
 * const region = readRegion(process.env); // 'eu-west-2'
 * ```
 */
import { ConfigurationError } from './configuration-error.js';
import { optionalEnv } from './environment.js';

/** The Lambda runtime's region variable (`AWS_DEFAULT_REGION` is the fallback). */
export const AWS_REGION_ENV = 'AWS_REGION';

/** The region; a {@link ConfigurationError} naming `AWS_REGION` when neither variable is set. */
export function readRegion(env: Record<string, string | undefined>): string {
  const region = optionalEnv(AWS_REGION_ENV, env) ?? optionalEnv('AWS_DEFAULT_REGION', env);
  if (region === undefined) {
    throw new ConfigurationError(`Environment variable ${AWS_REGION_ENV} is not set`, AWS_REGION_ENV);
  }
  return region;
}
