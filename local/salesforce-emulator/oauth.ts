/**
 * `POST /services/oauth2/token`: password (password + security token),
 * client_credentials (My Domain host only) and JWT bearer (RS256 assertion signed with the
 * connected app's certificate key). Errors are `{error, error_description}` objects with 400.
 */
import { createHmac, createPublicKey, type KeyObject } from 'node:crypto';
import { jwtVerify } from 'jose';
import type { EmulatorContext } from './context.js';
import type { SessionStore } from './sessions.js';
import type { EmulatorOptions } from './types.js';

/** The OAuth grant type of the JWT bearer flow. */
export const JWT_BEARER_GRANT = 'urn:ietf:params:oauth:grant-type:jwt-bearer';

/** The token endpoint's answer: status and JSON body. */
export interface TokenResponse {
  status: number;
  body: Record<string, string>;
}

/** A token request: its parameters, authorization header and the host it was sent to. */
export interface TokenRequest {
  method: string;
  /** Form body and query parameters merged (the original package sent query parameters). */
  params: URLSearchParams;
  authorization?: string;
  /** True when called on the login host (`loginUrl`), false on the My Domain host. */
  loginHost: boolean;
}

const oauthError = (error: string, description: string, status = 400): TokenResponse => ({
  status,
  body: { error, error_description: description },
});

/**
 * The emulated token endpoint: password (with security token), client credentials (My Domain host
 * only) and JWT bearer (assertion checked against the connected app's certificate), issuing
 * sessions; errors as `{ error, error_description }` with 400.
 */
export class OAuthServer {
  #publicKey: KeyObject | undefined;

  constructor(
    private readonly context: EmulatorContext,
    private readonly sessions: SessionStore,
    private readonly policy: NonNullable<EmulatorOptions['oauth']>,
    private readonly loginUrl: () => string,
  ) {}

  async token(request: TokenRequest): Promise<TokenResponse> {
    if (request.method !== 'POST') return oauthError('invalid_request', 'must use HTTP POST');
    const grantType = request.params.get('grant_type');
    if (!grantType) return oauthError('invalid_request', 'grant type is missing');
    switch (grantType) {
      case 'password':
        return this.#password(request);
      case 'client_credentials':
        return this.#clientCredentials(request);
      case JWT_BEARER_GRANT:
        return this.#jwtBearer(request);
      default:
        return oauthError('unsupported_grant_type', 'grant type not supported');
    }
  }

  #password(request: TokenRequest): TokenResponse {
    if (this.policy.blockPasswordFlow === true)
      return oauthError('unsupported_grant_type', 'grant type not supported');
    const { credentials } = this.context;
    const client = this.#checkClient(request.params.get('client_id'), request.params.get('client_secret'));
    if (client !== undefined) return client;
    const expectedPassword = credentials.password + credentials.securityToken;
    if (
      request.params.get('username') !== credentials.username ||
      request.params.get('password') !== expectedPassword
    ) {
      return oauthError('invalid_grant', 'authentication failure');
    }
    return this.#issue(request.loginHost);
  }

  #clientCredentials(request: TokenRequest): TokenResponse {
    let clientId = request.params.get('client_id');
    let clientSecret = request.params.get('client_secret');
    const basic = /^Basic\s+(.+)$/i.exec(request.authorization ?? '');
    if (basic) {
      const decoded = Buffer.from(basic[1], 'base64').toString('utf8');
      const colon = decoded.indexOf(':');
      clientId = decodeURIComponent(decoded.slice(0, colon));
      clientSecret = decodeURIComponent(decoded.slice(colon + 1));
    }
    // Only the My Domain host serves this flow.
    if (request.loginHost) return oauthError('invalid_grant', 'request not supported on this domain');
    const client = this.#checkClient(clientId, clientSecret);
    if (client !== undefined) return client;
    if (this.policy.clientCredentialsRunAs === false) {
      return oauthError('invalid_grant', 'no client credentials user enabled');
    }
    return this.#issue(false);
  }

  async #jwtBearer(request: TokenRequest): Promise<TokenResponse> {
    const assertion = request.params.get('assertion');
    if (!assertion) return oauthError('invalid_grant', 'invalid assertion');
    const { credentials } = this.context;
    let claims: { iss?: string; sub?: string; aud?: string | string[]; exp?: number };
    try {
      this.#publicKey ??= createPublicKey(credentials.privateKeyPem);
      ({ payload: claims } = await jwtVerify(assertion, this.#publicKey, {
        algorithms: ['RS256'],
        currentDate: new Date(this.context.now()),
      }));
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (code === 'ERR_JWT_EXPIRED') return oauthError('invalid_grant', 'expired authorization code');
      return oauthError('invalid_grant', 'invalid assertion');
    }
    if (claims.exp === undefined) return oauthError('invalid_grant', 'invalid assertion');
    if (claims.iss !== credentials.consumerKey)
      return oauthError('invalid_client_id', 'client identifier invalid');
    const audiences = (Array.isArray(claims.aud) ? claims.aud : [claims.aud]).map((aud) =>
      (aud ?? '').replace(/\/+$/, ''),
    );
    const accepted = new Set([
      'https://login.salesforce.com',
      'https://test.salesforce.com',
      this.context.url,
      this.loginUrl(),
    ]);
    if (!audiences.some((aud) => accepted.has(aud)))
      return oauthError('invalid_grant', 'audience is invalid');
    if (claims.sub !== credentials.username)
      return oauthError('invalid_grant', "user hasn't approved this consumer");
    return this.#issue(request.loginHost);
  }

  #checkClient(clientId: string | null, clientSecret: string | null): TokenResponse | undefined {
    if (clientId !== this.context.credentials.consumerKey) {
      return oauthError('invalid_client_id', 'client identifier invalid');
    }
    if (clientSecret !== this.context.credentials.consumerSecret) {
      return oauthError('invalid_client', 'invalid client credentials');
    }
    return undefined;
  }

  #issue(loginHost: boolean): TokenResponse {
    const identityHost = loginHost ? this.loginUrl() : this.context.url;
    const id = `${identityHost}/id/${this.context.orgId}/${this.context.apiUserId}`;
    const issuedAt = String(this.context.now());
    const signature = createHmac('sha256', this.context.credentials.consumerSecret)
      .update(id + issuedAt)
      .digest('base64');
    return {
      status: 200,
      body: {
        access_token: this.sessions.issue(),
        instance_url: this.context.url,
        id,
        token_type: 'Bearer',
        issued_at: issuedAt,
        signature,
        scope: 'api',
      },
    };
  }
}
