/**
 * Post-call pipeline benchmark (`npm run bench -- pipeline [recordingMb]`). Last line, one JSON object:
 *
 * - `sfApiCallsPerContact`: Salesforce API calls per contact by plan, in a warm container (the
 *   describe results cached), measured by the emulator per execution through the whole offline
 *   pipeline (real trigger logic, ASL, handlers). `coldContainerExtraCalls` is what the first contact
 *   of a new container adds (one describe per object). Target: `ctrAndRecording` = 1.
 * - `stateTransitionsPerContact`: states entered per execution, by plan (what Standard workflows bill).
 * - `triggerBatchRatio`: time for the trigger to handle a batch of 100 new contacts over the time for
 *   a batch of one, with a StartExecution stand-in answering after 30 ms, medians of interleaved
 *   runs in the same process. Target ≤ 10.
 * - `recordingUploadPeakRssMb`: peak RSS of a separate process (a Lambda-like container) running the
 *   real recording-upload handler on a 200 MB recording from s3rver to the emulator. Target ≤ 100.
 */
import './support/quiet-logs.js';
import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { createReadStream } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SFNClient } from '@aws-sdk/client-sfn';
import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { mockClient } from 'aws-sdk-client-mock';
import { build } from 'esbuild';
import { importContact } from '../functions/contact-import/handler.js';
import { DEFAULT_MAX_CONCURRENCY } from '../functions/ctr-trigger/config.js';
import {
  AVAILABLE_BRANCHES,
  handleKinesisBatch,
  StepFunctionsFake,
  toBatchResponse,
} from '../functions/ctr-trigger/index.js';
import type { CtrTriggerSettings } from '../functions/ctr-trigger/types.js';
import { LocalPipeline } from '../local/local-pipeline.js';
import { emulatorSecret } from '../local/salesforce-environment.js';
import { loadCtrFixture } from '../shared/ctr/fixtures.js';
// Issue 5's figures (transcription + Contact Lens): a separate module, merged into this output.
import { measureFullContact } from './pipeline-full-contact.js';
import { kinesisEventOf } from '../shared/ctr/kinesis-event.js';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = join(HERE, '..');

function contactId(n: number): string {
  return `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
}

/** The inbound call fixture as contact `n`, with its own recording location and attributes. */
function inboundCall(
  n: number,
  attributes?: Record<string, string>,
  versionSeconds = 0,
): Record<string, unknown> {
  const ctr = loadCtrFixture('inbound-voice-agent-recording');
  const id = contactId(n);
  const location = `amazon-connect-recordings-local/connect/bench/CallRecordings/${id}.wav`;
  ctr.ContactId = id;
  ctr.Recording = { ...(ctr.Recording as object), Location: location };
  ctr.Recordings = null;
  if (attributes) ctr.Attributes = attributes;
  const base = Date.parse(String(ctr.LastUpdateTimestamp));
  ctr.LastUpdateTimestamp = new Date(base + versionSeconds * 1000).toISOString().replace('.000Z', 'Z');
  return ctr;
}

function agentlessCall(n: number): Record<string, unknown> {
  const ctr = loadCtrFixture('agentless-voice');
  ctr.ContactId = contactId(n);
  return ctr;
}

interface PlanFigures {
  apiCalls: Record<string, number>;
  transitions: Record<string, number>;
  coldContainerExtraCalls: number;
}

/** Runs `ctrs` (one per plan, after a warm-up contact) and reads each execution's calls and states. */
async function measurePlans(
  env: Record<string, string>,
  plans: Array<[plan: string, ctr: Record<string, unknown>]>,
  refresh?: [plan: string, ctr: Record<string, unknown>],
): Promise<PlanFigures> {
  const pipeline = await LocalPipeline.start({ env: { POWERTOOLS_LOG_LEVEL: 'SILENT', ...env } });
  try {
    const warmUp = inboundCall(9000);
    await pipeline.putRecordingsFor([warmUp, ...plans.map(([, ctr]) => ctr)]);
    await pipeline.deliver([warmUp]);
    await pipeline.settle();
    for (const [, ctr] of plans) {
      await pipeline.deliver([ctr]);
      await pipeline.settle();
    }
    if (refresh) {
      await pipeline.deliver([refresh[1]]);
      await pipeline.settle();
    }
    const figures: PlanFigures = { apiCalls: {}, transitions: {}, coldContainerExtraCalls: 0 };
    const executions = pipeline.store.list();
    const read = (plan: string, contact: string, kind: 'full' | 'ctrRefresh') => {
      const execution = executions.find(
        (candidate) =>
          candidate.name.startsWith(contact) &&
          (kind === 'full' ? candidate.name === contact : candidate.name !== contact),
      );
      if (execution?.status !== 'SUCCEEDED') {
        throw new Error(
          `benchmark execution for ${plan} did not succeed: ${execution?.error} ${execution?.cause}`,
        );
      }
      figures.apiCalls[plan] = pipeline.apiCallsByExecution.get(execution.name) ?? 0;
      figures.transitions[plan] = execution.history.filter((event) => event.type === 'StateEntered').length;
    };
    for (const [plan, ctr] of plans) read(plan, String(ctr.ContactId), 'full');
    if (refresh) read(refresh[0], String(refresh[1].ContactId), 'ctrRefresh');
    const warm = figures.apiCalls[plans[0]?.[0] ?? ''] ?? 0;
    figures.coldContainerExtraCalls =
      (pipeline.apiCallsByExecution.get(String(warmUp.ContactId)) ?? 0) - warm;
    return figures;
  } finally {
    await pipeline.stop();
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Trigger time for 100 new contacts vs 1, StartExecution answering after 30 ms. */
async function measureTriggerBatchRatio(
  rounds = 5,
): Promise<{ ratio: number; oneMs: number; hundredMs: number }> {
  const sfn = new SFNClient({ region: 'us-east-1' });
  const sfnStub = mockClient(sfn);
  new StepFunctionsFake({ beforeStart: () => sleep(30) }).attach(sfnStub);
  const sqs = new SQSClient({ region: 'us-east-1' });
  const sqsStub = mockClient(sqs);
  sqsStub.on(SendMessageCommand).resolves({ MessageId: 'bench' });
  const settings: CtrTriggerSettings = {
    stateMachineArn: 'arn:aws:states:us-east-1:123456789012:stateMachine:post-call',
    deadLetterQueueUrl: 'https://sqs.us-east-1.amazonaws.com/123456789012/ctr-dead-letter',
    switches: {
      ctrImport: true,
      recordingImport: true,
      transcribe: true,
      contactLens: true,
      recordingUpload: false,
    },
    availableBranches: AVAILABLE_BRANCHES,
    maxConcurrency: DEFAULT_MAX_CONCURRENCY,
  };
  let next = 100_000;
  const batch = async (size: number): Promise<number> => {
    const ctrs = Array.from({ length: size }, () => inboundCall(next++));
    const event = kinesisEventOf(ctrs);
    const started = performance.now();
    const outcomes = await handleKinesisBatch(event, { sfn, sqs, settings });
    await toBatchResponse(event, outcomes);
    const elapsed = performance.now() - started;
    const startedCount = outcomes.filter((outcome) => outcome.status === 'started').length;
    if (startedCount !== size) throw new Error(`expected ${size} started executions, got ${startedCount}`);
    return elapsed;
  };
  try {
    await batch(1); // warm-up (module init, JIT)
    await batch(100);
    const one: number[] = [];
    const hundred: number[] = [];
    for (let round = 0; round < rounds; round++) {
      one.push(await batch(1));
      hundred.push(await batch(100));
    }
    const oneMs = median(one);
    const hundredMs = median(hundred);
    return { ratio: hundredMs / oneMs, oneMs, hundredMs };
  } finally {
    sfnStub.restore();
    sqsStub.restore();
  }
}

/** Writes a WAV of about `megabytes` MB (header + pseudo-random PCM), streamed to disk. */
async function writeLargeRecording(file: string, megabytes: number): Promise<number> {
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

interface UploadFigures {
  peakRssMb: number;
  baselineRssMb: number;
  /** Peak of `process.memoryUsage().arrayBuffers` during the upload (Buffers awaiting GC). */
  peakArrayBuffersMb: number;
  elapsedMs: number;
  bytes: number;
}

/** The real upload path in a child process: s3rver → handler → emulator's multipart endpoint. */
export async function measureRecordingUpload(
  megabytes: number,
  nodeFlags: string[] = [],
): Promise<UploadFigures> {
  const directory = mkdtempSync(join(tmpdir(), 'bench-recording-'));
  const pipeline = await LocalPipeline.start({
    env: { POWERTOOLS_LOG_LEVEL: 'SILENT' },
    meterPerExecution: false,
  });
  try {
    const file = join(directory, 'recording.wav');
    const bytes = await writeLargeRecording(file, megabytes);
    const location = 'amazon-connect-recordings-local/connect/bench/CallRecordings/large-recording.wav';
    await pipeline.putRecording(location, createReadStream(file), bytes);
    const imported = await importContact({
      contactId: 'bench-large-recording',
      kind: 'full',
      plan: { ctrImport: false, recordingImport: true, recordingLocation: location },
      ctr: { ContactId: 'bench-large-recording' },
    });
    const event = {
      contactId: 'bench-large-recording',
      analyticsRecordId: imported.analyticsRecordId,
      recordingLocation: location,
    };
    const bundle = await bundleChild();
    const secrets = await startSecretsManagerStandIn(JSON.stringify(emulatorSecret(pipeline.emulator)));
    let output: string;
    try {
      output = await runChild(bundle, nodeFlags, {
        ...process.env,
        POWERTOOLS_LOG_LEVEL: 'SILENT',
        AWS_ENDPOINT_URL_SECRETS_MANAGER: secrets.url,
        BENCH_UPLOAD_EVENT: JSON.stringify(event),
      });
    } finally {
      await secrets.close();
    }
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
    await pipeline.stop();
    rmSync(directory, { recursive: true, force: true });
    for (const cleanup of cleanups.splice(0)) cleanup();
  }
}

/** The child entry bundled like the stack bundles a function (ESM, node20, AWS SDK external). */
async function bundleChild(): Promise<string> {
  // Inside the repository so that node resolves the external @aws-sdk packages from node_modules.
  const outfile = join(ROOT, '.local-state', 'bench', `recording-upload-${process.pid}.mjs`);
  await build({
    entryPoints: [join(HERE, 'support', 'recording-upload-child.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    external: ['@aws-sdk/*'],
    mainFields: ['module', 'main'],
    banner: { js: "import { createRequire } from 'module'; const require = createRequire(import.meta.url);" },
    logLevel: 'error',
  });
  cleanups.push(() => rmSync(outfile, { force: true }));
  return outfile;
}

const cleanups: Array<() => void> = [];

/** Answers Secrets Manager GetSecretValue (JSON 1.1 protocol) with `secret`, on 127.0.0.1. */
async function startSecretsManagerStandIn(secret: string): Promise<{ url: string; close(): Promise<void> }> {
  const server = createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      const target = String(request.headers['x-amz-target'] ?? '');
      if (target !== 'secretsmanager.GetSecretValue') {
        response.writeHead(400, { 'content-type': 'application/x-amz-json-1.1' });
        response.end(JSON.stringify({ __type: 'InvalidRequestException', message: `unsupported ${target}` }));
        return;
      }
      response.writeHead(200, { 'content-type': 'application/x-amz-json-1.1' });
      response.end(
        JSON.stringify({
          ARN: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:bench',
          Name: 'bench',
          SecretString: secret,
        }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function runChild(script: string, nodeFlags: string[], env: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...nodeFlags, script], {
      cwd: ROOT,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
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

const round = (value: number, digits = 1) => Number(value.toFixed(digits));

export async function run(args: string[]): Promise<Record<string, unknown>> {
  process.env.POWERTOOLS_LOG_LEVEL = 'SILENT';
  const megabytes = Number(args[0] ?? 200);

  const withoutUpload = await measurePlans(
    {},
    [
      ['ctrOnly', agentlessCall(1)],
      ['ctrAndRecording', inboundCall(2)],
      ['recordingOnly', inboundCall(3, { postcallRecordingImportEnabled: 'true' })],
    ],
    ['ctrRefresh', inboundCall(2, undefined, 600)],
  );
  const withUpload = await measurePlans({ RECORDING_UPLOAD_ENABLED: 'true' }, [
    ['ctrAndRecordingUpload', inboundCall(4)],
  ]);
  const fullContact = await measureFullContact();
  const trigger = await measureTriggerBatchRatio();
  const upload = await measureRecordingUpload(megabytes);
  // The same path with a file a tenth the size (median of 3: the peak depends on when GC runs, and
  // so on machine load): a streamed upload's peak does not grow with the file.
  const smallRuns: UploadFigures[] = [];
  for (let i = 0; i < 3; i++)
    smallRuns.push(await measureRecordingUpload(Math.max(1, Math.round(megabytes / 10))));
  const small = [...smallRuns].sort((a, b) => a.peakRssMb - b.peakRssMb)[1] ?? smallRuns[0];

  return {
    sfApiCallsPerContact: { ...withoutUpload.apiCalls, ...withUpload.apiCalls },
    coldContainerExtraCalls: withoutUpload.coldContainerExtraCalls,
    stateTransitionsPerContact: { ...withoutUpload.transitions, ...withUpload.transitions },
    triggerBatchRatio: round(trigger.ratio, 2),
    triggerBatchMs: {
      one: round(trigger.oneMs),
      hundred: round(trigger.hundredMs),
      startExecutionStandInMs: 30,
    },
    triggerMaxConcurrency: DEFAULT_MAX_CONCURRENCY,
    recordingUploadPeakRssMb: round(upload.peakRssMb),
    recordingUpload: {
      megabytes: round(upload.bytes / 1024 / 1024),
      baselineRssMb: round(upload.baselineRssMb),
      peakArrayBuffersMb: round(upload.peakArrayBuffersMb),
      seconds: round(upload.elapsedMs / 1000, 2),
      smallFile: { megabytes: round(small.bytes / 1024 / 1024), peakRssMb: round(small.peakRssMb) },
    },
    ...fullContact,
    targets: {
      ctrAndRecording: 1,
      triggerBatchRatio: 10,
      recordingUploadPeakRssMb: 100,
      sfApiCallsFullContact: 3,
    },
  };
}
