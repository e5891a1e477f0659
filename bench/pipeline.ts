/**
 * Post-call pipeline benchmark (`npm run bench -- pipeline [recordingMb]`). Last line, one JSON object:
 *
 * - `sfApiCallsPerContact`: Salesforce API calls per contact by plan, in a warm container (the
 *   describe results cached), measured by the emulator per execution through the whole offline
 *   pipeline (real trigger logic, ASL, handlers). `coldContainerExtraCalls` is what the first contact
 *   of a new container adds (one describe per object). Target: `ctrAndRecording` = 1, and
 *   `ctrAndRecordingStoredCtr` (a CTR too large for the execution input, passed by key) the same.
 * - `sfApiCallsPerExtraVersion` (bench/pipeline-versions.ts): calls per version after a contact's
 *   first, worst delivery order. Target ≤ 1; a single-version contact costs nothing extra.
 * - `stateTransitionsPerContact`: states entered per execution, by plan (what Standard workflows bill),
 *   with the cost model's profiles (transcription, contactLens, full: upload + transcription + Contact Lens).
 * - `usdPerContact` and `costModel` (pipeline-cost.ts): per contact profile, state transitions,
 *   Lambda requests and GB-seconds, S3 and Salesforce calls and the price of it all, beside the
 *   definition before unplanned branches were skipped (same run) and the original package (model).
 * - `triggerBatchRatio`: time for the trigger to handle a batch of 100 new contacts over the time for
 *   a batch of one, with a StartExecution stand-in answering after 30 ms, medians of interleaved
 *   runs in the same process. Target ≤ 10.
 * - `recordingUploadPeakRssMb`: peak RSS of a separate process (a Lambda-like container) running the
 *   real recording-upload handler, bundled and started as the stack deploys it, on a 200 MB
 *   recording from s3rver to the emulator. Target ≤ 100. `recordingUpload.compared` runs the same
 *   upload in the same run with Node's default flags, and with undici as the HTTP client (the
 *   design before node:http).
 */
import './support/quiet-logs.js';
import { SFNClient } from '@aws-sdk/client-sfn';
import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { mockClient } from 'aws-sdk-client-mock';
import { AVAILABLE_BRANCHES, handleKinesisBatch, toBatchResponse } from '../functions/ctr-trigger/index.js';
import { DEFAULT_MAX_CONCURRENCY } from '../functions/ctr-trigger/settings.js';
import type { CtrTriggerSettings } from '../functions/ctr-trigger/types.js';
import { DEFAULT_NODE_OPTIONS, RECORDING_UPLOAD_NODE_OPTIONS } from '../infra/lib/node-options.js';
import { kinesisEventOf } from '../local/aws-stand-ins/kinesis-event.js';
import { StepFunctionsFake } from '../local/aws-stand-ins/step-functions-fake.js';
import { LocalPipeline } from '../local/runner/local-pipeline.js';
import { loadCtrFixture } from '../local/samples/ctr-fixtures.js';
import { measureCostModel } from './pipeline-cost.js';
// The transcription and Contact Lens figures: a separate module, merged into this output.
import { measureFullContact } from './pipeline-full-contact.js';
import { measureExtraVersions } from './pipeline-versions.js';
import {
  measureRecordingUpload,
  type UploadFigures,
  type UploadVariant,
} from './support/recording-upload-memory.js';

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

const round = (value: number, digits = 1) => Number(value.toFixed(digits));

/** The upload as deployed, and the settings it replaced, measured side by side in one run. */
const UPLOAD_VARIANTS = {
  asDeployed: { transport: 'node-http', nodeOptions: RECORDING_UPLOAD_NODE_OPTIONS },
  defaultNodeOptions: { transport: 'node-http', nodeOptions: DEFAULT_NODE_OPTIONS },
  undiciDefaultNodeOptions: { transport: 'undici', nodeOptions: DEFAULT_NODE_OPTIONS },
} satisfies Record<string, UploadVariant>;
/** The peak depends on when V8 collects: several runs per variant, interleaved. */
const UPLOAD_RUNS = 3;

interface UploadRuns {
  highest: UploadFigures;
  runs: UploadFigures[];
}

async function measureUploadVariants(
  megabytes: number,
): Promise<Record<keyof typeof UPLOAD_VARIANTS, UploadRuns>> {
  const names = Object.keys(UPLOAD_VARIANTS) as Array<keyof typeof UPLOAD_VARIANTS>;
  const runs = Object.fromEntries(names.map((name) => [name, [] as UploadFigures[]])) as Record<
    keyof typeof UPLOAD_VARIANTS,
    UploadFigures[]
  >;
  for (let round = 0; round < UPLOAD_RUNS; round++) {
    for (const name of names) runs[name].push(await measureRecordingUpload(megabytes, UPLOAD_VARIANTS[name]));
  }
  return Object.fromEntries(
    names.map((name) => [
      name,
      { runs: runs[name], highest: runs[name].reduce((a, b) => (b.peakRssMb > a.peakRssMb ? b : a)) },
    ]),
  ) as Record<keyof typeof UPLOAD_VARIANTS, UploadRuns>;
}

function summary({ highest, runs }: UploadRuns) {
  return {
    peakRssMb: round(highest.peakRssMb),
    peakRssMbPerRun: runs.map((run) => round(run.peakRssMb)),
    baselineRssMb: round(highest.baselineRssMb),
    peakArrayBuffersMb: round(highest.peakArrayBuffersMb),
    seconds: runs.map((run) => round(run.elapsedMs / 1000, 2)),
  };
}

export async function run({ megabytes }: { megabytes: number }): Promise<Record<string, unknown>> {
  process.env.POWERTOOLS_LOG_LEVEL = 'SILENT';

  const withoutUpload = await measurePlans(
    {},
    [
      ['ctrOnly', agentlessCall(1)],
      ['ctrAndRecording', inboundCall(2)],
      ['recordingOnly', inboundCall(3, { postcallRecordingImportEnabled: 'true' })],
      // Attributes large enough that the execution input would exceed 256 KiB: the CTR goes by key.
      [
        'ctrAndRecordingStoredCtr',
        inboundCall(5, {
          postcallCTRImportEnabled: 'true',
          postcallRecordingImportEnabled: 'true',
          notes: 'n'.repeat(130_000),
        }),
      ],
    ],
    ['ctrRefresh', inboundCall(2, undefined, 600)],
  );
  const withUpload = await measurePlans({ RECORDING_UPLOAD_ENABLED: 'true' }, [
    ['ctrAndRecordingUpload', inboundCall(4)],
  ]);
  const fullContact = await measureFullContact();
  const extraVersions = await measureExtraVersions();
  const trigger = await measureTriggerBatchRatio();
  const costModel = await measureCostModel(trigger.oneMs);
  const uploads = await measureUploadVariants(megabytes);
  const upload = uploads.asDeployed;
  // The same path with a file a tenth the size: a streamed upload's peak does not grow with the file.
  const small = await measureRecordingUpload(
    Math.max(1, Math.round(megabytes / 10)),
    UPLOAD_VARIANTS.asDeployed,
  );

  return {
    sfApiCallsPerContact: { ...withoutUpload.apiCalls, ...withUpload.apiCalls },
    coldContainerExtraCalls: withoutUpload.coldContainerExtraCalls,
    stateTransitionsPerContact: {
      ...withoutUpload.transitions,
      ...withUpload.transitions,
      transcription: costModel.profiles.transcription.stateTransitions,
      contactLens: costModel.profiles.contactLens.stateTransitions,
      full: costModel.profiles.full.stateTransitions,
      perExtraContactLensLook: costModel.transitionsPerExtraContactLensLook.current,
    },
    usdPerContact: Object.fromEntries(
      Object.entries(costModel.profiles).map(([profile, cost]) => [profile, cost.usdPerContact]),
    ),
    usdPerContactRatioToBaseline: Object.fromEntries(
      Object.entries(costModel.ratioToBaseline).map(([profile, ratio]) => [profile, ratio.usdPerContact]),
    ),
    costModel,
    triggerBatchRatio: round(trigger.ratio, 2),
    triggerBatchMs: {
      one: round(trigger.oneMs),
      hundred: round(trigger.hundredMs),
      startExecutionStandInMs: 30,
    },
    triggerMaxConcurrency: DEFAULT_MAX_CONCURRENCY,
    recordingUploadPeakRssMb: round(upload.highest.peakRssMb),
    recordingUpload: {
      megabytes: round(upload.highest.bytes / 1024 / 1024),
      runsPerVariant: UPLOAD_RUNS,
      nodeOptions: RECORDING_UPLOAD_NODE_OPTIONS.join(' '),
      asDeployed: summary(upload),
      smallFile: { megabytes: round(small.bytes / 1024 / 1024), peakRssMb: round(small.peakRssMb) },
      compared: {
        defaultNodeOptions: summary(uploads.defaultNodeOptions),
        undiciDefaultNodeOptions: summary(uploads.undiciDefaultNodeOptions),
      },
    },
    ...fullContact,
    ...extraVersions,
    targets: {
      stateTransitionsCtrOnly: 3,
      stateTransitionsCtrAndRecording: 3,
      stateTransitionsFullContact: 18,
      stateTransitionsPerExtraContactLensLook: 3,
      sfApiCallsPerExtraVersion: 1,
      ctrAndRecording: 1,
      triggerBatchRatio: 10,
      recordingUploadPeakRssMb: 100,
      sfApiCallsFullContact: 3,
    },
  };
}
