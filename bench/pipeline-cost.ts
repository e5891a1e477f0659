/**
 * Cost per contact (`npm run bench -- pipeline-cost`; also merged into `npm run bench -- pipeline`).
 * Each contact profile goes through the whole offline pipeline (real trigger logic, the real ASL in
 * aws-local-stepfunctions, the real handlers, the Salesforce emulator, s3rver, the Transcribe and
 * Comprehend stand-ins), once with the current definition and once with the definition as it was
 * before branches were skipped (read from git, {@link BASELINE_COMMIT}), in the same run. Measured
 * per profile: state transitions (states entered + retries, what Standard workflows bill), Lambda
 * requests, Lambda GB-seconds (the function's configured memory × its measured duration, billed per
 * ms), S3 requests (counted at s3rver while the contact runs), Salesforce API calls, and
 * `usdPerContact` from {@link PRICES}. Beside them, the original package's modelled figures.
 *
 * Profiles: `ctrOnly` (agentless call, CTR import only), `ctrAndRecording` (CTR + recording path on
 * the analytics record), `ctrRecordingUpload` (+ the recording uploaded to Salesforce),
 * `transcription` (CTR + recording + Transcribe with 2 status checks + all five Comprehend
 * analyses), `contactLens` (CTR + recording + Contact Lens, analysis there at the first look),
 * `full` (upload + transcription + Contact Lens). `contactLensTwoLooks` is `contactLens` with the
 * analysis appearing at the second look: the difference is the price of one more look.
 *
 * Durations are local (Salesforce is an in-process emulator): on AWS every Salesforce round trip
 * adds to the Lambda duration, which {@link salesforceLatencyNote} puts in figures.
 */
import './support/quiet-logs.js';
import '../local/runner/promise-with-resolvers.js';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ListObjectsV2Command, type ListObjectsV2CommandInput, PutObjectCommand } from '@aws-sdk/client-s3';
import type { Context } from 'aws-lambda';
import { chooseAnalysisKey } from '../functions/contact-lens-import/analysis-key.js';
import { ContactLensImporter } from '../functions/contact-lens-import/contact-lens-import.js';
import { FUNCTION_MEMORY_MB, type FunctionFolder } from '../infra/lib/function-memory.js';
import { analyticsBranchOptions } from '../local/aws-stand-ins/analytics-branches.js';
import { TranscribeStandIn } from '../local/aws-stand-ins/transcribe-stand-in.js';
import { LocalPipeline, POST_CALL_LAMBDA_HANDLERS } from '../local/runner/local-pipeline.js';
import type { LambdaHandler, TaskHandler } from '../local/runner/post-call-runner.js';
import { loadCtrFixture } from '../local/samples/ctr-fixtures.js';
import { getSalesforceClient } from '../shared/salesforce/from-environment.js';
import { namespacePrefix } from '../shared/salesforce/namespace.js';
import {
  BENCH_RECORDING_BUCKET,
  benchContactId as contactId,
  FULL_CONTACT_ATTRIBUTES,
  recordedContact,
} from './support/bench-contacts.js';

/**
 * List prices, US East (N. Virginia), without free tiers: Step Functions Standard per state
 * transition, Lambda on arm64 per GB-second (first tier) and per request, S3 Standard per request.
 * Transcribe, Comprehend and Salesforce are left out: both designs make the same calls to them.
 */
export const PRICES = {
  region: 'us-east-1',
  stepFunctionsStandardPerTransition: 0.025 / 1000,
  lambdaArm64PerGbSecond: 0.0000133334,
  lambdaPerRequest: 0.2 / 1_000_000,
  s3PutCopyPostListPerRequest: 0.005 / 1000,
  s3GetAndOtherPerRequest: 0.0004 / 1000,
} as const;

/** The last definition before unplanned branches were skipped: the baseline of the ratios. */
export const BASELINE_COMMIT = 'd8f991c';

export const PROFILES = [
  'ctrOnly',
  'ctrAndRecording',
  'ctrRecordingUpload',
  'transcription',
  'contactLens',
  'full',
  'contactLensTwoLooks',
] as const;
export type Profile = (typeof PROFILES)[number];

const RECORDING_BUCKET = BENCH_RECORDING_BUCKET;
const FUNCTION_OF_SUBSTITUTION: Record<string, FunctionFolder> = {
  ContactImportFunctionArn: 'contact-import',
  RecordingUploadFunctionArn: 'recording-upload',
  TranscriptImportFunctionArn: 'transcript-import',
  ContactLensImportFunctionArn: 'contact-lens-import',
};
const TRIGGER: FunctionFolder = 'ctr-trigger';

export interface ProfileCost {
  stateTransitions: number;
  lambdaRequests: number;
  lambdaGbSeconds: number;
  /** Measured milliseconds per function (the trigger's share included). */
  lambdaMs: Partial<Record<FunctionFolder, number>>;
  s3Requests: { putListPost: number; getHead: number };
  sfApiCalls: number;
  usdPerContact: number;
}

/** The original package's figures per profile, from its code (no workflow but the Transcribe poller). */
export const ORIGINAL_MODEL: Record<
  Exclude<Profile, 'contactLensTwoLooks'>,
  { stateTransitions: number; lambdaRequests: number; sfApiCalls: number; note?: string }
> = {
  // sfCTRTrigger + sfContactTraceRecord; describe + upsert (describe not cached)
  ctrOnly: { stateTransitions: 0, lambdaRequests: 2, sfApiCalls: 2 },
  // + sfExecuteTranscriptionStateMachine + sfInvokeAPI create CCA
  ctrAndRecording: { stateTransitions: 0, lambdaRequests: 4, sfApiCalls: 3 },
  ctrRecordingUpload: {
    stateTransitions: 0,
    lambdaRequests: 4,
    sfApiCalls: 3,
    note: 'the original no longer uploads recordings (since v5.6): the same as ctrAndRecording',
  },
  // + Submit, 2 × Get status, Process result, its 4 sfInvokeAPI hops; 8 workflow transitions
  transcription: { stateTransitions: 8, lambdaRequests: 12, sfApiCalls: 7 },
  // + sfProcessContactLens (S3 trigger) and its 2 sfInvokeAPI hops (update, attachment)
  contactLens: { stateTransitions: 0, lambdaRequests: 7, sfApiCalls: 5 },
  full: {
    stateTransitions: 8,
    lambdaRequests: 15,
    sfApiCalls: 9,
    note: 'no upload in the original; see ORIGINAL_PACKAGE_MODEL in pipeline-full-contact.ts',
  },
};

const ATTRIBUTES: Record<Exclude<Profile, 'ctrOnly'>, Record<string, string>> = {
  ctrAndRecording: { postcallCTRImportEnabled: 'true', postcallRecordingImportEnabled: 'true' },
  ctrRecordingUpload: { postcallCTRImportEnabled: 'true', postcallRecordingImportEnabled: 'true' },
  transcription: {
    postcallCTRImportEnabled: 'true',
    postcallRecordingImportEnabled: 'true',
    postcallTranscribeEnabled: 'true',
    postcallTranscribeLanguage: 'en-US',
    postcallTranscribeComprehendAnalysis: 'snt,kw,dl,ne,syn',
  },
  contactLens: {
    postcallCTRImportEnabled: 'true',
    postcallRecordingImportEnabled: 'true',
    contactLensImportEnabled: 'true',
  },
  contactLensTwoLooks: {
    postcallCTRImportEnabled: 'true',
    postcallRecordingImportEnabled: 'true',
    contactLensImportEnabled: 'true',
  },
  full: FULL_CONTACT_ATTRIBUTES,
};

/** The contact record of a profile: the agentless fixture for CTR only, else an inbound call with a recording. */
function contactOf(profile: Profile, n: number): Record<string, unknown> {
  if (profile === 'ctrOnly') {
    const ctr = loadCtrFixture('agentless-voice');
    ctr.ContactId = contactId(n);
    return ctr;
  }
  return recordedContact(n, ATTRIBUTES[profile]);
}

/** Contact Lens dates its output by the agent-connected time (2026-11-28T10:00:41Z in the fixture). */
function analysisKeyOf(id: string): string {
  return `Analysis/Voice/2026/11/28/${id}_analysis_2026-11-28T10:00:41Z.json`;
}

/** The definition at {@link BASELINE_COMMIT}, written to a temporary file. */
function baselineDefinitionFile(directory: string): string {
  const root = join(dirname(fileURLToPath(import.meta.url)), '..');
  let text: string;
  try {
    text = execFileSync('git', ['show', `${BASELINE_COMMIT}:statemachines/post-call.asl.json`], {
      cwd: root,
      encoding: 'utf8',
    });
  } catch (error) {
    throw new Error(
      `the baseline definition needs the repository history (commit ${BASELINE_COMMIT}); run in a full clone`,
      { cause: error },
    );
  }
  const file = join(directory, 'post-call.baseline.asl.json');
  writeFileSync(file, text);
  return file;
}

/**
 * What the baseline definition needs that the current code no longer has: its S3 listing task,
 * and its Contact Lens task contract (both listings in, the import out).
 */
function baselineHandlers(
  s3: Pick<LocalPipeline['s3'], 'send'>,
  beforeList: (input: ListObjectsV2CommandInput) => Promise<void>,
): { lambda: Record<string, LambdaHandler>; service: Record<string, TaskHandler> } {
  const list: TaskHandler = async (input) => {
    const request = input as unknown as ListObjectsV2CommandInput;
    await beforeList(request);
    const { $metadata: _metadata, ...answer } = await s3.send(new ListObjectsV2Command(request));
    const contents = (answer.Contents ?? []).map((entry) => ({ Key: entry.Key }));
    return { ...answer, KeyCount: contents.length, ...(contents.length > 0 ? { Contents: contents } : {}) };
  };
  const importContactLens = (async (event: {
    contactId: string;
    analyticsRecordId: string;
    bucket: string;
    original?: { Contents?: Array<{ Key?: string }> };
    redacted?: { Contents?: Array<{ Key?: string }> };
    redactedRecordingImport: boolean;
  }) => {
    const keys = [...(event.original?.Contents ?? []), ...(event.redacted?.Contents ?? [])]
      .map((entry) => entry.Key)
      .filter((key): key is string => typeof key === 'string');
    const key = chooseAnalysisKey(keys, event.contactId, event.redactedRecordingImport);
    if (!key) throw new Error(`no analysis among ${keys.length} keys`);
    const importer = new ContactLensImporter({
      salesforce: getSalesforceClient(),
      s3,
      namespace: namespacePrefix(process.env.SF_ADAPTER_NAMESPACE),
    });
    return importer.importForContact({ ...event, key });
  }) as LambdaHandler;
  return {
    lambda: { ContactLensImportFunctionArn: importContactLens },
    service: { 'arn:aws:states:::aws-sdk:s3:listObjectsV2': list },
  };
}

interface Invocation {
  fn: FunctionFolder;
  ms: number;
}

/** Runs `profiles` through one pipeline (with or without the upload switch) and costs each contact. */
async function costProfiles(
  profiles: readonly Profile[],
  options: { upload: boolean; definitionFile?: string; firstContact: number; triggerMs: number },
): Promise<Partial<Record<Profile, ProfileCost>>> {
  const invocations = new Map<string, Invocation[]>();
  const timed = (substitution: string, handler: LambdaHandler): LambdaHandler =>
    (async (event: never, context: Context) => {
      const id = (event as { contactId?: string }).contactId ?? '?';
      const started = performance.now();
      try {
        return await handler(event, context);
      } finally {
        const list = invocations.get(id) ?? [];
        list.push({ fn: FUNCTION_OF_SUBSTITUTION[substitution], ms: performance.now() - started });
        invocations.set(id, list);
      }
    }) as LambdaHandler;

  let pipeline: LocalPipeline | undefined;
  const s3 = { send: ((command: never) => pipeline!.s3.send(command)) as LocalPipeline['s3']['send'] };
  // The two-looks contact's analysis is written just before its second look.
  const looks = new Map<string, number>();
  let lateContact = '';
  const beforeList = async (input: ListObjectsV2CommandInput) => {
    const prefix = input.Prefix ?? '';
    if (!lateContact || !prefix.startsWith(`Analysis/Voice/2026/11/28/${lateContact}_analysis_`)) return;
    const count = (looks.get(prefix) ?? 0) + 1;
    looks.set(prefix, count);
    if (count === 2) await putAnalysis(lateContact);
  };
  const putAnalysis = (id: string) =>
    s3.send(
      new PutObjectCommand({
        Bucket: RECORDING_BUCKET,
        Key: analysisKeyOf(id),
        Body: readFileSync(
          new URL('../functions/contact-lens-import/fixtures/voice-analysis.json', import.meta.url),
          'utf8',
        ),
      }) as never,
    );
  const transcribe = new TranscribeStandIn({
    s3,
    scenario: () => ({ outcome: 'COMPLETED', pollsUntilDone: 2 }),
  });
  const branches = analyticsBranchOptions({ s3, transcribe, contactLens: null, beforeList });
  const baseline = options.definitionFile ? baselineHandlers(s3, beforeList) : undefined;
  const handlers = { ...POST_CALL_LAMBDA_HANDLERS, ...branches.lambdaHandlers, ...baseline?.lambda };
  pipeline = await LocalPipeline.start({
    env: { POWERTOOLS_LOG_LEVEL: 'SILENT', ...(options.upload ? { RECORDING_UPLOAD_ENABLED: 'true' } : {}) },
    runner: {
      definitionFile: options.definitionFile,
      lambdaHandlers: Object.fromEntries(
        Object.entries(handlers).map(([name, handler]) => [name, timed(name, handler)]),
      ),
      serviceHandlers: { ...branches.serviceHandlers, ...baseline?.service },
      substitutions: { ...branches.substitutions, ContactLensFirstWaitSeconds: '180' },
    },
  });
  const s3Requests = { putListPost: 0, getHead: 0 };
  const countS3 = (request: IncomingMessage) => {
    const method = request.method ?? 'GET';
    const listing = /[?&]list-type=2/.test(request.url ?? '');
    if (method === 'GET' && !listing) s3Requests.getHead += 1;
    else if (method === 'HEAD') s3Requests.getHead += 1;
    else s3Requests.putListPost += 1;
  };
  let stopCounting: () => void = () => undefined;
  try {
    // A warm-up contact asking for everything fills the container's describe caches first.
    const warmUp = contactOf('full', options.firstContact);
    const contacts = profiles.map(
      (profile, i) => [profile, contactOf(profile, options.firstContact + 1 + i)] as const,
    );
    await pipeline.putRecordingsFor([warmUp, ...contacts.map(([, ctr]) => ctr)]);
    for (const ctr of [warmUp, ...contacts.filter(([p]) => p !== 'contactLensTwoLooks').map(([, c]) => c)]) {
      await putAnalysis(String(ctr.ContactId));
    }
    await pipeline.deliver([warmUp]);
    await pipeline.settle();

    const costs: Partial<Record<Profile, ProfileCost>> = {};
    stopCounting = pipeline.onS3Request(countS3);
    for (const [profile, ctr] of contacts) {
      const id = String(ctr.ContactId);
      if (profile === 'contactLensTwoLooks') lateContact = id;
      s3Requests.putListPost = 0;
      s3Requests.getHead = 0;
      const delivery = await pipeline.deliver([ctr]);
      if (delivery.batchResponses.some((response) => response.batchItemFailures.length > 0)) {
        throw new Error(`the trigger did not start the ${profile} contact`);
      }
      await pipeline.settle();
      const execution = pipeline.store.get(id);
      if (execution?.status !== 'SUCCEEDED') {
        throw new Error(`${profile} execution did not succeed: ${execution?.error} ${execution?.cause}`);
      }
      const transitions = execution.history.filter(
        (event) => event.type === 'StateEntered' || event.type === 'StateRetried',
      ).length;
      const ran = [...(invocations.get(id) ?? []), { fn: TRIGGER, ms: options.triggerMs }];
      const lambdaMs: Partial<Record<FunctionFolder, number>> = {};
      let gbSeconds = 0;
      for (const { fn, ms } of ran) {
        lambdaMs[fn] = round((lambdaMs[fn] ?? 0) + ms, 1);
        gbSeconds += (FUNCTION_MEMORY_MB[fn] / 1024) * (Math.ceil(ms) / 1000);
      }
      const sfApiCalls = pipeline.apiCallsByExecution.get(id) ?? 0;
      const cost: ProfileCost = {
        stateTransitions: transitions,
        lambdaRequests: ran.length,
        lambdaGbSeconds: round(gbSeconds, 5),
        lambdaMs,
        s3Requests: { ...s3Requests },
        sfApiCalls,
        usdPerContact: 0,
      };
      cost.usdPerContact = usdPerContact(cost);
      costs[profile] = cost;
    }
    return costs;
  } finally {
    stopCounting();
    await pipeline.stop();
  }
}

export function usdPerContact(cost: Omit<ProfileCost, 'usdPerContact' | 'lambdaMs'>): number {
  const usd =
    cost.stateTransitions * PRICES.stepFunctionsStandardPerTransition +
    cost.lambdaGbSeconds * PRICES.lambdaArm64PerGbSecond +
    cost.lambdaRequests * PRICES.lambdaPerRequest +
    cost.s3Requests.putListPost * PRICES.s3PutCopyPostListPerRequest +
    cost.s3Requests.getHead * PRICES.s3GetAndOtherPerRequest;
  return Number(usd.toPrecision(4));
}

function round(value: number, digits: number): number {
  return Number(value.toFixed(digits));
}

const WITHOUT_UPLOAD: Profile[] = [
  'ctrOnly',
  'ctrAndRecording',
  'transcription',
  'contactLens',
  'contactLensTwoLooks',
];
const WITH_UPLOAD: Profile[] = ['ctrRecordingUpload', 'full'];

async function costDefinition(
  definitionFile: string | undefined,
  firstContact: number,
  triggerMs: number,
): Promise<Record<Profile, ProfileCost>> {
  const without = await costProfiles(WITHOUT_UPLOAD, {
    upload: false,
    definitionFile,
    firstContact,
    triggerMs,
  });
  const withUpload = await costProfiles(WITH_UPLOAD, {
    upload: true,
    definitionFile,
    firstContact: firstContact + 100,
    triggerMs,
  });
  const merged = { ...without, ...withUpload };
  return Object.fromEntries(PROFILES.map((profile) => [profile, merged[profile]!])) as Record<
    Profile,
    ProfileCost
  >;
}

/** What a given Salesforce latency per call would add to a profile's Lambda cost (durations here are local). */
export function salesforceLatencyNote(costs: Record<Profile, ProfileCost>, latencyMs = 150) {
  const memoryGb = FUNCTION_MEMORY_MB['contact-import'] / 1024;
  return {
    assumedSalesforceRoundTripMs: latencyMs,
    usdPerContactAdded: Object.fromEntries(
      PROFILES.map((profile) => [
        profile,
        Number(
          (
            costs[profile].sfApiCalls *
            (latencyMs / 1000) *
            memoryGb *
            PRICES.lambdaArm64PerGbSecond
          ).toPrecision(2),
        ),
      ]),
    ),
  };
}

export interface CostModel {
  prices: typeof PRICES;
  profiles: Record<Profile, ProfileCost>;
  baseline: { commit: string; profiles: Record<Profile, ProfileCost> };
  /** Current ÷ baseline, same run. */
  ratioToBaseline: Record<Profile, { usdPerContact: number; stateTransitions: number }>;
  /** One more Contact Lens look (contactLensTwoLooks − contactLens). */
  transitionsPerExtraContactLensLook: { current: number; baseline: number };
  original: typeof ORIGINAL_MODEL;
  originalUsdPerContactWithoutDuration: Record<string, number>;
  usdPerMonthAt100kContactsPerDay: Record<Profile, { current: number; baseline: number; original: number }>;
  salesforceLatency: ReturnType<typeof salesforceLatencyNote>;
  functionMemoryMb: typeof FUNCTION_MEMORY_MB;
}

/**
 * Costs every profile with the current and the baseline definition. `triggerMs`: the trigger's
 * measured time for a batch of one (each contact is billed one trigger invocation, conservatively:
 * at 100,000 contacts a day Kinesis batches hold one or two records).
 */
export async function measureCostModel(triggerMs: number): Promise<CostModel> {
  const directory = mkdtempSync(join(tmpdir(), 'bench-cost-'));
  try {
    const profiles = await costDefinition(undefined, 20_000, triggerMs);
    const baselineProfiles = await costDefinition(baselineDefinitionFile(directory), 30_000, triggerMs);
    const ratio = (a: number, b: number) => (b === 0 ? 0 : round(a / b, 3));
    const originalUsd = (model: { stateTransitions: number; lambdaRequests: number }) =>
      Number(
        (
          model.stateTransitions * PRICES.stepFunctionsStandardPerTransition +
          model.lambdaRequests * PRICES.lambdaPerRequest
        ).toPrecision(4),
      );
    const month = (usd: number) => round(usd * 100_000 * 30, 2);
    return {
      prices: PRICES,
      profiles,
      baseline: { commit: BASELINE_COMMIT, profiles: baselineProfiles },
      ratioToBaseline: Object.fromEntries(
        PROFILES.map((profile) => [
          profile,
          {
            usdPerContact: ratio(profiles[profile].usdPerContact, baselineProfiles[profile].usdPerContact),
            stateTransitions: ratio(
              profiles[profile].stateTransitions,
              baselineProfiles[profile].stateTransitions,
            ),
          },
        ]),
      ) as CostModel['ratioToBaseline'],
      transitionsPerExtraContactLensLook: {
        current: profiles.contactLensTwoLooks.stateTransitions - profiles.contactLens.stateTransitions,
        baseline:
          baselineProfiles.contactLensTwoLooks.stateTransitions -
          baselineProfiles.contactLens.stateTransitions,
      },
      original: ORIGINAL_MODEL,
      originalUsdPerContactWithoutDuration: Object.fromEntries(
        Object.entries(ORIGINAL_MODEL).map(([profile, model]) => [profile, originalUsd(model)]),
      ),
      usdPerMonthAt100kContactsPerDay: Object.fromEntries(
        PROFILES.map((profile) => [
          profile,
          {
            current: month(profiles[profile].usdPerContact),
            baseline: month(baselineProfiles[profile].usdPerContact),
            original:
              profile === 'contactLensTwoLooks' ? Number.NaN : month(originalUsd(ORIGINAL_MODEL[profile])),
          },
        ]),
      ) as CostModel['usdPerMonthAt100kContactsPerDay'],
      salesforceLatency: salesforceLatencyNote(profiles),
      functionMemoryMb: FUNCTION_MEMORY_MB,
    };
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

export async function run(): Promise<Record<string, unknown>> {
  process.env.POWERTOOLS_LOG_LEVEL = 'SILENT';
  return { costModel: await measureCostModel(5) };
}
