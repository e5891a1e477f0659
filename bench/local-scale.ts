/**
 * `npm run bench -- local-scale [--repeat N]`: how `npm start`'s engine scales with the number of
 * contacts. Runs 100 and 1,000 inbound calls with recordings (one Kinesis batch, and batches of
 * 100), each in its own process, interleaved, N times (default 1), and prints one JSON line:
 *
 * - `msPerContact`: per size and batching, the median time per contact of putting the recordings,
 *   delivering, running every execution, building the report and saving the local state (the
 *   pipeline's fixed start-up is `startupMs`, apart).
 * - `scaleRatio`: msPerContact at 1,000 over msPerContact at 100, per batching, and `max` of the
 *   two. Target ≤ 1.5 (linear).
 * - `peakRssMb`: per size and batching, the largest peak RSS of the process. Target ≤ 400 at 1,000.
 * - `apiCallsPerContact`: Salesforce API calls of a warm container's contact with a recording, as
 *   the stack deploys it (upload off; target 1) and as `npm start` runs it (upload on).
 *
 * The figures are wall-clock times on whatever else the machine runs: read the ratios.
 */
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ChildFigures } from './support/local-scale-child.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const CHILD = join(ROOT, 'bench', 'support', 'local-scale-child.ts');
const SIZES = [100, 1000] as const;
const BATCHINGS = { oneBatch: (contacts: number) => contacts, batchesOf100: () => 100 } as const;

function runChild(
  contacts: number,
  batchSize: number,
  env: Record<string, string> = {},
): Promise<ChildFigures> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, String(contacts), String(batchSize)], {
      cwd: ROOT,
      env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true', ...env },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8');
    });
    child.on('error', reject);
    child.on('close', (code) => {
      const last = stdout.trim().split('\n').at(-1) ?? '';
      if (code !== 0)
        return reject(new Error(`local-scale child (${contacts}, ${batchSize}) exited ${code}`));
      const figures = JSON.parse(last) as ChildFigures;
      if (figures.succeeded !== contacts)
        return reject(new Error(`only ${figures.succeeded} of ${contacts} contacts succeeded`));
      resolve(figures);
    });
  });
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

const round = (value: number, digits = 2) => Number(value.toFixed(digits));

export async function run({ repeat }: { repeat: number }): Promise<Record<string, unknown>> {
  const runs = new Map<string, ChildFigures[]>();
  for (let pass = 0; pass < repeat; pass++) {
    for (const [batching, size] of Object.entries(BATCHINGS)) {
      for (const contacts of SIZES) {
        const key = `${batching}/${contacts}`;
        runs.set(key, [...(runs.get(key) ?? []), await runChild(contacts, size(contacts))]);
      }
    }
  }
  const msPerContact: Record<string, Record<string, number>> = {};
  const peakRssMb: Record<string, Record<string, number>> = {};
  const startupMs: Record<string, Record<string, number>> = {};
  const scaleRatio: Record<string, number> = {};
  for (const batching of Object.keys(BATCHINGS)) {
    msPerContact[batching] = {};
    peakRssMb[batching] = {};
    startupMs[batching] = {};
    for (const contacts of SIZES) {
      const figures = runs.get(`${batching}/${contacts}`) ?? [];
      msPerContact[batching][contacts] = round(median(figures.map((entry) => entry.msPerContact)));
      peakRssMb[batching][contacts] = Math.max(...figures.map((entry) => entry.peakRssMb));
      startupMs[batching][contacts] = Math.round(median(figures.map((entry) => entry.startupMs)));
    }
    scaleRatio[batching] = round(msPerContact[batching][1000] / msPerContact[batching][100]);
  }
  scaleRatio.max = Math.max(scaleRatio.oneBatch, scaleRatio.batchesOf100);
  const asDeployed = await runChild(100, 100, { RECORDING_UPLOAD_ENABLED: 'false' });
  const withUpload = runs.get('oneBatch/100')?.[0];
  return {
    benchmark: 'local-scale',
    repeat,
    msPerContact,
    scaleRatio,
    peakRssMb,
    startupMs,
    apiCallsPerContact: {
      ctrWithRecording: asDeployed.apiCallsPerContact,
      ctrWithRecordingAndUpload: withUpload?.apiCallsPerContact,
    },
  };
}
