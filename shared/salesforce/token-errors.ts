/**
 * Maps token-endpoint (OAuth) error bodies to `Salesforce.Auth` with the admin guidance of
 * the original v5.28: the narrower client-credentials checks come first. The message carries
 * `error: error_description` and the fix, never a credential.
 */
import { SalesforceAuthError, type SalesforceError, SalesforceTransientError } from './errors.js';
import type { AuthMode } from './types.js';

interface OAuthErrorBody {
  error: string;
  error_description?: string;
}

/** The typed error for an OAuth-shaped body, or `undefined` when the body is not one. */
export function oauthError(status: number, body: unknown, authMode: AuthMode): SalesforceError | undefined {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return undefined;
  const record = body as Record<string, unknown>;
  if (typeof record.error !== 'string') return undefined;
  const parsed: OAuthErrorBody = {
    error: record.error,
    error_description: typeof record.error_description === 'string' ? record.error_description : undefined,
  };
  const text = parsed.error_description ? `${parsed.error}: ${parsed.error_description}` : parsed.error;
  const details = [{ errorCode: parsed.error, message: parsed.error_description ?? '' }];
  if (status >= 500) {
    return new SalesforceTransientError(`Salesforce token endpoint unavailable (${text})`, {
      status,
      details,
    });
  }
  const guidance = adminGuidance(parsed, authMode);
  return new SalesforceAuthError(
    `Salesforce authentication failed (auth mode ${authMode}): ${text}${guidance ? `. ${guidance}` : ''}`,
    { status, details },
  );
}

/** What the admin should change, by error (the original v5.28's guidance plus Salesforce's documented OAuth error codes). */
export function adminGuidance(body: OAuthErrorBody, authMode: AuthMode): string | undefined {
  const description = (body.error_description ?? '').toLowerCase();
  switch (body.error) {
    case 'invalid_grant':
      if (description.includes('no client credentials user enabled')) {
        return 'Set a Run As (execution) user on the connected app for the client credentials flow';
      }
      if (description.includes('client credentials flow not enabled')) {
        return 'Enable "Enable Client Credentials Flow" on the connected app';
      }
      if (description.includes('request not supported on this domain')) {
        return 'Use the My Domain URL (https://<domain>.my.salesforce.com) as SalesforceHost for this auth mode';
      }
      if (description.includes('audience')) {
        return 'The JWT audience must be the login host (login.salesforce.com, test.salesforce.com or the My Domain URL)';
      }
      if (description.includes("hasn't approved") || description.includes('not approved')) {
        return 'Pre-authorize the API user for the connected app (admin approved users, profile or permission set)';
      }
      if (authMode === 'password') {
        return 'Check SalesforceUsername, the Password and security token (AccessToken) in the secret, IP restrictions, that the user is not locked, and that the org allows the OAuth username-password flow';
      }
      if (authMode === 'jwt_bearer') {
        return 'Check SalesforceUsername, that the connected app holds the certificate for PrivateKey, and the clock';
      }
      return undefined;
    case 'invalid_client_id':
      return 'Check ConsumerKey in the secret';
    case 'invalid_client':
      return 'Check ConsumerSecret in the secret';
    case 'invalid_app_access':
      return 'The Run As user profile is not admin approved for the connected app';
    case 'unsupported_grant_type':
      return authMode === 'password'
        ? 'The org blocks the username-password flow; switch SalesforceAuthMode to client_credentials or jwt_bearer'
        : undefined;
    case 'inactive_user':
      return 'The API user is inactive';
    case 'rate_limit_exceeded':
      return 'Too many login attempts; wait before retrying and check the credentials';
    default:
      return undefined;
  }
}
