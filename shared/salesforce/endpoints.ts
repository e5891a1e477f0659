/**
 * Where the client sends what:
 * - API calls always go to `SalesforceHost` + `/services/data/<version>`; the token response's
 *   `instance_url` is ignored (pre-v5.6 used it and hit `URL_NOT_RESET`).
 * - `client_credentials` tokens always come from the My Domain host (login/test hosts answer
 *   "request not supported on this domain").
 * - `password` / `jwt_bearer`: an explicit `loginHost` wins; otherwise login.salesforce.com in
 *   production, else the My Domain host (sandboxes).
 *
 * @example
 * ```ts
 * tokenUrl({ host: 'https://acme.my.salesforce.com', production: true, authMode: 'password', version: 'v62.0' });
 * // → https://login.salesforce.com/services/oauth2/token
 * ```
 */

import { printable } from '../values/printable.js';
import { SalesforceConfigError } from './errors.js';
import { SALESFORCE_VERSION_ENV } from './settings-from-environment.js';
import type { SalesforceSettings } from './types.js';

/**
 * Where `password` and `jwt_bearer` tokens of a production org come from when no login host is
 * set; sandboxes use their My Domain host.
 */
export const PRODUCTION_LOGIN_HOST = 'https://login.salesforce.com';
const TOKEN_PATH = '/services/oauth2/token';

/**
 * Base URL of the login host for these settings: an origin, or origin + path prefix when
 * `loginHost` has one (e.g. an emulator serving login.salesforce.com under `/login`). It is also
 * the default JWT audience.
 */
export function loginBaseUrl(settings: SalesforceSettings): string {
  if (settings.authMode === 'client_credentials') return originOf(settings.host, 'SF_HOST');
  if (settings.loginHost !== undefined && settings.loginHost !== '') {
    return baseUrlOf(settings.loginHost, 'SF_LOGIN_HOST');
  }
  return settings.production ? PRODUCTION_LOGIN_HOST : originOf(settings.host, 'SF_HOST');
}

/**
 * The OAuth token endpoint for the settings' org and auth mode: `/services/oauth2/token` on the
 * login host (`client_credentials` always on the My Domain host).
 */
export function tokenUrl(settings: SalesforceSettings): string {
  return loginBaseUrl(settings) + TOKEN_PATH;
}

/** Origin of every data API call. */
export function apiOrigin(settings: SalesforceSettings): string {
  return originOf(settings.host, 'SF_HOST');
}

/** `/services/data/v62.0`: the prefix of every data API path. */
export function apiPathPrefix(settings: SalesforceSettings): string {
  if (!/^v\d{2,3}\.\d$/.test(settings.version)) {
    throw new SalesforceConfigError(
      `SF_VERSION must look like v62.0 (got '${printable(settings.version, 100)}')`,
      SALESFORCE_VERSION_ENV,
    );
  }
  return `/services/data/${settings.version}`;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * Validates a host setting and returns its origin. HTTPS is required except on loopback
 * (the local emulator), so credentials never travel in clear text to a real host.
 */
export function originOf(value: string, setting: string): string {
  return parseHost(value, setting).origin;
}

/** Like {@link originOf} but keeps a path prefix (without a trailing slash). */
export function baseUrlOf(value: string, setting: string): string {
  const url = parseHost(value, setting);
  return url.origin + url.pathname.replace(/\/+$/, '');
}

function parseHost(value: string, setting: string): URL {
  let url: URL;
  try {
    url = new URL(value.includes('://') ? value : `https://${value}`);
  } catch {
    throw new SalesforceConfigError(`${setting} is not a valid URL: '${printable(value, 100)}'`, setting);
  }
  const loopback = LOOPBACK.has(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) {
    throw new SalesforceConfigError(
      `${setting} must be an https:// URL (got '${printable(value, 100)}')`,
      setting,
    );
  }
  if (url.search !== '' || url.hash !== '' || url.username !== '' || url.password !== '') {
    throw new SalesforceConfigError(
      `${setting} must not contain credentials, a query or a fragment`,
      setting,
    );
  }
  return url;
}
