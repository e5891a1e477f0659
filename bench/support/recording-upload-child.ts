/**
 * Child process of `recording-upload-memory.ts`: one Lambda-like container that runs the real
 * recording-upload handler once (S3 = s3rver, Salesforce = the emulator, Secrets Manager = a local
 * stand-in, all served by the parent) and reports its own peak RSS. The parent bundles this file
 * with the stack's esbuild settings and runs it with the function's NODE_OPTIONS; a separate
 * process keeps the emulator that receives the file out of the measurement.
 *
 * Input (env): BENCH_UPLOAD_EVENT (the task payload, JSON) plus the function's SF_* / AWS_* variables.
 * `process.env.BENCH_UPLOAD_TRANSPORT` is replaced at bundle time: `undici` first builds the
 * container's client over undici pools (the comparison), which the handler then reuses.
 * Output: one JSON line `{ result, baselineRssMb, peakRssMb, elapsedMs, sampled }`.
 */
import { readFileSync } from 'node:fs';
import { handler } from '../../functions/recording-upload/handler.js';
import { lambdaContext } from '../../local/aws-stand-ins/lambda-context.js';
import { getSalesforceClient } from '../../shared/salesforce/from-environment.js';

if (process.env.BENCH_UPLOAD_TRANSPORT === 'undici') getSalesforceClient();

/**
 * Peak RSS of this process image, MB. Linux's VmHWM restarts at exec; `getrusage` maxRSS does not
 * (it keeps the forked parent's resident size), so it would report the parent's memory.
 */
function peakRssMb(): number {
  try {
    const match = /^VmHWM:\s+(\d+)\s+kB$/m.exec(readFileSync('/proc/self/status', 'utf8'));
    if (match) return Number(match[1]) / 1024;
  } catch {
    // not Linux
  }
  return Math.max(peaks.rssMb, process.memoryUsage().rss / 1024 / 1024);
}

const event = JSON.parse(process.env.BENCH_UPLOAD_EVENT ?? '{}') as unknown;
const baselineRssMb = process.memoryUsage().rss / 1024 / 1024;
// Sampled during the upload: shows where memory goes if the peak is high (heap, or Buffers).
const peaks = { heapUsedMb: 0, arrayBuffersMb: 0, rssMb: 0 };
const sampler = setInterval(() => {
  const usage = process.memoryUsage();
  peaks.heapUsedMb = Math.max(peaks.heapUsedMb, usage.heapUsed / 1024 / 1024);
  peaks.arrayBuffersMb = Math.max(peaks.arrayBuffersMb, usage.arrayBuffers / 1024 / 1024);
  peaks.rssMb = Math.max(peaks.rssMb, usage.rss / 1024 / 1024);
}, 50);
const started = performance.now();
const result = await handler(event, lambdaContext({ functionName: 'recording-upload' }));
clearInterval(sampler);
const elapsedMs = performance.now() - started;
process.stdout.write(
  `${JSON.stringify({ result, baselineRssMb, peakRssMb: peakRssMb(), elapsedMs, sampled: peaks })}\n`,
);
