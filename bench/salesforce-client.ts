/**
 * Client overhead benchmark: median latency of `client.get` / `client.query` against a bare
 * undici request for the same emulator endpoint (same pool settings, same headers), interleaved
 * in one run so both see the same machine state; plus token requests per 1 000 calls of a fresh
 * client. Last line: `{"clientOverheadRatio": x, "tokenRequestsPer1000Calls": n, ...}`.
 * Targets: ratio ≤ 1.10, tokens = 1.
 *
 * `nodeHttpVsUndiciRatio` times the same client over `nodeHttpTransport()` (what recording-upload
 * uses) against the undici default, in the same interleaved run: why undici stays the default.
 *
 * `npm run bench -- salesforce-client [iterations]` (calls per operation and side; default in bench/run.ts).
 */
import { Pool } from 'undici';
import { startSalesforceEmulator } from '../local/salesforce-emulator/index.js';
import { createLogger } from '../shared/logging/logger.js';
import { SalesforceClient } from '../shared/salesforce/client.js';
import { StaticCredentialsSource } from '../shared/salesforce/credentials.js';
import { nodeHttpTransport } from '../shared/salesforce/node-http-transport.js';
import { soql } from '../shared/salesforce/soql.js';
import type { SalesforceSettings } from '../shared/salesforce/types.js';
import { undiciTransport } from '../shared/salesforce/undici-transport.js';

const VERSION = 'v62.0';

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

async function time(fn: () => Promise<unknown>): Promise<number> {
  const start = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

export async function run({ iterations }: { iterations: number }): Promise<Record<string, unknown>> {
  const emulator = await startSalesforceEmulator({
    seed: { Contact: [{ LastName: 'Bench', Phone: '+441122334455' }] },
  });
  const settings: SalesforceSettings = {
    host: emulator.url,
    version: VERSION,
    username: emulator.credentials.username,
    production: false,
    authMode: 'password',
  };
  const credentials = new StaticCredentialsSource({
    Password: emulator.credentials.password,
    AccessToken: emulator.credentials.securityToken,
    ConsumerKey: emulator.credentials.consumerKey,
    ConsumerSecret: emulator.credentials.consumerSecret,
  });
  const bare = new Pool(emulator.url, {
    connections: 32,
    keepAliveTimeout: 30_000,
    keepAliveMaxTimeout: 60_000,
  });
  const clients: SalesforceClient[] = [];
  // What a function uses in production: a Powertools logger at its configured level (INFO by default).
  const logger = createLogger('salesforce-client-bench');
  try {
    // 1. Token requests per 1 000 calls of a fresh (cold) client.
    const fresh = new SalesforceClient({ settings, credentials, logger, transport: undiciTransport() });
    clients.push(fresh);
    emulator.resetApiUsage();
    const { records } = await fresh.query(soql`SELECT Id FROM Contact WHERE LastName = ${'Bench'}`);
    const id = String(records[0]?.Id);
    for (let i = 1; i < 1000; i++) await fresh.get('Contact', id);
    const tokenRequestsPer1000Calls = fresh.stats.tokenRequests;
    const emulatorTokenRequests = emulator.apiUsage().tokenRequests;

    // 2. Interleaved latency: the client vs a bare undici request with the client's own token.
    const client = new SalesforceClient({ settings, credentials, logger, transport: undiciTransport() });
    clients.push(client);
    await client.limits();
    const overNodeHttp = new SalesforceClient({
      settings,
      credentials,
      logger,
      transport: nodeHttpTransport(),
    });
    clients.push(overNodeHttp);
    await overNodeHttp.limits();
    const tokenResponse = await bare.request({
      method: 'POST',
      path: '/services/oauth2/token',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'password',
        client_id: emulator.credentials.consumerKey,
        client_secret: emulator.credentials.consumerSecret,
        username: emulator.credentials.username,
        password: emulator.credentials.password + emulator.credentials.securityToken,
      }).toString(),
    });
    const { access_token: token } = (await tokenResponse.body.json()) as { access_token: string };
    const headers = { authorization: `Bearer ${token}`, accept: 'application/json' };
    const queryText = soql`SELECT Id, LastName FROM Contact WHERE Phone = ${'+441122334455'}`;
    const getPath = `/services/data/${VERSION}/sobjects/Contact/${encodeURIComponent(id)}`;
    const queryPath = `/services/data/${VERSION}/query?q=${encodeURIComponent(queryText)}`;
    const bareCall = async (path: string) => {
      const res = await bare.request({ method: 'GET', path, headers });
      const body = await res.body.text();
      if (res.statusCode !== 200) throw new Error(`bare request failed: ${res.statusCode} ${body}`);
      return JSON.parse(body) as unknown;
    };
    type Side = 'client' | 'bare' | 'nodeHttp';
    const ops: Record<string, Record<Side, () => Promise<unknown>>> = {
      get: {
        client: () => client.get('Contact', id),
        bare: () => bareCall(getPath),
        nodeHttp: () => overNodeHttp.get('Contact', id),
      },
      query: {
        client: () => client.query(queryText),
        bare: () => bareCall(queryPath),
        nodeHttp: () => overNodeHttp.query(queryText),
      },
    };
    /** Interleaved medians of `sides` per operation, rotating who goes first so no side always gets the warmer socket. */
    const interleave = async (sides: Side[]) => {
      const medians: Record<string, Partial<Record<Side, number>>> = {};
      for (const [name, op] of Object.entries(ops)) {
        const samples = Object.fromEntries(sides.map((side) => [side, [] as number[]]));
        // Warm-up: JIT, sockets, emulator caches.
        for (let i = 0; i < Math.min(500, iterations); i++) for (const side of sides) await op[side]();
        for (let i = 0; i < iterations; i++) {
          for (let k = 0; k < sides.length; k++) {
            const side = sides[(i + k) % sides.length];
            samples[side].push(await time(op[side]));
          }
        }
        medians[name] = Object.fromEntries(sides.map((side) => [side, median(samples[side])]));
      }
      return medians;
    };
    // Two passes, so the node:http comparison does not disturb the overhead figure.
    const overhead = await interleave(['client', 'bare']);
    const transports = await interleave(['client', 'nodeHttp']);
    const figures: Record<string, number> = {};
    const ratios: number[] = [];
    const nodeHttpRatios: number[] = [];
    for (const name of Object.keys(ops)) {
      const clientMedian = overhead[name].client ?? Number.NaN;
      const bareMedian = overhead[name].bare ?? Number.NaN;
      const nodeHttpMedian = transports[name].nodeHttp ?? Number.NaN;
      const undiciMedian = transports[name].client ?? Number.NaN;
      figures[`${name}ClientMedianMs`] = Number(clientMedian.toFixed(4));
      figures[`${name}BareMedianMs`] = Number(bareMedian.toFixed(4));
      figures[`${name}NodeHttpClientMedianMs`] = Number(nodeHttpMedian.toFixed(4));
      figures[`${name}Ratio`] = Number((clientMedian / bareMedian).toFixed(3));
      ratios.push(clientMedian / bareMedian);
      nodeHttpRatios.push(nodeHttpMedian / undiciMedian);
    }
    return {
      // The worse of the two operations: the figure to hold against the 1.10 target.
      clientOverheadRatio: Number(Math.max(...ratios).toFixed(3)),
      // The same client over node:http, per call, relative to undici (the better of the two operations).
      nodeHttpVsUndiciRatio: Number(Math.min(...nodeHttpRatios).toFixed(3)),
      tokenRequestsPer1000Calls,
      emulatorTokenRequestsFor1000Calls: emulatorTokenRequests,
      iterationsPerSide: iterations,
      ...figures,
      clientTokenRequestsDuringLatencyRun: client.stats.tokenRequests,
      logLevel: logger.getLevelName(),
      node: process.version,
    };
  } finally {
    await Promise.all(clients.map((c) => c.close()));
    await bare.close();
    await emulator.stop();
  }
}
