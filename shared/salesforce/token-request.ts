/**
 * The form-encoded token request body for each auth mode. Credentials travel
 * in the body, never in the query string (the original put them there, where proxies log them). Missing secret keys or settings
 * raise `Salesforce.Config` naming the key.
 */
import { SalesforceConfigError } from './errors.js';
import { signJwtAssertion } from './jwt-assertion.js';
import { SALESFORCE_AUTH_MODE_ENV, SALESFORCE_USERNAME_ENV } from './settings-from-environment.js';
import type { SalesforceCredentials, SalesforceSettings } from './types.js';

/** The OAuth grant type of the JWT bearer flow. */
export const JWT_BEARER_GRANT = 'urn:ietf:params:oauth:grant-type:jwt-bearer';

/**
 * The form body of the token request for the configured auth mode. A credential the mode needs but
 * the secret lacks is a configuration error naming the key.
 */
export async function tokenRequestBody(
  settings: SalesforceSettings,
  credentials: SalesforceCredentials,
  audience: string,
): Promise<string> {
  switch (settings.authMode) {
    case 'password':
      return new URLSearchParams({
        grant_type: 'password',
        client_id: requireKey(credentials, 'ConsumerKey'),
        client_secret: requireKey(credentials, 'ConsumerSecret'),
        username: requireUsername(settings),
        // The security token is appended directly to the password (may be empty for trusted IPs).
        password: requireKey(credentials, 'Password') + (credentials.AccessToken ?? ''),
      }).toString();
    case 'client_credentials':
      return new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: requireKey(credentials, 'ConsumerKey'),
        client_secret: requireKey(credentials, 'ConsumerSecret'),
      }).toString();
    case 'jwt_bearer':
      return new URLSearchParams({
        grant_type: JWT_BEARER_GRANT,
        assertion: await signJwtAssertion({
          privateKeyPem: requireKey(credentials, 'PrivateKey'),
          consumerKey: requireKey(credentials, 'ConsumerKey'),
          username: requireUsername(settings),
          audience,
        }),
      }).toString();
    default:
      throw new SalesforceConfigError(
        `SF_AUTH_MODE '${String(settings.authMode)}' is not supported; valid values: password, client_credentials, jwt_bearer`,
        SALESFORCE_AUTH_MODE_ENV,
      );
  }
}

function requireKey(credentials: SalesforceCredentials, key: keyof SalesforceCredentials): string {
  const value = credentials[key];
  if (typeof value !== 'string' || value.trim() === '') {
    throw new SalesforceConfigError(`The Salesforce credentials secret has no value for key ${key}`, key);
  }
  return value;
}

function requireUsername(settings: SalesforceSettings): string {
  if (settings.username === undefined || settings.username.trim() === '') {
    throw new SalesforceConfigError(
      `SF_USERNAME is required for auth mode ${settings.authMode}`,
      SALESFORCE_USERNAME_ENV,
    );
  }
  return settings.username.trim();
}
