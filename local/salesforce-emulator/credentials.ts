/** Credentials of the emulated org: random per instance unless overridden. */
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import type { EmulatorCredentials } from './types.js';

// RSA key generation takes ~100 ms; one key per process is enough for every emulator instance.
let processKeyPem: string | undefined;

function defaultPrivateKeyPem(): string {
  processKeyPem ??= generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({
    type: 'pkcs8',
    format: 'pem',
  }) as string;
  return processKeyPem;
}

const random = (bytes: number): string => randomBytes(bytes).toString('base64url');

/**
 * The emulated org's API user and connected app: random secrets unless overridden, so a test never
 * depends on a fixed password.
 */
export function buildCredentials(overrides: Partial<EmulatorCredentials> = {}): EmulatorCredentials {
  return {
    username: overrides.username ?? 'apiuser@connect-emulator.example.com',
    password: overrides.password ?? `Pw-${random(12)}`,
    securityToken: overrides.securityToken ?? random(18).replace(/[-_]/g, 'x'),
    consumerKey: overrides.consumerKey ?? `3MVG9${random(30)}`,
    consumerSecret: overrides.consumerSecret ?? random(32),
    privateKeyPem: overrides.privateKeyPem ?? defaultPrivateKeyPem(),
  };
}
