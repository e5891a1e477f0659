/**
 * `SalesforceClient`: the REST client every function uses (through `getSalesforceClient()`).
 *
 * - Auth: `password`, `client_credentials`, `jwt_bearer` (see `token-request.ts`, `endpoints.ts`);
 *   the token is cached for the life of the client (one per container) and refreshed only on
 *   `401 INVALID_SESSION_ID`, single-flight, followed by one retry; a second 401 is `Salesforce.Auth`.
 * - Errors: typed (`errors.ts`, mapping in `error-mapping.ts`).
 * - Retries: only for operations that cannot duplicate data when repeated (reads, update by id,
 *   upsert by external id, delete), only on `Salesforce.Transient`, bounded with jittered backoff.
 * - Usage: `stats` counts every API call and token request; `Sforce-Limit-Info` is parsed and a
 *   warning logged above 80 % of the daily allocation.
 * - Logging: method and path at DEBUG; never bodies, tokens or credentials (`redact.ts`).
 *
 * @example
 * ```ts
 * const client = new SalesforceClient({ settings, credentials: new StaticCredentialsSource(secret), transport: undiciTransport() });
 * const { records } = await client.query(soql`SELECT Id FROM Contact WHERE Phone = ${phone}`);
 * ```
 */

import { errorSummary } from '../logging/error-summary.js';
import { AccessTokenCache } from './access-token-cache.js';
import {
  currentSalesforceObserver,
  type LimitInfo,
  type SalesforceCallObserver,
  type SalesforceOperation,
} from './call-observer.js';
import { apiOrigin, apiPathPrefix, loginBaseUrl, tokenUrl } from './endpoints.js';
import { mapResponseError } from './error-mapping.js';
import {
  SalesforceAuthError,
  SalesforceConfigError,
  SalesforceError,
  SalesforceOutcomeUnknownError,
  SalesforceRequestError,
  SalesforceTransientError,
} from './errors.js';
import {
  type HttpMethod,
  type HttpResponse,
  type HttpTransport,
  type HttpTransportFactory,
  pathOnly,
} from './http-transport.js';
import { parseLimitInfo } from './limit-info.js';
import { type MultipartBody, multipartBody } from './multipart.js';
import { SecretRedactor } from './redact.js';
import { type RetryOptions, RetryPolicy } from './retry-policy.js';
import { SALESFORCE_REQUEST_TIMEOUT_ENV } from './settings-from-environment.js';
import { oauthError } from './token-errors.js';
import { tokenRequestBody } from './token-request.js';
import type {
  ClientStats,
  CompositeSubrequest,
  CompositeSubresponse,
  ContentVersionUpload,
  CredentialsSource,
  DescribeResult,
  QueryResult,
  SalesforceApi,
  SalesforceCredentials,
  SalesforceRecord,
  SalesforceSettings,
  SaveResult,
  UpsertResult,
} from './types.js';

/** The subset of the Powertools `Logger` the client uses. */
export interface ClientLogger {
  debug(message: string, ...extra: Array<Record<string, unknown>>): void;
  info(message: string, ...extra: Array<Record<string, unknown>>): void;
  warn(message: string, ...extra: Array<Record<string, unknown>>): void;
  error(message: string, ...extra: Array<Record<string, unknown>>): void;
}

/**
 * What a {@link SalesforceClient} is built from: settings, where credentials come from, the HTTP
 * transport, and optional logger, retry and usage-warning settings.
 */
export interface SalesforceClientOptions {
  settings: SalesforceSettings;
  credentials: CredentialsSource;
  /** Powertools `Logger` (or anything with the same methods). Default: a quiet no-op logger. */
  logger?: ClientLogger;
  /** Retry settings for safe operations, or `false` to never retry. Default: 3 attempts. */
  retry?: RetryOptions | false;
  /**
   * How the client talks HTTP: `undiciTransport()` (keep-alive pools, the default of
   * `getSalesforceClient()`) or `nodeHttpTransport()` (recording-upload). Called once, with the
   * request timeout.
   */
  transport: HttpTransportFactory;
  /**
   * Who is told about each API call (metrics, traces). Default: the observer of the current
   * invocation's scope (`observeSalesforceCalls`), so one shared client serves every handler.
   */
  observer?: () => SalesforceCallObserver | undefined;
  /** Usage ratio above which a warning is logged (default 0.8). */
  limitWarningRatio?: number;
  /** Timeout for ContentVersion uploads, per gap in the transfer (default: 6 × the request timeout). */
  uploadTimeoutMs?: number;
  /**
   * Share the token between containers through the credentials secret (default true): start with
   * its `AuthToken` when present, and after a new token has served a successful call, store it
   * with `credentials.saveAuthToken` (upstream v5.28 circuit breaker: never persist a token that
   * did not work; a failed write never fails the call).
   */
  shareToken?: boolean;
}

/** Records per composite/sobjects call (Salesforce's maximum). */
export const COLLECTION_BATCH_SIZE = 200;
const DEFAULT_TIMEOUT_MS = 10_000;
const NAME = /^[A-Za-z][A-Za-z0-9_]*$/;
const JSON_CONTENT = 'application/json';
/** Longer GET paths go through composite (Salesforce recommends URIs under 2 000 bytes, caps at 16 384 with headers). */
const MAX_URL_PATH_LENGTH = 8_000;
const FORM_CONTENT = 'application/x-www-form-urlencoded';

interface CallOptions {
  /** The kind of call, for metrics and traces. */
  operation: SalesforceOperation;
  body?: unknown;
  /** Safe to repeat (cannot duplicate data). */
  idempotent: boolean;
  /** Repeat a transient failure whose outcome is unknown (default true; false when the caller orders writes). */
  repeatUnknownOutcome?: boolean;
  /** A streamed multipart body; `replayable` when it can be opened again (string/Buffer source). */
  raw?: { open: () => Promise<MultipartBody>; replayable: boolean };
  timeoutMs?: number;
}

const noopLogger: ClientLogger = { debug() {}, info() {}, warn() {}, error() {} };

/**
 * The Salesforce REST client: authenticates (password, client credentials or JWT bearer) with the
 * token cached per container, retries only operations that are safe to repeat, maps errors to typed
 * ones, counts every API call in `stats` and never logs bodies or credentials.
 *
 * @example
 * ```ts
 * const client = new SalesforceClient({ settings, credentials: new StaticCredentialsSource(secret), transport: undiciTransport() });
 * const { records } = await client.query(soql`SELECT Id FROM Contact WHERE Phone = ${phone}`);
 * ```
 */
export class SalesforceClient implements SalesforceApi {
  readonly stats: ClientStats = { apiCalls: 0, tokenRequests: 0 };

  private readonly settings: SalesforceSettings;
  private readonly credentials: CredentialsSource;
  private readonly logger: ClientLogger;
  private readonly retry: RetryPolicy;
  private readonly http: HttpTransport;
  private readonly tokens: AccessTokenCache;
  private readonly redactor = new SecretRedactor();
  private readonly describeCache = new Map<string, Promise<DescribeResult>>();
  private readonly apiOrigin: string;
  private readonly prefix: string;
  private readonly limitWarningRatio: number;
  private readonly uploadTimeoutMs: number;
  private readonly shareToken: boolean;
  private readonly observer: () => SalesforceCallObserver | undefined;
  /** A newly requested token waiting for its first successful call before being shared. */
  private unsavedToken: string | undefined;
  private lastWarnedPercent = 0;
  /** The Authorization header for the current token, built once per token (hot path). */
  private bearerFor = '';
  private bearer = '';
  /** Cached answer of "is DEBUG on" (see `debugEnabled`). */
  private levelCheckedAt = Number.NEGATIVE_INFINITY;
  private debugOn = true;

  constructor(options: SalesforceClientOptions) {
    this.settings = options.settings;
    this.credentials = options.credentials;
    this.logger = options.logger ?? noopLogger;
    this.retry = new RetryPolicy(options.retry);
    // Validate the settings now: a bad host or version should fail the cold start, loudly.
    this.apiOrigin = apiOrigin(options.settings);
    this.prefix = apiPathPrefix(options.settings);
    loginBaseUrl(options.settings);
    const timeoutMs = options.settings.requestTimeoutMs ?? DEFAULT_TIMEOUT_MS;
    if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) {
      throw new SalesforceConfigError(
        'SF_REQUEST_TIMEOUT_MS must be a positive number of milliseconds',
        SALESFORCE_REQUEST_TIMEOUT_ENV,
      );
    }
    this.http = options.transport({ timeoutMs });
    this.tokens = new AccessTokenCache((stale) => this.obtainToken(stale));
    this.shareToken = options.shareToken ?? true;
    this.observer = options.observer ?? currentSalesforceObserver;
    this.limitWarningRatio = options.limitWarningRatio ?? 0.8;
    this.uploadTimeoutMs = options.uploadTimeoutMs ?? timeoutMs * 6;
  }

  // ---------------------------------------------------------------- queries and search

  async query<T = SalesforceRecord>(
    soqlText: string,
    options: { maxRecords?: number } = {},
  ): Promise<QueryResult<T>> {
    const maxRecords = options.maxRecords ?? Number.POSITIVE_INFINITY;
    let page = await this.getMaybeLong<QueryPage<T>>(
      `${this.prefix}/query?q=${encodeURIComponent(soqlText)}`,
      'query',
    );
    const records: T[] = [...(page.records ?? [])];
    const totalSize = page.totalSize ?? records.length;
    while (!page.done && page.nextRecordsUrl !== undefined && records.length < maxRecords) {
      page = await this.call<QueryPage<T>>('GET', this.nextPagePath(page.nextRecordsUrl), {
        operation: 'query',
        idempotent: true,
      });
      for (const record of page.records ?? []) records.push(record);
    }
    if (records.length > maxRecords) {
      records.length = maxRecords;
      return { records, totalSize, done: false };
    }
    const done = page.done !== false || page.nextRecordsUrl === undefined;
    if (!done)
      this.logger.info('Query results truncated at maxRecords', { returned: records.length, totalSize });
    return { records, totalSize, done };
  }

  async search(sosl: string): Promise<SalesforceRecord[]> {
    const body = await this.getMaybeLong<SearchResponse>(
      `${this.prefix}/search?q=${encodeURIComponent(sosl)}`,
      'search',
    );
    return searchRecords(body);
  }

  async parameterizedSearch(body: Record<string, unknown>): Promise<SalesforceRecord[]> {
    // A POST, but a read: repeating it cannot change data.
    const result = await this.call<SearchResponse>('POST', `${this.prefix}/parameterizedSearch`, {
      operation: 'search',
      body,
      idempotent: true,
    });
    return searchRecords(result);
  }

  // ---------------------------------------------------------------- single records

  async get(sobject: string, id: string, fields?: string[]): Promise<SalesforceRecord> {
    let path = `${this.sobjectPath(sobject)}/${encodeSegment(id, 'id')}`;
    if (fields !== undefined && fields.length > 0) {
      path += `?fields=${encodeURIComponent(fields.map((field) => checkName(field, 'field')).join(','))}`;
    }
    return this.call<SalesforceRecord>('GET', path, { operation: 'read', idempotent: true });
  }

  async create(sobject: string, fields: Record<string, unknown>): Promise<string> {
    // Never retried: a lost response to a create that succeeded would duplicate the record.
    const result = await this.call<{ id?: string }>('POST', this.sobjectPath(sobject), {
      operation: 'create',
      body: fields,
      idempotent: false,
    });
    return requireId(result, `create ${sobject}`);
  }

  async update(sobject: string, id: string, fields: Record<string, unknown>): Promise<void> {
    await this.call('PATCH', `${this.sobjectPath(sobject)}/${encodeSegment(id, 'id')}`, {
      operation: 'update',
      body: fields,
      idempotent: true,
    });
  }

  async upsert(
    sobject: string,
    externalIdField: string,
    externalId: string,
    fields: Record<string, unknown>,
  ): Promise<UpsertResult> {
    const path = `${this.sobjectPath(sobject)}/${checkName(externalIdField, 'external id field')}/${encodeSegment(
      externalId,
      'external id',
    )}`;
    const result = await this.call<{ id?: string; created?: boolean } | undefined>('PATCH', path, {
      operation: 'upsert',
      body: fields,
      idempotent: true,
    });
    if (result?.id !== undefined) return { id: result.id, created: result.created === true };
    // API ≤ v45.0 answers an update with 204 and no body: read the id back.
    const record = await this.call<SalesforceRecord>('GET', `${path}?fields=Id`, {
      operation: 'read',
      idempotent: true,
    });
    return { id: requireId({ id: record.Id as string | undefined }, `upsert ${sobject}`), created: false };
  }

  async delete(sobject: string, id: string): Promise<void> {
    await this.call('DELETE', `${this.sobjectPath(sobject)}/${encodeSegment(id, 'id')}`, {
      operation: 'delete',
      idempotent: true,
    });
  }

  /** Cached per client (per container): describe results change only with deployments. */
  async describe(sobject: string): Promise<DescribeResult> {
    const key = checkName(sobject, 'sObject').toLowerCase();
    let cached = this.describeCache.get(key);
    if (cached === undefined) {
      cached = this.call<DescribeResult>('GET', `${this.sobjectPath(sobject)}/describe`, {
        operation: 'describe',
        idempotent: true,
      });
      this.describeCache.set(key, cached);
      // A failure must not be cached.
      cached.catch(() => this.describeCache.delete(key));
    }
    return cached;
  }

  // ---------------------------------------------------------------- composite and collections

  async composite(
    subrequests: CompositeSubrequest[],
    options: { allOrNone?: boolean; repeatUnknownOutcome?: boolean } = {},
  ): Promise<CompositeSubresponse[]> {
    if (subrequests.length === 0) return [];
    if (subrequests.length > 25) throw new SalesforceRequestError('composite accepts at most 25 subrequests');
    const compositeRequest = subrequests.map((sub) => ({
      ...sub,
      url: sub.url.startsWith('/services/data/')
        ? sub.url
        : `${this.prefix}${sub.url.startsWith('/') ? '' : '/'}${sub.url}`,
    }));
    // Repeating is safe only when nothing in it creates (POST) a record or a post.
    const idempotent = subrequests.every((sub) => sub.method !== 'POST');
    const result = await this.call<{ compositeResponse?: CompositeSubresponse[] }>(
      'POST',
      `${this.prefix}/composite`,
      {
        operation: 'composite',
        body: { allOrNone: options.allOrNone ?? false, compositeRequest },
        idempotent,
        repeatUnknownOutcome: options.repeatUnknownOutcome,
      },
    );
    return result.compositeResponse ?? [];
  }

  async createMany(
    records: SalesforceRecord[],
    options: { allOrNone?: boolean } = {},
  ): Promise<SaveResult[]> {
    checkTypes(records);
    return this.collection('POST', `${this.prefix}/composite/sobjects`, records, options, false);
  }

  async updateMany(
    records: SalesforceRecord[],
    options: { allOrNone?: boolean } = {},
  ): Promise<SaveResult[]> {
    checkTypes(records);
    return this.collection('PATCH', `${this.prefix}/composite/sobjects`, records, options, true);
  }

  async upsertMany(
    sobject: string,
    externalIdField: string,
    records: SalesforceRecord[],
    options: { allOrNone?: boolean } = {},
  ): Promise<SaveResult[]> {
    const path = `${this.sobjectCollectionPath(sobject)}/${checkName(externalIdField, 'external id field')}`;
    const typed = records.map((record) =>
      record.attributes?.type !== undefined ? record : { ...record, attributes: { type: sobject } },
    );
    return this.collection('PATCH', path, typed, options, true);
  }

  // ---------------------------------------------------------------- Chatter, files, limits

  async chatterPost(body: Record<string, unknown>): Promise<string> {
    const result = await this.call<{ id?: string }>('POST', `${this.prefix}/chatter/feed-elements`, {
      operation: 'chatter',
      body,
      idempotent: false,
    });
    return requireId(result, 'Chatter post');
  }

  async chatterComment(feedElementId: string, body: Record<string, unknown>): Promise<string> {
    const path = `${this.prefix}/chatter/feed-elements/${encodeSegment(feedElementId, 'feed element id')}/capabilities/comments/items`;
    const result = await this.call<{ id?: string }>('POST', path, {
      operation: 'chatter',
      body,
      idempotent: false,
    });
    return requireId(result, 'Chatter comment');
  }

  async uploadContentVersion(upload: ContentVersionUpload): Promise<{ id: string }> {
    const entity: Record<string, unknown> = {
      Title: upload.title,
      PathOnClient: upload.pathOnClient,
      ContentLocation: 'S',
    };
    if (upload.firstPublishLocationId !== undefined)
      entity.FirstPublishLocationId = upload.firstPublishLocationId;
    if (upload.description !== undefined) entity.Description = upload.description;
    const source = upload.body;
    const replayable = typeof source === 'string' || Buffer.isBuffer(source) || typeof source === 'function';
    const contentType = upload.contentType ?? 'application/octet-stream';
    const result = await this.call<{ id?: string }>('POST', `${this.prefix}/sobjects/ContentVersion`, {
      operation: 'upload',
      idempotent: false,
      timeoutMs: this.uploadTimeoutMs,
      raw: {
        replayable,
        open: async () =>
          multipartBody(
            entity,
            'VersionData',
            upload.pathOnClient,
            contentType,
            typeof source === 'function' ? await source() : source,
          ),
      },
    });
    return { id: requireId(result, 'ContentVersion upload') };
  }

  async limits(): Promise<Record<string, { Max: number; Remaining: number }>> {
    return this.call('GET', `${this.prefix}/limits`, { operation: 'limits', idempotent: true });
  }

  /** Releases the client's sockets (tests and benchmarks; a Lambda container just freezes). */
  close(): Promise<void> {
    return this.http.close();
  }

  // ---------------------------------------------------------------- internals

  private async collection(
    method: 'POST' | 'PATCH',
    path: string,
    records: SalesforceRecord[],
    options: { allOrNone?: boolean },
    idempotent: boolean,
  ): Promise<SaveResult[]> {
    const results: SaveResult[] = [];
    for (let start = 0; start < records.length; start += COLLECTION_BATCH_SIZE) {
      const batch = records.slice(start, start + COLLECTION_BATCH_SIZE);
      const saved = await this.call<SaveResult[]>(method, path, {
        operation: 'collection',
        body: { allOrNone: options.allOrNone ?? false, records: batch },
        idempotent,
      });
      for (const result of saved ?? []) results.push(result);
    }
    return results;
  }

  /**
   * A GET whose URL may exceed what Salesforce accepts (16 384 bytes for URI + headers → 431/414,
   * e.g. a query with a 10 KB literal). Long ones travel in the body of a one-subrequest
   * composite call instead, as Salesforce recommends (KB 000386264); it still counts as one call.
   */
  private async getMaybeLong<T>(path: string, operation: SalesforceOperation): Promise<T> {
    if (path.length <= MAX_URL_PATH_LENGTH) return this.call<T>('GET', path, { operation, idempotent: true });
    const result = await this.call<{ compositeResponse?: CompositeSubresponse[] }>(
      'POST',
      `${this.prefix}/composite`,
      {
        operation,
        body: { allOrNone: false, compositeRequest: [{ method: 'GET', url: path, referenceId: 'longGet' }] },
        idempotent: true,
      },
    );
    const sub = result.compositeResponse?.[0];
    if (sub === undefined)
      throw new SalesforceError('GET via composite: Salesforce answered without a subresponse');
    if (sub.httpStatusCode >= 200 && sub.httpStatusCode < 300) return sub.body as T;
    throw mapResponseError(sub.httpStatusCode, sub.body, {
      operation: `GET ${pathOnly(path)} (via composite)`,
      authMode: this.settings.authMode,
    });
  }

  /** One API call with the transient-retry loop around the auth-retry step. */
  private async call<T>(method: HttpMethod, path: string, options: CallOptions): Promise<T> {
    const retryable = options.idempotent && (options.raw === undefined || options.raw.replayable);
    for (let attempt = 1; ; attempt++) {
      try {
        return (await this.authorizedCall(method, path, options)) as T;
      } catch (error) {
        if (!retryable || !this.retry.shouldRetry(error, attempt)) throw error;
        // The lost attempt may still commit after a repeat: a caller that orders writes decides.
        if (options.repeatUnknownOutcome === false && error instanceof SalesforceOutcomeUnknownError)
          throw error;
        const delay = this.retry.delayMs(attempt);
        this.logger.warn('Retrying Salesforce call after a transient error', {
          method,
          path: pathOnly(path),
          attempt,
          delayMs: delay,
          ...errorSummary(error),
        });
        this.logger.debug('Retrying Salesforce call after a transient error (error message)', {
          errorMessage: this.redactor.redact((error as Error).message),
        });
        await this.retry.sleep(delay);
      }
    }
  }

  /** Send with the cached token; on 401 refresh once (shared) and retry once. */
  private async authorizedCall(method: HttpMethod, path: string, options: CallOptions): Promise<unknown> {
    const token = await this.tokens.get();
    const first = await this.exchange(method, path, options, token, 'refresh');
    if (first.expired !== true) {
      if (token === this.unsavedToken) await this.saveToken(token);
      return first.body;
    }

    this.logger.info('Salesforce session expired or invalid; refreshing the access token', {
      method,
      path: pathOnly(path),
    });
    const fresh = await this.tokens.refresh(token);
    if (options.raw !== undefined && !options.raw.replayable) {
      // The stream is gone; the caller (e.g. a Step Functions Retry) must send it again.
      throw new SalesforceTransientError(
        `${method} ${pathOnly(path)}: session expired during a streamed upload; the token was refreshed, retry the upload`,
        { status: 401 },
      );
    }
    const second = await this.exchange(method, path, options, fresh, 'fail');
    if (fresh === this.unsavedToken) await this.saveToken(fresh);
    return second.body;
  }

  /**
   * One HTTP exchange, told to the invocation's observer (operation, status, error name, limit
   * info; never the path or body). A 401 answers `expired` when the token may be refreshed, and
   * is `Salesforce.Auth` after a refresh.
   */
  private async exchange(
    method: HttpMethod,
    path: string,
    options: CallOptions,
    token: string,
    on401: 'refresh' | 'fail',
  ): Promise<{ expired?: boolean; body?: unknown }> {
    const span = this.observer()?.callStarted(options.operation);
    let response: HttpResponse | undefined;
    // Parsed once per response: for the usage warning and for the observer.
    let limitInfo: LimitInfo | undefined;
    try {
      response = await this.send(method, path, options, token);
      limitInfo = parseLimitInfo(response.headers['sforce-limit-info']);
      if (response.status === 401 && on401 === 'refresh') {
        span?.end({ status: 401 });
        return { expired: true };
      }
      if (response.status === 401) {
        this.tokens.clear();
        throw new SalesforceAuthError(
          `${method} ${pathOnly(path)}: still unauthorized after a token refresh (INVALID_SESSION_ID); check that the API user is active and allowed to use the connected app`,
          {
            status: 401,
            details: [{ errorCode: 'INVALID_SESSION_ID', message: 'Session expired or invalid' }],
          },
        );
      }
      const body = this.result(method, path, response, limitInfo);
      span?.end({ status: response.status, limitInfo });
      return { body };
    } catch (error) {
      span?.end({
        status: response?.status,
        errorName: error instanceof Error ? error.name : 'Error',
        limitInfo,
      });
      throw error;
    }
  }

  private send(method: HttpMethod, path: string, options: CallOptions, token: string): Promise<HttpResponse> {
    this.stats.apiCalls++;
    if (this.debugEnabled()) this.logger.debug('Salesforce request', { method, path: pathOnly(path) });
    if (token !== this.bearerFor) {
      this.bearerFor = token;
      this.bearer = `Bearer ${token}`;
    }
    const headers: Record<string, string> = { authorization: this.bearer, accept: JSON_CONTENT };
    if (options.raw !== undefined)
      return this.sendMultipart(method, path, headers, options.raw, options.timeoutMs);
    let body: string | undefined;
    if (options.body !== undefined) {
      headers['content-type'] = JSON_CONTENT;
      body = JSON.stringify(options.body);
    }
    return this.http.send(this.apiOrigin, { method, path, headers, body, timeoutMs: options.timeoutMs });
  }

  private async sendMultipart(
    method: HttpMethod,
    path: string,
    headers: Record<string, string>,
    raw: NonNullable<CallOptions['raw']>,
    timeoutMs: number | undefined,
  ): Promise<HttpResponse> {
    const multipart = await raw.open();
    headers['content-type'] = multipart.contentType;
    return this.http.send(this.apiOrigin, { method, path, headers, body: multipart.body, timeoutMs });
  }

  private result(
    method: HttpMethod,
    path: string,
    response: HttpResponse,
    limitInfo: LimitInfo | undefined,
  ): unknown {
    if (limitInfo !== undefined) this.recordLimitInfo(limitInfo);
    if (response.status >= 200 && response.status < 300) return response.body;
    const error = mapResponseError(response.status, response.body, {
      operation: `${method} ${pathOnly(path)}`,
      authMode: this.settings.authMode,
    });
    this.logger.debug('Salesforce request failed', {
      method,
      path: pathOnly(path),
      status: response.status,
      errorName: error.name,
      errorCode: error.errorCode,
    });
    throw error;
  }

  /**
   * Whether DEBUG is on. Reading a Powertools logger's level costs about a microsecond (and a
   * disabled `debug()` call two), so the answer is reused for up to a second.
   */
  private debugEnabled(): boolean {
    const now = Date.now();
    if (now - this.levelCheckedAt >= 1_000) {
      this.levelCheckedAt = now;
      const level = (this.logger as { level?: unknown }).level;
      // Powertools: TRACE 6, DEBUG 8. A logger without a numeric level is always asked.
      this.debugOn = typeof level !== 'number' || level <= 8;
    }
    return this.debugOn;
  }

  private recordLimitInfo(info: LimitInfo): void {
    this.stats.lastLimitInfo = info;
    const ratio = info.used / info.max;
    if (ratio <= this.limitWarningRatio) return;
    // Once per percentage point, so a busy container does not log on every call.
    const percent = Math.floor(ratio * 100);
    if (percent <= this.lastWarnedPercent) return;
    this.lastWarnedPercent = percent;
    this.logger.warn('Salesforce daily API usage is high', { used: info.used, max: info.max, percent });
  }

  /**
   * The container's first token may be the one shared through the secret (`AuthToken`); a
   * refresh after a 401 (`stale` set) always asks the token endpoint, so "refresh once, retry
   * once, then Salesforce.Auth" holds whatever the secret contains.
   */
  private async obtainToken(stale: string | undefined): Promise<string> {
    const credentials = await this.credentials.get();
    this.registerSecrets(credentials);
    const shared = credentials.AuthToken;
    if (this.shareToken && stale === undefined && shared !== undefined && shared !== '') {
      this.logger.debug('Using the access token shared through the credentials secret');
      return shared;
    }
    const token = await this.requestToken(credentials);
    if (this.shareToken && this.credentials.saveAuthToken !== undefined) this.unsavedToken = token;
    return token;
  }

  /** Stores a token that just worked; a failure is logged, never thrown (the call succeeded). */
  private async saveToken(token: string): Promise<void> {
    this.unsavedToken = undefined;
    try {
      await this.credentials.saveAuthToken?.(token);
      this.logger.info('Stored the new Salesforce access token in the credentials secret');
    } catch (error) {
      this.logger.warn('Could not store the access token in the credentials secret; continuing', {
        error: this.redactor.redact(error as Error),
      });
    }
  }

  private registerSecrets(credentials: SalesforceCredentials): void {
    for (const secret of [
      credentials.Password,
      credentials.AccessToken,
      credentials.ConsumerSecret,
      credentials.ConsumerKey,
      credentials.PrivateKey,
      credentials.AuthToken,
    ]) {
      this.redactor.addSecret(secret);
    }
  }

  private async requestToken(credentials: SalesforceCredentials): Promise<string> {
    const url = new URL(tokenUrl(this.settings));
    const body = await tokenRequestBody(
      this.settings,
      credentials,
      this.settings.jwtAudience ?? loginBaseUrl(this.settings),
    );
    this.logger.info('Retrieving new Salesforce OAuth token', {
      authMode: this.settings.authMode,
      host: url.host,
    });
    this.stats.tokenRequests++;
    let response: HttpResponse;
    try {
      response = await this.http.send(url.origin, {
        method: 'POST',
        path: url.pathname,
        headers: { 'content-type': FORM_CONTENT, accept: JSON_CONTENT },
        body,
      });
    } catch (error) {
      // A lost token request leaves no write behind: the call it was for was never sent.
      if (error instanceof SalesforceOutcomeUnknownError)
        throw new SalesforceTransientError(error.message, { cause: error });
      if (error instanceof SalesforceError) throw error;
      throw new SalesforceTransientError('Salesforce token request failed', { cause: error });
    }
    const payload = response.body as { access_token?: unknown } | undefined;
    if (response.status === 200 && typeof payload?.access_token === 'string' && payload.access_token !== '') {
      this.redactor.addSecret(payload.access_token);
      return payload.access_token;
    }
    const error =
      oauthError(response.status, response.body, this.settings.authMode) ??
      (response.status >= 500
        ? new SalesforceTransientError(`Salesforce token endpoint answered HTTP ${response.status}`, {
            status: response.status,
          })
        : new SalesforceAuthError(
            `Salesforce authentication failed (auth mode ${this.settings.authMode}): HTTP ${response.status} without an access token`,
            { status: response.status },
          ));
    this.logger.error('Salesforce token request failed', {
      authMode: this.settings.authMode,
      status: response.status,
      error: this.redactor.redact(error),
    });
    throw error;
  }

  private sobjectPath(sobject: string): string {
    return `${this.prefix}/sobjects/${checkName(sobject, 'sObject')}`;
  }

  private sobjectCollectionPath(sobject: string): string {
    return `${this.prefix}/composite/sobjects/${checkName(sobject, 'sObject')}`;
  }

  private nextPagePath(nextRecordsUrl: string): string {
    // Follow only paths on our own API host, under this API version.
    if (!nextRecordsUrl.startsWith(`${this.prefix}/query`)) {
      throw new SalesforceRequestError('Unexpected nextRecordsUrl in a query response');
    }
    return nextRecordsUrl;
  }
}

interface QueryPage<T> {
  totalSize?: number;
  done?: boolean;
  nextRecordsUrl?: string;
  records?: T[];
}

type SearchResponse = { searchRecords?: SalesforceRecord[] } | SalesforceRecord[] | undefined;

function searchRecords(body: SearchResponse): SalesforceRecord[] {
  if (Array.isArray(body)) return body; // API < v37.0
  return body?.searchRecords ?? [];
}

/** sObject and field names go into paths verbatim, so they must be plain API names. */
function checkName(name: string, what: string): string {
  if (typeof name !== 'string' || !NAME.test(name) || name.length > 255) {
    throw new SalesforceRequestError(`Invalid ${what} name: ${JSON.stringify(String(name).slice(0, 80))}`);
  }
  return name;
}

/** Ids and external ids become one path segment, whatever they contain (`/`, `#`, spaces...). */
function encodeSegment(value: string, what: string): string {
  if (typeof value !== 'string' || value === '') throw new SalesforceRequestError(`Missing ${what}`);
  // URL parsers treat '.', '..' (and their percent-encodings) as dot segments and walk up the
  // path (`/sobjects/Contact/..` → `/sobjects`); no record id or sensible external id is one.
  if (value === '.' || value === '..') throw new SalesforceRequestError(`Invalid ${what}: '${value}'`);
  return encodeURIComponent(value);
}

function checkTypes(records: SalesforceRecord[]): void {
  for (const record of records) {
    const type = record.attributes?.type;
    if (type === undefined) throw new SalesforceRequestError('Every collection record needs attributes.type');
    checkName(type, 'sObject');
  }
}

function requireId(result: { id?: string } | undefined, what: string): string {
  if (typeof result?.id !== 'string' || result.id === '') {
    throw new SalesforceError(`${what}: Salesforce answered without an id`);
  }
  return result.id;
}
