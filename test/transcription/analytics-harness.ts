/**
 * Runs post-call executions of contacts that plan transcription and/or Contact Lens through the
 * real ASL (aws-local-stepfunctions) with the real handlers, the Salesforce emulator and s3rver
 * (LocalPipeline), the Transcribe/Comprehend stand-ins answering for AWS.
 */
import { CreateBucketCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import {
  ANALYTICS_SUBSTITUTION_DEFAULTS,
  analyticsBranchOptions,
} from '../../local/aws-stand-ins/analytics-branches.js';
import { ComprehendStandIn } from '../../local/aws-stand-ins/comprehend-stand-in.js';
import {
  TranscribeStandIn,
  type TranscriptionScenario,
} from '../../local/aws-stand-ins/transcribe-stand-in.js';
import { LocalPipeline } from '../../local/runner/local-pipeline.js';
import type { LambdaHandler } from '../../local/runner/post-call-runner.js';
import { loadCtrFixture } from '../../local/samples/ctr-fixtures.js';
import { buildExecutionInput, serializeExecutionInput } from '../../shared/ctr/build-execution-input.js';
import type { ContactPlan } from '../../shared/ctr/execution-input.js';
import type { ContactTraceRecord } from '../../shared/ctr/types.js';
import { contactPlan } from '../support/contact-plan.js';

export const RECORDING_BUCKET = 'amazon-connect-recordings-local';
export const TRANSCRIBE_BUCKET = ANALYTICS_SUBSTITUTION_DEFAULTS.TranscribeOutputBucket;
export const ANALYTICS = 'amazonconnect__AC_ContactChannelAnalytics__c';

export interface Harness {
  pipeline: LocalPipeline;
  transcribe: TranscribeStandIn;
  comprehend: ComprehendStandIn;
  /** S3 listings of the Contact Lens import, in order. */
  listCalls: Array<{ Prefix?: string }>;
  /** Runs before each listing (e.g. to drop the analysis file in after some polls). */
  beforeList: (call: number) => Promise<void>;
}

export async function startHarness(options: {
  scenario?: TranscriptionScenario;
  substitutions?: Record<string, string>;
  /** Wraps the branch Lambda handlers by substitution (e.g. to make one fail). */
  wrapLambda?: (substitution: string, handler: LambdaHandler) => LambdaHandler;
}): Promise<Harness> {
  let pipeline: LocalPipeline | undefined;
  const s3 = { send: ((command: never) => pipeline!.s3.send(command)) as S3Client['send'] };
  const transcribe = new TranscribeStandIn({
    s3,
    scenario: () => options.scenario ?? { outcome: 'COMPLETED', pollsUntilDone: 2 },
  });
  const comprehend = new ComprehendStandIn();
  const harness = {
    transcribe,
    comprehend,
    listCalls: [],
    beforeList: async () => undefined,
  } as unknown as Harness;
  const branches = analyticsBranchOptions({
    s3,
    transcribe,
    comprehend,
    contactLens: null,
    beforeList: async (input) => {
      harness.listCalls.push(input);
      await harness.beforeList(harness.listCalls.length);
    },
  });
  pipeline = await LocalPipeline.start({
    runner: {
      lambdaHandlers: Object.fromEntries(
        Object.entries(branches.lambdaHandlers).map(([substitution, handler]) => [
          substitution,
          options.wrapLambda?.(substitution, handler) ?? handler,
        ]),
      ),
      serviceHandlers: branches.serviceHandlers,
      substitutions: { ...ANALYTICS_SUBSTITUTION_DEFAULTS, ...options.substitutions },
    },
  });
  harness.pipeline = pipeline;
  await pipeline.s3.send(new CreateBucketCommand({ Bucket: TRANSCRIBE_BUCKET }));
  await pipeline.s3.send(new CreateBucketCommand({ Bucket: RECORDING_BUCKET })).catch(() => undefined);
  return harness;
}

/** The inbound voice fixture with a fresh ContactId and the given plan. */
export function contactInput(
  contactId: string,
  plan: Partial<ContactPlan>,
): { ctr: ContactTraceRecord; input: string; location: string } {
  const ctr = {
    ...loadCtrFixture('inbound-voice-agent-recording'),
    ContactId: contactId,
  } as ContactTraceRecord;
  const location = `${RECORDING_BUCKET}/connect/example-instance/CallRecordings/2026/11/28/${contactId}_20261128T10:02_UTC.wav`;
  (ctr as unknown as { Recording: Record<string, unknown> }).Recording = {
    DeletionReason: null,
    Location: location,
    Status: 'AVAILABLE',
    Type: 'AUDIO',
  };
  const fullPlan = contactPlan({ recordingLocation: location, ...plan });
  return { ctr, location, input: serializeExecutionInput(buildExecutionInput(ctr, fullPlan, 'full')) };
}

/** Starts one execution and waits until every execution stopped. */
export async function runContact(harness: Harness, contactId: string, input: string) {
  harness.pipeline.runner.startExecution({ name: contactId, input });
  await harness.pipeline.settle();
  const report = harness.pipeline.contactReports().find((entry) => entry.executionName === contactId)!;
  const execution = harness.pipeline.runner.store.get(contactId)!;
  return { report, execution };
}

/** The contact's analytics records and their attachments, from the emulator. */
export function analyticsOf(harness: Harness, contactId: string) {
  const records = harness.pipeline.emulator
    .records(ANALYTICS)
    .filter((record) => record.amazonconnect__ContactId__c === contactId);
  const ids = new Set(records.map((record) => record.Id));
  const attachments = harness.pipeline.emulator
    .records('Attachment')
    .filter((record) => ids.has(record.ParentId));
  return { records, attachments };
}

/** Decodes an Attachment's base64 JSON body. */
export function attachmentJson(attachment: Record<string, unknown>): unknown {
  return JSON.parse(Buffer.from(String(attachment.Body), 'base64').toString('utf8'));
}

export async function putAnalysis(harness: Harness, key: string, body: unknown): Promise<void> {
  await harness.pipeline.s3.send(
    new PutObjectCommand({
      Bucket: RECORDING_BUCKET,
      Key: key,
      // A string is the file's text as written; anything else is serialised.
      Body: typeof body === 'string' ? body : JSON.stringify(body),
      ContentType: 'application/json',
    }),
  );
}

export function count(states: readonly string[], name: string): number {
  return states.filter((state) => state === name).length;
}
