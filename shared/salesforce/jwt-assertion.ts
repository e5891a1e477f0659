/**
 * Signs the JWT bearer assertion: RS256, `iss` = consumer key, `sub` =
 * username, `aud` = login host, `exp` within Salesforce's 3-minute window.
 *
 * @example
 * ```ts
 * const assertion = await signJwtAssertion({ privateKeyPem, consumerKey, username, audience: 'https://login.salesforce.com' });
 * ```
 */
import { createPrivateKey, type KeyObject } from 'node:crypto';
import { SignJWT } from 'jose';
import { SalesforceConfigError } from './errors.js';

const LIFETIME_SECONDS = 150;

// Parsing a PEM costs more than signing; keep the last key (the secret rarely changes).
let cachedKey: { pem: string; key: KeyObject } | undefined;

function privateKey(pem: string): KeyObject {
  if (cachedKey?.pem === pem) return cachedKey.key;
  let key: KeyObject;
  try {
    // Accepts PKCS#8 ("BEGIN PRIVATE KEY") and PKCS#1 ("BEGIN RSA PRIVATE KEY").
    key = createPrivateKey(pem.includes('\\n') && !pem.includes('\n') ? pem.replaceAll('\\n', '\n') : pem);
  } catch {
    throw new SalesforceConfigError('Secret key PrivateKey is not a valid PEM private key', 'PrivateKey');
  }
  if (key.asymmetricKeyType !== 'rsa') {
    throw new SalesforceConfigError('Secret key PrivateKey must be an RSA private key (RS256)', 'PrivateKey');
  }
  cachedKey = { pem, key };
  return key;
}

/**
 * Signs the JWT bearer assertion (RS256) for the `jwt_bearer` flow: issuer the consumer key, subject
 * the username, audience the login host, expiring 150 s after signing (inside the three minutes
 * Salesforce accepts).
 *
 * @example
 * ```ts
 * const assertion = await signJwtAssertion({ privateKeyPem, consumerKey, username, audience: PRODUCTION_LOGIN_HOST });
 * ```
 */
export async function signJwtAssertion(input: {
  privateKeyPem: string;
  consumerKey: string;
  username: string;
  audience: string;
  now?: () => number;
}): Promise<string> {
  const nowSeconds = Math.floor((input.now ?? Date.now)() / 1000);
  return new SignJWT({})
    .setProtectedHeader({ alg: 'RS256' })
    .setIssuer(input.consumerKey)
    .setSubject(input.username)
    .setAudience(input.audience)
    .setExpirationTime(nowSeconds + LIFETIME_SECONDS)
    .sign(privateKey(input.privateKeyPem));
}
