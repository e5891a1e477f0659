/**
 * HTTP adapters of the OAuth endpoints: `/services/oauth2/token` (with its own fault settings),
 * `/services/oauth2/revoke` and the identity URL `/id/<org>/<user>`.
 */
import type { EmulatorContext } from './context.js';
import type { EmulatorResponse } from './http-types.js';
import type { OAuthServer } from './oauth.js';
import type { SessionStore } from './sessions.js';
import type { FaultConfig } from './types.js';

/** A request to one of the OAuth endpoints, body already read. */
export interface OAuthHttpRequest {
  method: string;
  path: string;
  url: URL;
  body: Buffer;
  contentType?: string;
  authorization?: string;
  /** Called on the login host stand-in (`loginUrl`). */
  loginHost: boolean;
  loginUrl: string;
}

/** What the OAuth endpoints need: the token server, the sessions and the token endpoint's faults. */
export interface OAuthHttpDependencies {
  context: EmulatorContext;
  oauth: OAuthServer;
  sessions: SessionStore;
  countTokenRequest(): void;
  tokenFaults: FaultConfig['tokenEndpoint'];
  /** Next value of the token endpoint's own seeded PRNG. */
  tokenRandom(): number;
}

/** The 401 `INVALID_SESSION_ID` answer for an expired, revoked or unknown token. */
export const UNAUTHORIZED: EmulatorResponse = {
  status: 401,
  body: [{ message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' }],
  headers: { 'www-authenticate': 'Token' },
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The token of an `Authorization: Bearer …` header; undefined for any other header. */
export function bearerToken(authorization: string | undefined): string | undefined {
  return /^Bearer\s+(.+)$/i.exec(authorization ?? '')?.[1]?.trim();
}

/** The response of an OAuth endpoint, or undefined when the path is not one. */
export async function oauthEndpoint(
  dependencies: OAuthHttpDependencies,
  request: OAuthHttpRequest,
): Promise<EmulatorResponse | undefined> {
  const { context, sessions } = dependencies;
  if (request.path === '/services/oauth2/token') return token(dependencies, request);
  if (request.path === '/services/oauth2/revoke' && request.method === 'POST') {
    const value =
      new URLSearchParams(request.body.toString('utf8')).get('token') ??
      request.url.searchParams.get('token') ??
      '';
    return sessions.revoke(value)
      ? { status: 200 }
      : {
          status: 400,
          body: { error: 'unsupported_token_type', error_description: 'this token type is not supported' },
        };
  }
  if (/^\/id\/[A-Za-z0-9]{15,18}\/[A-Za-z0-9]{15,18}$/.test(request.path)) {
    const bearer = bearerToken(request.authorization);
    if (bearer === undefined || !sessions.touch(bearer)) return UNAUTHORIZED;
    const user = context.store.get('User', context.apiUserId);
    return {
      status: 200,
      body: {
        id: `${request.loginHost ? request.loginUrl : context.url}${request.path}`,
        organization_id: context.orgId,
        user_id: context.apiUserId,
        username: user?.Username,
        display_name: user?.Name,
        email: user?.Email,
        active: true,
        urls: {
          rest: `${context.url}/services/data/v{version}/`,
          query: `${context.url}/services/data/v{version}/query/`,
        },
      },
    };
  }
  return undefined;
}

async function token(
  dependencies: OAuthHttpDependencies,
  request: OAuthHttpRequest,
): Promise<EmulatorResponse> {
  dependencies.countTokenRequest();
  const faults = dependencies.tokenFaults;
  if (faults?.latencyMs) await sleep(faults.latencyMs);
  if (dependencies.tokenRandom() < (faults?.serverUnavailableRate ?? 0)) {
    return { status: 503, body: { error: 'server_unavailable', error_description: 'Service Unavailable' } };
  }
  // Query-string parameters (the original package) and the form body (the documented transport).
  const params = new URLSearchParams(request.url.search);
  if (/application\/x-www-form-urlencoded/i.test(request.contentType ?? '') || request.body.length > 0) {
    for (const [key, value] of new URLSearchParams(request.body.toString('utf8'))) params.set(key, value);
  }
  const result = await dependencies.oauth.token({
    method: request.method,
    params,
    authorization: request.authorization,
    loginHost: request.loginHost,
  });
  return {
    status: result.status,
    body: result.body,
    headers: { 'cache-control': 'no-cache,must-revalidate,max-age=0,no-store,private' },
  };
}
