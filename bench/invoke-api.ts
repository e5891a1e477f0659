/**
 * sfInvokeAPI benchmark. Last line: one JSON object with
 * - `p50Ratio` / `p99Ratio`: warm handler latency (phoneLookup, the usual first call of a flow)
 *   over one bare HTTP request for the same Salesforce call (POST parameterizedSearch with a valid
 *   token), both against the emulator with 50 ms injected latency, interleaved in one run
 *   (targets: p50Ratio ≤ 1.05);
 * - `sfCallsPerInvocation`: Salesforce API calls per warm invocation (target 1), with the warm
 *   token requests and Secrets Manager calls (target 0);
 * - `coldInitMs`: median time to import the esbuild bundle of the handler (ESM, node20, minified,
 *   self-contained) in a fresh node process; `bundleBytes`: that bundle's size.
 *
 * `npm run bench -- invoke-api [iterations]` (invocations per side; default in bench/run.ts).
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { Context } from 'aws-lambda';
import { build } from 'esbuild';
import { Pool } from 'undici';
import { DEFAULT_NODE_OPTIONS } from '../infra/lib/node-options.js';
import { useSalesforceEmulator } from '../local/emulator-connection/salesforce-environment.js';
import { startSalesforceEmulator } from '../local/salesforce-emulator/index.js';
import { STACK_ESBUILD_OPTIONS } from './support/stack-bundling.js';

const VERSION = 'v62.0';
const LATENCY_MS = 50;
const HANDLER_ENTRY = fileURLToPath(new URL('../functions/invoke-api/handler.ts', import.meta.url));
const EVENT_FILE = new URL('../functions/invoke-api/events/event-phoneLookup.json', import.meta.url);

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

async function time(fn: () => Promise<unknown>): Promise<number> {
  const start = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

const round = (value: number, digits = 3) => Number(value.toFixed(digits));

export async function run({ iterations }: { iterations: number }): Promise<Record<string, unknown>> {
  // The handler logs one INFO line per call; keep the bench output to its figures.
  process.env.POWERTOOLS_LOG_LEVEL ??= 'WARN';
  const emulator = await startSalesforceEmulator();
  const environment = useSalesforceEmulator(emulator);
  const bare = new Pool(emulator.url, {
    connections: 32,
    keepAliveTimeout: 30_000,
    keepAliveMaxTimeout: 60_000,
  });
  try {
    const { handler } = await import('../functions/invoke-api/handler.js');
    const event = JSON.parse(await readFile(EVENT_FILE, 'utf8'));
    const context = {
      functionName: 'invoke-api-bench',
      getRemainingTimeInMillis: () => 8000,
    } as unknown as Context;
    const invoke = () => handler(event, context);

    // The same Salesforce call the handler makes, sent bare with a token of our own.
    const token = await bareToken(bare, emulator);
    const body = JSON.stringify({
      q: '1122334455',
      in: 'PHONE',
      fields: ['Id', 'Name', 'Email'],
      sobjects: [{ name: 'Contact' }],
    });
    const bareCall = async () => {
      const response = await bare.request({
        method: 'POST',
        path: `/services/data/${VERSION}/parameterizedSearch`,
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': 'application/json',
          accept: 'application/json',
        },
        body,
      });
      if (response.statusCode !== 200) throw new Error(`bare request answered ${response.statusCode}`);
      await response.body.json();
    };

    // Cold start of the client (secret + token), then warm-up; neither is measured.
    const first = await invoke();
    if (first.Id !== '0031r000026MVPIAA4')
      throw new Error(`unexpected phoneLookup answer ${JSON.stringify(first)}`);
    emulator.setFaults({ latencyMs: LATENCY_MS });
    for (let i = 0; i < 10; i++) {
      await invoke();
      await bareCall();
    }

    const secretsSend = SecretsManagerClient.prototype.send as unknown as { callCount: number };
    const secretCallsBefore = secretsSend.callCount;
    emulator.resetApiUsage();
    const handlerMs: number[] = [];
    const bareMs: number[] = [];
    for (let i = 0; i < iterations; i++) {
      // Alternate which side goes first so neither always follows the other.
      if (i % 2 === 0) {
        handlerMs.push(await time(invoke));
        bareMs.push(await time(bareCall));
      } else {
        bareMs.push(await time(bareCall));
        handlerMs.push(await time(invoke));
      }
    }
    const usage = emulator.apiUsage();
    const handlerCalls = usage.apiCalls - iterations;
    const cold = await coldInit();
    return {
      operation: 'phoneLookup',
      iterations,
      injectedLatencyMs: LATENCY_MS,
      handlerP50Ms: round(percentile(handlerMs, 50)),
      handlerP99Ms: round(percentile(handlerMs, 99)),
      bareP50Ms: round(percentile(bareMs, 50)),
      bareP99Ms: round(percentile(bareMs, 99)),
      p50Ratio: round(percentile(handlerMs, 50) / percentile(bareMs, 50)),
      p99Ratio: round(percentile(handlerMs, 99) / percentile(bareMs, 99)),
      sfCallsPerInvocation: round(handlerCalls / iterations),
      warmTokenRequests: usage.tokenRequests,
      warmSecretsManagerCalls: secretsSend.callCount - secretCallsBefore,
      coldInitMs: cold.coldInitMs,
      bundleBytes: cold.bundleBytes,
    };
  } finally {
    await bare.close();
    environment.restore();
    await emulator.stop();
  }
}

async function bareToken(
  pool: Pool,
  emulator: Awaited<ReturnType<typeof startSalesforceEmulator>>,
): Promise<string> {
  const { credentials } = emulator;
  const response = await pool.request({
    method: 'POST',
    path: '/services/oauth2/token',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'password',
      client_id: credentials.consumerKey,
      client_secret: credentials.consumerSecret,
      username: credentials.username,
      password: credentials.password + credentials.securityToken,
    }).toString(),
  });
  const body = (await response.body.json()) as { access_token?: string };
  if (body.access_token === undefined) throw new Error(`token request answered ${response.statusCode}`);
  return body.access_token;
}

/**
 * Bundles the handler with the stack's esbuild settings and times its import in fresh node
 * processes started with the functions' NODE_OPTIONS (source maps load with the bundle).
 */
async function coldInit(runs = 5): Promise<{ coldInitMs: number; bundleBytes: number }> {
  const dir = await mkdtemp(join(tmpdir(), 'invoke-api-bench-'));
  try {
    const outfile = join(dir, 'handler.mjs');
    await build({ ...STACK_ESBUILD_OPTIONS, entryPoints: [HANDLER_ENTRY], outfile });
    const script =
      'const t = performance.now(); await import(process.argv[1]); ' +
      'process.stdout.write(String(performance.now() - t));';
    const times: number[] = [];
    for (let i = 0; i < runs; i++) {
      const { stdout } = await promisify(execFile)(
        process.execPath,
        ['--input-type=module', '-e', script, pathToFileURL(outfile).href],
        {
          env: {
            ...process.env,
            NODE_OPTIONS: DEFAULT_NODE_OPTIONS.join(' '),
            AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
          },
        },
      );
      times.push(Number(stdout));
    }
    return { coldInitMs: round(percentile(times, 50), 1), bundleBytes: (await stat(outfile)).size };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
