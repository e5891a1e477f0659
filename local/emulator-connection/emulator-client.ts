/**
 * A `SalesforceClient` for a running emulator, built directly (no environment, no Secrets
 * Manager): the emulator's credentials, any auth mode, either transport. For tests and benchmarks
 * that exercise the client itself; handlers get theirs through `useSalesforceEmulator`.
 *
 * @example
 * ```ts
 * const client = emulatorClient(emulator, { authMode: 'client_credentials', transport: nodeHttpTransport() });
 * ```
 */
import { SalesforceClient, type SalesforceClientOptions } from '../../shared/salesforce/client.js';
import { StaticCredentialsSource } from '../../shared/salesforce/credentials.js';
import type { AuthMode, SalesforceCredentials } from '../../shared/salesforce/types.js';
import { undiciTransport } from '../../shared/salesforce/undici-transport.js';
import type { SalesforceEmulator } from '../salesforce-emulator/types.js';
import { emulatorSecret } from './salesforce-environment.js';

/** How {@link emulatorClient} logs in and talks to the emulator. */
export interface EmulatorClientOptions
  extends Partial<Pick<SalesforceClientOptions, 'transport' | 'retry' | 'logger'>> {
  /** Default `password`. */
  authMode?: AuthMode;
  /** Log in here instead of the My Domain host (password, jwt_bearer). */
  loginHost?: string;
  /** Replaces keys of the emulator's credentials (failure tests). */
  credentials?: Partial<SalesforceCredentials>;
}

/**
 * A real {@link SalesforceClient} pointed at a running emulator with its credentials.
 *
 * @example
 * ```ts
 * const client = emulatorClient(emulator, { authMode: 'jwt_bearer' });
 * ```
 */
export function emulatorClient(
  emulator: SalesforceEmulator,
  options: EmulatorClientOptions = {},
): SalesforceClient {
  return new SalesforceClient({
    transport: options.transport ?? undiciTransport(),
    settings: {
      host: emulator.url,
      version: 'v62.0',
      username: emulator.credentials.username,
      production: false,
      authMode: options.authMode ?? 'password',
      loginHost: options.loginHost,
    },
    credentials: new StaticCredentialsSource({ ...emulatorSecret(emulator), ...options.credentials }),
    retry: options.retry,
    logger: options.logger,
  });
}
