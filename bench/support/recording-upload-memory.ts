/**
 * Peak memory of the recording-upload function on one large recording, measured the way Lambda
 * runs it: the handler bundled with the stack's esbuild settings (`infra/lib/pipeline-function.ts`),
 * started as its own process with a given `NODE_OPTIONS`, reading from s3rver and uploading to the
 * emulator (both in this process, so they stay out of the measurement). Used by
 * `npm run bench -- pipeline` and by a test that runs the deployed configuration.
 *
 * @example
 * ```ts
 * const figures = await measureRecordingUpload(200, { transport: 'node-http', nodeOptions: RECORDING_UPLOAD_NODE_OPTIONS });
 * ```
 */

import { spawn } from 'node:child_process';
import { createReadStream, createWriteStream, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Metafile } from 'esbuild';
import { handler as importContact } from '../../functions/contact-import/handler.js';
import { lambdaContext } from '../../local/aws-stand-ins/lambda-context.js';
import { startSecretsManagerStandIn } from '../../local/aws-stand-ins/secrets-manager-stand-in.js';
import { emulatorSecret } from '../../local/emulator-connection/salesforce-environment.js';
import { LocalPipeline } from '../../local/runner/local-pipeline.js';
import { STACK_ESBUILD_OPTIONS } from './stack-bundling.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

export interface UploadVariant {
  /**
   * `node-http`: the handler as shipped. `undici`: the container's client is built over undici
   * pools before the handler runs (the design before node:http), for comparison.
   */
  transport: 'node-http' | 'undici';
  /** The function's `NODE_OPTIONS` flags. */
  nodeOptions: readonly string[];
}

export interface UploadFigures {
  peakRssMb: number;
  /** RSS once the bundle is loaded, before the upload. */
  baselineRssMb: number;
  /** Peak of `process.memoryUsage().arrayBuffers` during the upload (Buffers awaiting GC). */
  peakArrayBuffersMb: number;
  elapsedMs: number;
  bytes: number;
}

/** Uploads a recording of about `megabytes` MB through the real handler in a child process. */
export async function measureRecordingUpload(
  megabytes: number,
  variant: UploadVariant,
): Promise<UploadFigures> {
  const directory = mkdtempSync(join(tmpdir(), 'bench-recording-'));
  const pipeline = await LocalPipeline.start({
    env: { POWERTOOLS_LOG_LEVEL: 'SILENT' },
    meterPerExecution: false,
  });
  let secrets: { url: string; close(): Promise<void> } | undefined;
  try {
    const file = join(directory, 'recording.wav');
    const bytes = await writeLargeRecording(file, megabytes);
    const location = 'amazon-connect-recordings-local/connect/bench/CallRecordings/large-recording.wav';
    await pipeline.putRecording(location, createReadStream(file), bytes);
    const imported = await importContact(
      {
        contactId: 'bench-large-recording',
        kind: 'full',
        plan: { ctrImport: false, recordingImport: true, recordingLocation: location },
        ctr: { ContactId: 'bench-large-recording' },
      },
      lambdaContext({ functionName: 'contact-import', timeoutMs: 120_000 }),
    );
    const event = {
      contactId: 'bench-large-recording',
      analyticsRecordId: imported.analyticsRecordId,
      recordingLocation: location,
    };
    const { script } = await bundleUploadFunction(variant.transport, directory);
    secrets = await startSecretsManagerStandIn(JSON.stringify(emulatorSecret(pipeline.emulator)));
    const output = await runChild(script, {
      ...process.env,
      NODE_OPTIONS: variant.nodeOptions.join(' '),
      POWERTOOLS_LOG_LEVEL: 'SILENT',
      AWS_ENDPOINT_URL_SECRETS_MANAGER: secrets.url,
      BENCH_UPLOAD_EVENT: JSON.stringify(event),
    });
    const figures = JSON.parse(output.trim().split('\n').at(-1) ?? '{}') as {
      result: { contentVersionId: string };
      peakRssMb: number;
      baselineRssMb: number;
      elapsedMs: number;
      sampled: Record<string, number>;
    };
    const [version] = pipeline.emulator
      .records('ContentVersion')
      .filter((record) => record.Id === figures.result.contentVersionId);
    if (!version || version.ContentSize !== bytes) {
      throw new Error(`the upload did not store ${bytes} bytes (got ${version?.ContentSize})`);
    }
    return {
      peakRssMb: figures.peakRssMb,
      baselineRssMb: figures.baselineRssMb,
      peakArrayBuffersMb: figures.sampled.arrayBuffersMb ?? 0,
      elapsedMs: figures.elapsedMs,
      bytes,
    };
  } finally {
    await secrets?.close();
    await pipeline.stop();
    rmSync(directory, { recursive: true, force: true });
  }
}

/**
 * The child entry bundled with the stack's esbuild settings into `directory` (inside the
 * repository's `.local-state/` when none is given). Returns the script and esbuild's metafile.
 */
export async function bundleUploadFunction(
  transport: UploadVariant['transport'],
  directory?: string,
): Promise<{ script: string; metafile: Metafile }> {
  const outdir = directory ?? join(ROOT, '.local-state', 'bench');
  mkdirSync(outdir, { recursive: true });
  const outfile = join(outdir, `recording-upload-${transport}-${process.pid}.mjs`);
  const { metafile } = await build({
    ...STACK_ESBUILD_OPTIONS,
    entryPoints: [join(ROOT, 'bench', 'support', 'recording-upload-child.ts')],
    outfile,
    // Decided at bundle time, so the node-http bundle holds no undici code, as deployed.
    define: { 'process.env.BENCH_UPLOAD_TRANSPORT': JSON.stringify(transport) },
    metafile: true,
  });
  return { script: outfile, metafile };
}

/** Writes a WAV of about `megabytes` MB (header + pseudo-random PCM), streamed to disk. */
export async function writeLargeRecording(file: string, megabytes: number): Promise<number> {
  const dataBytes = megabytes * 1024 * 1024 - 44;
  const out = createWriteStream(file);
  const header = Buffer.alloc(44);
  header.write('RIFF', 0, 'ascii');
  header.writeUInt32LE(36 + dataBytes, 4);
  header.write('WAVEfmt ', 8, 'ascii');
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20);
  header.writeUInt16LE(2, 22);
  header.writeUInt32LE(8000, 24);
  header.writeUInt32LE(32000, 28);
  header.writeUInt16LE(4, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36, 'ascii');
  header.writeUInt32LE(dataBytes, 40);
  out.write(header);
  const chunk = Buffer.alloc(1024 * 1024);
  let seed = 12345;
  for (let i = 0; i < chunk.length; i++) {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    chunk[i] = seed & 0xff;
  }
  let remaining = dataBytes;
  while (remaining > 0) {
    const piece = remaining >= chunk.length ? chunk : chunk.subarray(0, remaining);
    remaining -= piece.length;
    if (!out.write(piece)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
  }
  await new Promise<void>((resolve, reject) =>
    out.end((error?: Error | null) => (error ? reject(error) : resolve())),
  );
  return statSync(file).size;
}

function runChild(script: string, env: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (data: Buffer) => {
      stdout += data.toString();
    });
    child.stderr.on('data', (data: Buffer) => {
      stderr += data.toString();
    });
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolve(stdout) : reject(new Error(`upload child exited ${code}: ${stderr.slice(-2000)}`)),
    );
  });
}
