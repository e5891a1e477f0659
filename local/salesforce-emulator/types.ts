/**
 * Public contract of the local Salesforce emulator (`startSalesforceEmulator` in `index.ts`).
 * Tests, `npm start`, benchmarks and CLIs use only this surface.
 */

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
}

/** Seed data: sObject name → records (without Id: the emulator assigns 18-character ids). */
export type SeedData = Record<string, Array<Record<string, unknown>>>;

export interface EmulatorOptions {
  /** 0 or omitted: a free port. Always binds 127.0.0.1. */
  port?: number;
  /** Seed records, or a path to a JSON file of them. Default: the sample org in `local/salesforce-emulator/seed/sample-org.json`. */
  seed?: SeedData | string | false;
  /** Daily API allocation (default 100 000). */
  dailyApiLimit?: number;
  /** Override the generated credentials. */
  credentials?: Partial<EmulatorCredentials>;
  faults?: FaultConfig;
  /** Prefix custom objects/fields with this namespace (`amazonconnect`), or none when empty. Default: none. */
  namespace?: string;
}

export interface ApiUsage {
  /** Data API calls (`/services/data/**`), the ones that count toward the daily allocation. */
  apiCalls: number;
  /** Token endpoint calls. */
  tokenRequests: number;
  /** Per `METHOD path-pattern` counts, e.g. `POST /composite`. */
  byEndpoint: Record<string, number>;
}

export interface SalesforceEmulator {
  /** Base URL, e.g. `http://127.0.0.1:40123` (use as SalesforceHost and login host). */
  readonly url: string;
  readonly port: number;
  readonly credentials: EmulatorCredentials;
  /** Current records of an sObject (deep copies). */
  records(sobject: string): Array<Record<string, unknown>>;
  apiUsage(): ApiUsage;
  resetApiUsage(): void;
  setFaults(faults: FaultConfig): void;
  /** Invalidate every issued access token (next call gets 401 INVALID_SESSION_ID). */
  expireAllSessions(): void;
  stop(): Promise<void>;
}
