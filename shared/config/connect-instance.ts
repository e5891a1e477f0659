/**
 * The Amazon Connect instance id setting.
 *
 * @example
 * ```ts
 * const instanceId = readConnectInstanceId(process.env); // undefined when unset
 * ```
 */
import { optionalEnv } from './environment.js';

/** The Amazon Connect instance id (stack parameter AmazonConnectInstanceId). */
export const CONNECT_INSTANCE_ID_ENV = 'AMAZON_CONNECT_INSTANCE_ID';

/** The Amazon Connect instance id, or `undefined` when unset or blank. */
export function readConnectInstanceId(env: Record<string, string | undefined>): string | undefined {
  return optionalEnv(CONNECT_INSTANCE_ID_ENV, env);
}
