/**
 * Public contract of the local Salesforce emulator (`startSalesforceEmulator` in `index.ts`).
 * Tests, `npm start`, benchmarks and CLIs use only this surface.
 */
import type { FieldType } from './schema/types.js';

/** Credentials of the emulated org's API user and connected app. */
export interface EmulatorCredentials {
  username: string;
  password: string;
  /** Security token appended to the password in the password flow. */
  securityToken: string;
  consumerKey: string;
  consumerSecret: string;
  /** PEM private key whose public half the emulated connected app trusts (jwt_bearer). */
  privateKeyPem: string;
}

/** Fault kinds that can be scripted with {@link FaultConfig.sequence}. */
export type FaultKind = 'SERVER_UNAVAILABLE' | 'UNABLE_TO_LOCK_ROW' | 'REQUEST_LIMIT_EXCEEDED';

/** Deterministic fault injection (driven by `seed`). Rates are 0..1 per API call. */
export interface FaultConfig {
  seed?: number;
  /** Added latency per request, ms. */
  latencyMs?: number;
  /** 503 SERVER_UNAVAILABLE rate. */
  serverUnavailableRate?: number;
  /** 400 UNABLE_TO_LOCK_ROW rate (writes only). */
  unableToLockRowRate?: number;
  /** 403 REQUEST_LIMIT_EXCEEDED rate. */
  requestLimitExceededRate?: number;
  /**
   * Scripted faults for the next API calls, consumed one per call before the rates apply
   * (`null` = no fault for that call; UNABLE_TO_LOCK_ROW applies to writes only).
   * E.g. `['SERVER_UNAVAILABLE', null]` fails the next call and lets the one after through.
   */
  sequence?: Array<FaultKind | null>;
  /**
   * Report an injected UNABLE_TO_LOCK_ROW the way Salesforce does inside composite requests:
   * `/composite` answers 200 with the first write subrequest failing and the others
   * PROCESSING_HALTED; `/composite/sobjects` answers 200 with every SaveResult failing. Either
   * way nothing is written. Default false: a top-level 400 like every other endpoint.
   */
  lockRowInsideComposite?: boolean;
  /**
   * Every data-API call answers 401 INVALID_SESSION_ID, even right after a successful token
   * request (upstream v5.28's "frozen API user": the refresh works, the retried call 401s again).
   */
  rejectAllSessions?: boolean;
  /**
   * Lose the answer of the next `count` write calls (POST/PATCH/PUT/DELETE), as when Salesforce
   * is still working on a request the client gives up on: each is received and counted but neither
   * applied nor answered, so the client times out (`answer: 'none'`, the default) or sees its
   * connection reset (`'reset'`). `applyHeldWrites()` applies them later, in order: the late commit
   * of a request the caller believes failed.
   */
  loseWriteAnswers?: { count: number; answer?: 'none' | 'reset' };
  /**
   * Faults of the token endpoint, which the options above never touch (503 rate and latency).
   */
  tokenEndpoint?: { seed?: number; latencyMs?: number; serverUnavailableRate?: number };
}

/** A record as the org's automation sees it (the values it would be saved with). */
export interface OrgRecordView {
  /** Full API name of the sObject. */
  readonly object: string;
  readonly operation: 'insert' | 'update';
  /** A field's value by API name, with or without the namespace prefix (undefined = no such field). */
  get(field: string): unknown;
}

/** A validation rule: writes for which `when` is true are refused (400 FIELD_CUSTOM_VALIDATION_EXCEPTION). */
export interface ValidationRule {
  /** sObject API name (namespace prefix optional). */
  object: string;
  /** The rule's API name. */
  name: string;
  /** Error message the admin wrote; returned as the error's `message`. */
  message: string;
  /** Field the error is shown on (→ `fields: [name]`); omitted = top of the page (`fields: []`). */
  field?: string;
  /** Error condition; omitted = every write. */
  when?: (record: OrgRecordView) => boolean;
  /** Which writes it checks (default both). */
  on?: Array<'insert' | 'update'>;
}

/**
 * A before-insert/update Apex trigger that refuses writes: `addError` (default) answers like a
 * validation rule; `exception` (an unhandled exception) answers 400
 * CANNOT_INSERT_UPDATE_ACTIVATE_ENTITY with "`<name>: execution of BeforeInsert caused by: <message>`".
 */
export interface TriggerError extends ValidationRule {
  kind?: 'addError' | 'exception';
}

/** The org's own automation (see {@link SalesforceEmulator.setOrgBehaviour}). */
export interface OrgBehaviour {
  validationRules?: ValidationRule[];
  triggerErrors?: TriggerError[];
}

/** A field added to an object with {@link EmulatorOptions.extraFields}. */
export interface ExtraFieldDefinition {
  name: string;
  /** Any schema field type except ids, references, files and money/percent. */
  type: Exclude<FieldType, 'id' | 'reference' | 'base64' | 'currency' | 'percent'>;
  length?: number;
  externalId?: boolean;
  unique?: boolean;
  required?: boolean;
  /** Number fields: total and decimal digits (default 18 and 2). */
  precision?: number;
  scale?: number;
  /** Picklist fields: the values, and whether only they are accepted (default true). */
  picklistValues?: string[];
  restrictedPicklist?: boolean;
}

/**
 * Seed data: sObject name → records, applied in order. The emulator assigns 18-character ids; a
 * record may instead carry a fixed `Id` (valid for its object), and `"$ref": "name"` so later
 * values `"@{name}"` resolve to its id.
 */
export type SeedData = Record<string, Array<Record<string, unknown>>>;

/** An org saved by {@link SalesforceEmulator.exportState} (plain JSON). */
export interface EmulatorState {
  version: 1;
  /** Id counters per key prefix. */
  counters: Record<string, number>;
  /** Every record (deleted ones included) per sObject API name. */
  tables: Record<string, Array<Record<string, unknown>>>;
}

/**
 * How an emulator starts: port, seed or saved state, daily API limit, credentials, organisation,
 * namespace and schema changes, faults, session timeout, OAuth policy, clock and org automation.
 */
export interface EmulatorOptions {
  /** 0 or omitted: a free port. Always binds 127.0.0.1. */
  port?: number;
  /** Continue from a saved org (see {@link SalesforceEmulator.exportState}); `seed` is then ignored. Use the same namespace/schema options. */
  state?: EmulatorState;
  /** Seed records, or a path to a JSON file of them. Default: the sample org in `local/salesforce-emulator/seed/sample-org.json`. */
  seed?: SeedData | string | false;
  /** Daily API allocation (default 100 000). */
  dailyApiLimit?: number;
  /** Override the generated credentials. */
  credentials?: Partial<EmulatorCredentials>;
  faults?: FaultConfig;
  /**
   * The Organization record (`SELECT IsSandbox, OrganizationType FROM Organization`): default a
   * Developer Edition org, not a sandbox.
   */
  organization?: { name?: string; organizationType?: string; isSandbox?: boolean };
  /** Validation rules and trigger errors of the org; change at run time with `setOrgBehaviour()`. */
  orgBehaviour?: OrgBehaviour;
  /** Prefix custom objects/fields with this namespace (`amazonconnect`), or none when empty. Default: none. */
  namespace?: string;
  /**
   * Fields the org lacks, e.g. `{ AC_ContactTraceRecord__c: ['Region__c', 'DisconnectReason__c'] }`
   * (object and field names with or without the namespace prefix).
   */
  omitFields?: Record<string, string[]>;
  /** Extra (unpackaged) fields per object, e.g. an org-specific external id. */
  extraFields?: Record<string, ExtraFieldDefinition[]>;
  /** Objects the org lacks (e.g. `['AC_QueueMetrics__c']`). */
  omitObjects?: string[];
  /** Session inactivity timeout, ms (default 2 hours). */
  sessionTimeoutMs?: number;
  /** Clock, ms since the epoch (default `Date.now`): drives the rolling API window, sessions, query cursors. */
  now?: () => number;
  /** Maximum base64 characters of a blob field in a JSON body (default 37.5 MB = 39 321 600). */
  maxBase64Length?: number;
  /** Connected-app / org OAuth policy. */
  oauth?: {
    /** Org setting "Block the OAuth username-password flow" (default false). */
    blockPasswordFlow?: boolean;
    /** Connected app has a client-credentials Run As user (default true). */
    clientCredentialsRunAs?: boolean;
  };
}

/** One SOQL/SOSL statement the emulator parsed (for injection tests). */
export interface QueryLogEntry {
  kind: 'soql' | 'sosl' | 'parameterizedSearch';
  /** The statement as received (URL-decoded). */
  text: string;
  /** Decoded string literals (SOQL) or decoded search words / "phrases" (SOSL), in order of appearance. */
  literals: string[];
}

/**
 * The org's API usage: data API calls (counted toward the daily allocation), token requests and
 * calls per endpoint.
 */
export interface ApiUsage {
  /** Data API calls (`/services/data/**`), the ones that count toward the daily allocation. */
  apiCalls: number;
  /** Token endpoint calls. */
  tokenRequests: number;
  /**
   * Per `METHOD path-pattern` counts: the path below `/services/data/vNN.N` with record ids,
   * external-id values and query locators replaced, e.g. `POST /composite`, `GET /query/{locator}`,
   * `PATCH /sobjects/Case/{id}`, `PATCH /sobjects/AC_QueueMetrics__c/Queue_Id__c/{value}`.
   */
  byEndpoint: Record<string, number>;
}

/**
 * A running emulator: its URLs and credentials, its records and query log, API usage, fault,
 * automation and session controls, state export, and `stop`.
 */
export interface SalesforceEmulator {
  /** Base URL, e.g. `http://127.0.0.1:40123`: the org's My Domain host (SalesforceHost). */
  readonly url: string;
  /**
   * `<url>/login`: behaves like login.salesforce.com (password and JWT flows work there,
   * client_credentials answers "request not supported on this domain").
   */
  readonly loginUrl: string;
  readonly port: number;
  readonly credentials: EmulatorCredentials;
  /**
   * Current records of an sObject (deep copies; namespace prefix optional; deleted records only
   * with `includeDeleted`). Blob fields (Attachment.Body, ContentVersion.VersionData) hold base64.
   * `fields` copies only those fields (exact API names), so reading ids of a large org copies no
   * file bodies.
   */
  records(
    sobject: string,
    options?: { includeDeleted?: boolean; fields?: readonly string[] },
  ): Array<Record<string, unknown>>;
  /**
   * SOQL/SOSL statements parsed since start (or the last resetApiUsage), oldest first; the newest
   * 10 000 when there were more.
   */
  queryLog(): QueryLogEntry[];
  apiUsage(): ApiUsage;
  resetApiUsage(): void;
  setFaults(faults: FaultConfig): void;
  /**
   * Applies the writes held by `loseWriteAnswers`, in the order they came, and answers any client
   * still waiting; resolves with how many were applied.
   */
  applyHeldWrites(): Promise<number>;
  /** Replaces the org's validation rules and trigger errors (`{}` = none). */
  setOrgBehaviour(behaviour: OrgBehaviour): void;
  /** Invalidate every issued access token (next call gets 401 INVALID_SESSION_ID). */
  expireAllSessions(): void;
  /** The org's records and id counters, to start a later emulator from (`options.state`). */
  exportState(): EmulatorState;
  stop(): Promise<void>;
}
