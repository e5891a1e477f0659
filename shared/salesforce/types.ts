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
  /** `SalesforceProduction`: password/jwt modes log in at login.salesforce.com when true (test.salesforce.com when false). */
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

/** The records of a SOQL query, after following `nextRecordsUrl` up to the caller's limit. */
export interface QueryResult<T = SalesforceRecord> {
  records: T[];
  totalSize: number;
  /** false when `maxRecords` stopped pagination early. */
  done: boolean;
}

/** A record as Salesforce returns it (with `attributes` unless stripped). */
export type SalesforceRecord = Record<string, unknown> & { attributes?: { type: string; url?: string } };

/** The record an upsert by external id wrote, and whether it was created (false: updated). */
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

/** One subrequest's answer inside a `/composite` response. */
export interface CompositeSubresponse {
  body: unknown;
  httpHeaders: Record<string, string>;
  httpStatusCode: number;
  referenceId: string;
}

/** The parts of a field's describe the pipeline reads. */
export interface DescribeField {
  name: string;
  type: string;
  externalId?: boolean;
  idLookup?: boolean;
  length?: number;
}

/** An object's describe (cached per container by the client). */
export interface DescribeResult {
  name: string;
  keyPrefix?: string | null;
  fields: DescribeField[];
  [key: string]: unknown;
}

/** A file to store as a ContentVersion (Salesforce Files), optionally linked to a record. */
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

/**
 * Everything the functions may ask of Salesforce: the REST API subset the pipeline uses. The
 * client behind it (`SalesforceClient`) authenticates, retries transient failures with backoff,
 * counts every call in {@link ClientStats} and maps failures to typed errors
 * (`Salesforce.Transient`, `Salesforce.RateLimited`, `Salesforce.Auth`, `Salesforce.AccessDenied`,
 * `Salesforce.Request`). Every value put into a query must be escaped with `soql`/`sosl` first.
 *
 * @example
 * ```ts
 * const sf: SalesforceApi = getSalesforceClient();
 * const { records } = await sf.query(soql`SELECT Id FROM Contact WHERE Phone = ${phone} LIMIT 1`);
 * await sf.upsert('AC_ContactTraceRecord__c', 'ContactId__c', contactId, { Channel__c: 'VOICE' });
 * ```
 */
export interface SalesforceApi {
  /**
   * Runs a SOQL query and follows `nextRecordsUrl` until done or `maxRecords` records were read
   * (then `done` is false). One API call per page of up to 2,000 records.
   */
  query<T = SalesforceRecord>(soql: string, options?: { maxRecords?: number }): Promise<QueryResult<T>>;
  /** Runs a SOSL search (`FIND {…}`); one API call. */
  search(sosl: string): Promise<SalesforceRecord[]>;
  /** Runs a parameterized search (`/parameterizedSearch`, no SOSL text to escape); one API call. */
  parameterizedSearch(body: Record<string, unknown>): Promise<SalesforceRecord[]>;
  /** Reads one record by id, all fields or only `fields`; one API call. */
  get(sobject: string, id: string, fields?: string[]): Promise<SalesforceRecord>;
  /** Creates one record and answers its id; one API call (not retried: a create is not idempotent). */
  create(sobject: string, fields: Record<string, unknown>): Promise<string>;
  /** Updates one record's fields by id; one API call. */
  update(sobject: string, id: string, fields: Record<string, unknown>): Promise<void>;
  /**
   * Creates or updates the record whose external id field holds `externalId`; answers its id and
   * whether it was created. One API call (two on API versions that answer an update with 204).
   */
  upsert(
    sobject: string,
    externalIdField: string,
    externalId: string,
    fields: Record<string, unknown>,
  ): Promise<UpsertResult>;
  /** Deletes one record by id; one API call. */
  delete(sobject: string, id: string): Promise<void>;
  /** The object's describe (fields, types, picklists); cached per container, failures excepted. */
  describe(sobject: string): Promise<DescribeResult>;
  /**
   * Up to 25 subrequests in one `/composite` request, optionally all-or-none; one API call.
   * `repeatUnknownOutcome: false` never repeats an attempt whose answer was lost (it fails with
   * `SalesforceOutcomeUnknownError` instead), for a caller that must know whether it can still land.
   */
  composite(
    subrequests: CompositeSubrequest[],
    options?: { allOrNone?: boolean; repeatUnknownOutcome?: boolean },
  ): Promise<CompositeSubresponse[]>;
  /** composite/sobjects, split into calls of 200. Each record carries `attributes.type`. */
  createMany(records: SalesforceRecord[], options?: { allOrNone?: boolean }): Promise<SaveResult[]>;
  /** Updates records by id through composite/sobjects, in calls of 200; one result per record. */
  updateMany(records: SalesforceRecord[], options?: { allOrNone?: boolean }): Promise<SaveResult[]>;
  /** Upserts records of one object by an external id field, in calls of 200; one result per record. */
  upsertMany(
    sobject: string,
    externalIdField: string,
    records: SalesforceRecord[],
    options?: { allOrNone?: boolean },
  ): Promise<SaveResult[]>;
  /** Posts a Chatter feed element; answers its id. One API call. */
  chatterPost(body: Record<string, unknown>): Promise<string>;
  /** Comments on a Chatter feed element; answers the comment's id. One API call. */
  chatterComment(feedElementId: string, body: Record<string, unknown>): Promise<string>;
  /** Uploads a file as a ContentVersion, streaming its body as multipart; one API call. */
  uploadContentVersion(upload: ContentVersionUpload): Promise<{ id: string }>;
  /** The org's limits (`/limits`), e.g. `DailyApiRequests`; one API call. */
  limits(): Promise<Record<string, { Max: number; Remaining: number }>>;
  /** Calls made by this client so far (per container). */
  readonly stats: ClientStats;
}
