/**
 * A local Salesforce org over HTTP for tests, `npm start` and benchmarks: OAuth token endpoint
 * (password, client_credentials, JWT bearer), REST data API (sObjects, SOQL, SOSL, composite,
 * collections, files, Chatter, limits) with the documented status codes, bodies and headers,
 * a daily API allocation, and deterministic fault injection.
 *
 * @example
 * ```ts
 * const emulator = await startSalesforceEmulator({ namespace: 'amazonconnect' });
 * // … point the client at emulator.url with emulator.credentials …
 * emulator.records('AC_ContactTraceRecord__c'); // what the pipeline wrote
 * await emulator.stop();
 * ```
 */
import type { AddressInfo } from 'node:net';
import { ApiUsageMeter } from './api-usage.js';
import type { EmulatorContext } from './context.js';
import { buildCredentials } from './credentials.js';
import { notFound } from './errors.js';
import { FaultInjector } from './faults.js';
import { HeldWrites } from './held-writes.js';
import {
  createHttpServer,
  LOGIN_PATH,
  MAX_API_VERSION,
  MIN_API_VERSION,
  route,
  send,
  subrequestFrom,
} from './http-server.js';
import { json } from './http-types.js';
import { IdGenerator } from './ids.js';
import { OAuthServer } from './oauth.js';
import { OrgAutomation } from './org-behaviour.js';
import { Schema } from './schema/registry.js';
import { applySeed, loadSeed } from './seed-loader.js';
import type { Services } from './services.js';
import { SessionStore } from './sessions.js';
import { QueryCursors } from './soql/cursors.js';
import { QueryEngine } from './soql/query-engine.js';
import { SearchService } from './sosl/search-service.js';
import { exportState, importState } from './state.js';
import { StoredBlob } from './store/blob-store.js';
import { registerContentHooks } from './store/content-documents.js';
import { RecordService } from './store/record-service.js';
import { RecordStore } from './store/record-store.js';
import type { EmulatorOptions, FaultConfig, QueryLogEntry, SalesforceEmulator } from './types.js';

export { parseRejectField, rejectField } from './org-behaviour.js';
export type * from './types.js';

const DEFAULT_DAILY_LIMIT = 100_000;
/** Statements {@link SalesforceEmulator.queryLog} keeps (the newest). */
const QUERY_LOG_LIMIT = 10_000;
const DEFAULT_SESSION_TIMEOUT_MS = 2 * 60 * 60 * 1000;
const DEFAULT_MAX_BASE64_LENGTH = 37.5 * 1024 * 1024;

/**
 * Starts the Salesforce emulator on 127.0.0.1 (a free port unless given), seeded with the sample
 * org unless told otherwise.
 *
 * @example
 * ```ts
 * const emulator = await startSalesforceEmulator({ namespace: 'amazonconnect' });
 * emulator.url; // the org's My Domain host
 * await emulator.stop();
 * ```
 */
export async function startSalesforceEmulator(options: EmulatorOptions = {}): Promise<SalesforceEmulator> {
  const now = options.now ?? Date.now;
  const ids = new IdGenerator();
  const schema = new Schema({
    namespace: options.namespace,
    omitFields: options.omitFields,
    extraFields: options.extraFields,
    omitObjects: options.omitObjects,
  });
  const automation = new OrgAutomation(schema, options.orgBehaviour);
  const store = new RecordStore();
  for (const object of schema.objects()) store.registerPrefix(object.keyPrefix, object.name);
  const credentials = buildCredentials(options.credentials);
  const context: EmulatorContext = {
    schema,
    store,
    ids,
    credentials,
    now,
    orgId: ids.next('00D'),
    apiUserId: ids.next('005'),
    url: '',
    maxBase64Length: options.maxBase64Length ?? DEFAULT_MAX_BASE64_LENGTH,
    automation,
  };
  const usage = new ApiUsageMeter(options.dailyApiLimit ?? DEFAULT_DAILY_LIMIT, now);
  let queryLog: QueryLogEntry[] = [];
  const log = (entry: QueryLogEntry) => {
    queryLog.push(entry);
    // Bounded: a long local run keeps the newest statements, not every one it ever parsed.
    if (queryLog.length > 2 * QUERY_LOG_LIMIT) queryLog = queryLog.slice(-QUERY_LOG_LIMIT);
  };
  const records = new RecordService(context);
  registerContentHooks(records);
  const queries = new QueryEngine(context, log);
  const services: Services = {
    context,
    records,
    queries,
    cursors: new QueryCursors(ids, now),
    search: new SearchService(context, queries, log),
    usage,
    dispatch: (request) => {
      if (request.versionNumber < MIN_API_VERSION || request.versionNumber > MAX_API_VERSION) {
        return Promise.resolve(json(404, notFound().toBody()));
      }
      return route(services, request, subrequestFrom);
    },
  };

  if (options.state) importState(options.state, schema, store, ids);
  else seedOrg(context, records, options.seed, options.organization);

  const sessions = new SessionStore(
    context.orgId,
    options.sessionTimeoutMs ?? DEFAULT_SESSION_TIMEOUT_MS,
    now,
  );
  const faults = new FaultInjector(options.faults ?? {});
  let faultConfig: FaultConfig = options.faults ?? {};
  const heldWrites = new HeldWrites();
  const oauth = new OAuthServer(context, sessions, options.oauth ?? {}, () => `${context.url}${LOGIN_PATH}`);
  const server = createHttpServer({
    context,
    services,
    oauth,
    sessions,
    usage,
    faults,
    tokenFaults: () => faultConfig.tokenEndpoint,
    heldWrites,
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  context.url = `http://127.0.0.1:${port}`;

  return {
    url: context.url,
    loginUrl: `${context.url}${LOGIN_PATH}`,
    port,
    credentials,
    records(sobject, recordOptions = {}) {
      const object = schema.objectLenient(sobject);
      if (object === undefined) throw new Error(`Unknown sObject ${sobject}`);
      const rows = recordOptions.includeDeleted ? store.all(object.name) : store.live(object.name);
      const fields = recordOptions.fields;
      // File bodies as base64 text, as the REST API serialises them.
      const copy = (entries: Array<[string, unknown]>) =>
        structuredClone(
          Object.fromEntries(
            entries.map(([key, value]) => [key, value instanceof StoredBlob ? value.base64() : value]),
          ),
        );
      if (fields === undefined) return rows.map((row) => copy(Object.entries(row)));
      return rows.map((row) => copy(fields.map((field) => [field, row[field]])));
    },
    queryLog: () =>
      queryLog.slice(-QUERY_LOG_LIMIT).map((entry) => ({ ...entry, literals: [...entry.literals] })),
    apiUsage: () => usage.snapshot(),
    resetApiUsage() {
      usage.reset();
      queryLog = [];
    },
    setFaults(config) {
      faultConfig = { ...config };
      faults.configure(config);
    },
    applyHeldWrites: () => heldWrites.applyAll((request) => services.dispatch(request), send),
    setOrgBehaviour: (behaviour) => automation.configure(behaviour),
    expireAllSessions: () => sessions.expireAll(),
    exportState: () => exportState(schema, store, ids),
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }).finally(() => store.blobs.close()),
  };
}

/** A new org: its Organization record, the API user, then the seed records. */
function seedOrg(
  context: EmulatorContext,
  records: RecordService,
  seed: EmulatorOptions['seed'],
  organization: EmulatorOptions['organization'] = {},
): void {
  records.create(
    context.schema.object('Organization')!,
    {
      Id: context.orgId,
      Name: organization.name ?? 'Salesforce Emulator',
      IsSandbox: organization.isSandbox ?? false,
      OrganizationType: organization.organizationType ?? 'Developer Edition',
      InstanceName: 'EMU1',
    },
    { system: true },
  );
  records.create(
    context.schema.object('User')!,
    {
      Id: context.apiUserId,
      Username: context.credentials.username,
      FirstName: 'API',
      LastName: 'Integration User',
      Email: context.credentials.username,
      Alias: 'apiuser',
    },
    { system: true },
  );
  applySeed(context, records, loadSeed(seed));
}
