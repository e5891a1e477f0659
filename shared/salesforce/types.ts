/**
 * The Salesforce REST client's public contract. Functions depend on {@link SalesforceApi}; the
 * implementation lives in `client.ts` (`SalesforceClient`).
 */
import type { Readable } from 'node:stream';

/** How the client obtains an access token (`SalesforceAuthMode` parameter). */
export type AuthMode = 'password' | 'client_credentials' | 'jwt_bearer';

/** Non-secret connection settings (from environment / stack parameters). */
export interface SalesforceSettings {
  /** `SalesforceHost`: the org's My Domain URL, e.g. `https://acme.my.salesforce.com`. API calls always go here. */
  host: string;
  /** `SalesforceVersion`, e.g. `v62.0`. */
  version: string;
  /** `SalesforceUsername` (password and jwt_bearer modes). */
  username?: string;
  /** `SalesforceProduction`: password/jwt modes log in at login.salesforce.com when true (see upstream §12). */
  production: boolean;
  authMode: AuthMode;
  /** Override of the login host (tests, sandboxes with test.salesforce.com). */
  loginHost?: string;
  /** Per-request timeout in ms (default 10 000). */
  requestTimeoutMs?: number;
  /** jwt_bearer `aud` claim; default: the login host's origin (set `https://test.salesforce.com` for a sandbox logging in at its My Domain). */
  jwtAudience?: string;
}

/** The Secrets Manager secret's keys (names kept from the original package). */
export interface SalesforceCredentials {
  Password?: string;
  /** The user's security token (appended to the password), not an OAuth token. */
  AccessToken?: string;
  ConsumerKey?: string;
  ConsumerSecret?: string;
  /** PEM private key for jwt_bearer. */
  PrivateKey?: string;
  /** Cached OAuth access token written back by the original package; optional. */
  AuthToken?: string;
}

/** Where credentials come from (Secrets Manager through Powertools in Lambda, static locally). */
export interface CredentialsSource {
  get(): Promise<SalesforceCredentials>;
  /**
   * Optional: store a working access token as `AuthToken` so other containers can reuse it
   * (the original package's write-back). Called only after a call with the new token succeeded.
   */
  saveAuthToken?(token: string): Promise<void>;
}

export interface QueryResult<T = SalesforceRecord> {
  records: T[];
  totalSize: number;
  /** false when `maxRecords` stopped pagination early. */
  done: boolean;
}

/** A record as Salesforce returns it (with `attributes` unless stripped). */
export type SalesforceRecord = Record<string, unknown> & { attributes?: { type: string; url?: string } };

export interface UpsertResult {
  id: string;
  created: boolean;
}

/** One entry of a composite/sobjects collection response. */
export interface SaveResult {
  id?: string;
  success: boolean;
  created?: boolean;
  errors: Array<{ statusCode: string; message: string; fields?: string[] }>;
}

/** One `/composite` subrequest. `referenceId` lets later subrequests use `@{ref.id}`. */
export interface CompositeSubrequest {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE' | 'PUT';
  /** Path under `/services/data/vNN.N`, e.g. `/sobjects/Case` (the client prefixes the version). */
  url: string;
  referenceId: string;
  body?: unknown;
  httpHeaders?: Record<string, string>;
}

export interface CompositeSubresponse {
  body: unknown;
  httpHeaders: Record<string, string>;
  httpStatusCode: number;
  referenceId: string;
}

export interface DescribeField {
  name: string;
  type: string;
  externalId?: boolean;
  idLookup?: boolean;
  length?: number;
}

export interface DescribeResult {
  name: string;
  keyPrefix?: string | null;
  fields: DescribeField[];
  [key: string]: unknown;
}

export interface ContentVersionUpload {
  /** ContentVersion.Title */
  title: string;
  /** ContentVersion.PathOnClient (file name with extension) */
  pathOnClient: string;
  /** Record the file is linked to (creates the ContentDocumentLink). */
  firstPublishLocationId?: string;
  description?: string;
  /**
   * File body, streamed; never buffered whole. A function opening a fresh stream (e.g. another S3
   * GetObject) lets the client resend after a 401 session expiry; a bare `Readable` cannot be
   * replayed, so that case fails with `Salesforce.Transient` (token refreshed, retry the upload).
   */
  body: Readable | Buffer | string | (() => Readable | Promise<Readable>);
  contentType?: string;
}

/** Counters kept by the client (per container) for benchmarks and logging. */
export interface ClientStats {
  /** Calls to `/services/data/**` (what counts toward the org's daily allocation). */
  apiCalls: number;
  /** Calls to the token endpoint. */
  tokenRequests: number;
  /** Last `Sforce-Limit-Info` seen, parsed. */
  lastLimitInfo?: { used: number; max: number };
}

/** Everything the functions may ask of Salesforce. */
export interface SalesforceApi {
  query<T = SalesforceRecord>(soql: string, options?: { maxRecords?: number }): Promise<QueryResult<T>>;
  search(sosl: string): Promise<SalesforceRecord[]>;
  parameterizedSearch(body: Record<string, unknown>): Promise<SalesforceRecord[]>;
  get(sobject: string, id: string, fields?: string[]): Promise<SalesforceRecord>;
  create(sobject: string, fields: Record<string, unknown>): Promise<string>;
  update(sobject: string, id: string, fields: Record<string, unknown>): Promise<void>;
  upsert(
    sobject: string,
    externalIdField: string,
    externalId: string,
    fields: Record<string, unknown>,
  ): Promise<UpsertResult>;
  delete(sobject: string, id: string): Promise<void>;
  /** Cached per container. */
  describe(sobject: string): Promise<DescribeResult>;
  composite(
    subrequests: CompositeSubrequest[],
    options?: { allOrNone?: boolean },
  ): Promise<CompositeSubresponse[]>;
  /** composite/sobjects, split into calls of 200. Each record carries `attributes.type`. */
  createMany(records: SalesforceRecord[], options?: { allOrNone?: boolean }): Promise<SaveResult[]>;
  updateMany(records: SalesforceRecord[], options?: { allOrNone?: boolean }): Promise<SaveResult[]>;
  upsertMany(
    sobject: string,
    externalIdField: string,
    records: SalesforceRecord[],
    options?: { allOrNone?: boolean },
  ): Promise<SaveResult[]>;
  chatterPost(body: Record<string, unknown>): Promise<string>;
  chatterComment(feedElementId: string, body: Record<string, unknown>): Promise<string>;
  uploadContentVersion(upload: ContentVersionUpload): Promise<{ id: string }>;
  limits(): Promise<Record<string, { Max: number; Remaining: number }>>;
  readonly stats: ClientStats;
}
