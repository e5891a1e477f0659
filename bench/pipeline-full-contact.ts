/**
 * Fully featured contact benchmark (`npm run bench -- pipeline-full-contact`; also merged into
 * `npm run bench -- pipeline`). One voice contact asking for everything: CTR import, recording
 * import, Transcribe (job COMPLETED at the 2nd status check) with all five Comprehend analyses, and
 * the Contact Lens import (analysis already written when the branch first looks). It goes through
 * the whole offline pipeline: real trigger logic, the real ASL in aws-local-stepfunctions, the real
 * handlers, the Salesforce emulator (counting API calls per execution), s3rver, and the local
 * Transcribe/Comprehend stand-ins. A warm-up contact first fills the container's describe cache.
 *
 * Figures (last line, one JSON object):
 * - `sfApiCallsFullContact`: Salesforce API calls of that contact's execution. Target ≤ 3.
 * - `stateTransitionsFullContact`: states entered by the execution (what Standard workflows bill).
 * - `lambdaInvocationsFullContact`: Lambda invocations caused by the contact: the trigger
 *   invocation (a batch of one) + every task invocation (retries included).
 * - the same three for the original package (v5.26), from the model below, with its derivation.
 *
 * Model of the original package for the same contact (its CTR, recording, transcription and
 * Contact Lens Lambdas as they read and write Salesforce; one CTR
 * delivered once, token cached in the secret so no login calls, the S3 lock holding the CCA id):
 *
 *   Salesforce API calls
 *     sfContactTraceRecord          describe AC_ContactTraceRecord__c (not cached)        1
 *                                   upsert AC_ContactTraceRecord__c                       1
 *     sfExecuteTranscriptionSM      create CCA (via sfInvokeAPI `create`)                  1
 *     sfProcessTranscriptionResult  update CCA (via sfInvokeAPI)                           1
 *                                   3 Attachments, one create each                         3
 *     sfProcessContactLens          update CCA                                             1
 *                                   ContactLensTranscripts.json Attachment                 1
 *                                                                                 total    9
 *     (8 without the `syn` analysis, hence "about 8".)
 *
 *   Step Functions state transitions (only the transcription state machine is a workflow)
 *     Submit Transcription Job 1, then per status check Wait + Get + Choice (2 checks) 6,
 *     Process Transcription Result 1                                              total    8
 *
 *   Lambda invocations
 *     sfCTRTrigger 1 (batch of one), sfExecuteTranscriptionStateMachine 1, sfContactTraceRecord 1,
 *     sfInvokeAPI create CCA 1, sfSubmitTranscribeJob 1, sfGetTranscribeJobStatus 2,
 *     sfProcessTranscriptionResult 1, its sfInvokeAPI hops (update + 3 attachments) 4,
 *     sfProcessContactLens 1, its sfInvokeAPI hops (update + attachment) 2          total   15
 */
import './support/quiet-logs.js';
import '../local/runner/promise-with-resolvers.js';
import { readFileSync } from 'node:fs';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import type { Context } from 'aws-lambda';
import { analyticsBranchOptions } from '../local/aws-stand-ins/analytics-branches.js';
import { TranscribeStandIn } from '../local/aws-stand-ins/transcribe-stand-in.js';
import { LocalPipeline, POST_CALL_LAMBDA_HANDLERS } from '../local/runner/local-pipeline.js';
import type { LambdaHandler } from '../local/runner/post-call-runner.js';
import {
  BENCH_RECORDING_BUCKET,
  FULL_CONTACT_ATTRIBUTES,
  recordedContact,
} from './support/bench-contacts.js';

const RECORDING_BUCKET = BENCH_RECORDING_BUCKET;

/** The original package's figures for the same contact (see the model above). */
export const ORIGINAL_PACKAGE_MODEL = {
  sfApiCalls: {
    total: 9,
    derivation: {
      'sfContactTraceRecord: describe AC_ContactTraceRecord__c (per CTR, not cached)': 1,
      'sfContactTraceRecord: upsert AC_ContactTraceRecord__c': 1,
      'sfExecuteTranscriptionStateMachine: create CCA via sfInvokeAPI': 1,
      'sfProcessTranscriptionResult: update CCA via sfInvokeAPI': 1,
      'sfProcessTranscriptionResult: CustomerTranscripts/AgentTranscripts/ComprehendSyntax Attachments, one create each': 3,
      'sfProcessContactLens: update CCA': 1,
      'sfProcessContactLens: ContactLensTranscripts.json Attachment': 1,
    },
    note: '8 when the contact does not request the syn analysis; token requests excluded (cached AuthToken)',
  },
  stateTransitions: {
    total: 8,
    derivation: {
      'Submit Transcription Job': 1,
      'Wait X Seconds + Get Transcription Job Status + Job Complete? per status check (2 checks)': 6,
      'Process Transcription Result': 1,
    },
    note: 'the CTR, recording and Contact Lens paths are Lambda-to-Lambda invocations, not workflow states',
  },
  lambdaInvocations: {
    total: 15,
    derivation: {
      'sfCTRTrigger (batch of one)': 1,
      'sfExecuteTranscriptionStateMachine (async)': 1,
      'sfContactTraceRecord (async)': 1,
      'sfInvokeAPI create CCA': 1,
      sfSubmitTranscribeJob: 1,
      'sfGetTranscribeJobStatus (2 status checks)': 2,
      sfProcessTranscriptionResult: 1,
      'sfInvokeAPI hops from sfProcessTranscriptionResult (update + 3 attachments)': 4,
      'sfProcessContactLens (S3 trigger)': 1,
      'sfInvokeAPI hops from sfProcessContactLens (update + attachment)': 2,
    },
  },
} as const;

/** The inbound call fixture as contact `n`, asking for every post-call feature. */
function fullContact(n: number): Record<string, unknown> {
  return recordedContact(n, { ...FULL_CONTACT_ATTRIBUTES });
}

export interface FullContactFigures {
  sfApiCallsFullContact: number;
  stateTransitionsFullContact: number;
  lambdaInvocationsFullContact: number;
  fullContact: Record<string, unknown>;
  originalSfApiCallsFullContact: number;
  originalStateTransitionsFullContact: number;
  originalLambdaInvocationsFullContact: number;
  originalPackageModel: typeof ORIGINAL_PACKAGE_MODEL;
}

export async function measureFullContact(): Promise<FullContactFigures> {
  const invocations = new Map<string, number>();
  const counted = (name: string, handler: LambdaHandler): LambdaHandler =>
    ((event: never, context: Context) => {
      const execution = (event as { contactId?: string }).contactId ?? '?';
      invocations.set(`${execution} ${name}`, (invocations.get(`${execution} ${name}`) ?? 0) + 1);
      return handler(event, context);
    }) as LambdaHandler;

  let pipeline: LocalPipeline | undefined;
  const s3 = { send: ((command: never) => pipeline!.s3.send(command)) as LocalPipeline['s3']['send'] };
  const transcribe = new TranscribeStandIn({
    s3,
    scenario: () => ({ outcome: 'COMPLETED', pollsUntilDone: 2 }),
  });
  const branches = analyticsBranchOptions({ s3, transcribe, contactLens: null });
  const handlers = { ...POST_CALL_LAMBDA_HANDLERS, ...branches.lambdaHandlers };
  pipeline = await LocalPipeline.start({
    env: { POWERTOOLS_LOG_LEVEL: 'SILENT' },
    runner: {
      lambdaHandlers: Object.fromEntries(
        Object.entries(handlers).map(([name, handler]) => [name, counted(name, handler)]),
      ),
      serviceHandlers: branches.serviceHandlers,
      substitutions: branches.substitutions,
    },
  });
  try {
    const warmUp = fullContact(9100);
    const contact = fullContact(9101);
    await pipeline.putRecordingsFor([warmUp, contact]);
    const analysis = readFileSync(
      new URL('../functions/contact-lens-import/fixtures/voice-analysis.json', import.meta.url),
      'utf8',
    );
    for (const ctr of [warmUp, contact]) {
      // Contact Lens dates its output by the agent-connected time (2026-11-28T10:00:41Z here).
      await pipeline.s3.send(
        new PutObjectCommand({
          Bucket: RECORDING_BUCKET,
          Key: `Analysis/Voice/2026/11/28/${ctr.ContactId}_analysis_2026-11-28T10:00:41Z.json`,
          Body: analysis,
        }),
      );
    }
    for (const ctr of [warmUp, contact]) {
      const delivery = await pipeline.deliver([ctr]);
      if (delivery.batchResponses.some((response) => response.batchItemFailures.length > 0)) {
        throw new Error('the trigger did not start the benchmark contact');
      }
      await pipeline.settle();
    }
    const id = String(contact.ContactId);
    const execution = pipeline.store.get(id);
    if (execution?.status !== 'SUCCEEDED') {
      throw new Error(`full-contact execution did not succeed: ${execution?.error} ${execution?.cause}`);
    }
    const entered = execution.history.filter((event) => event.type === 'StateEntered');
    const taskInvocations = [...invocations.entries()]
      .filter(([key]) => key.startsWith(`${id} `))
      .reduce((sum, [, calls]) => sum + calls, 0);
    const gets = entered.filter((event) => event.stateName === 'Get transcription job').length;
    const contactLensPolls = entered.filter(
      (event) => event.stateName === 'Look for and import Contact Lens analysis',
    ).length;
    const triggerInvocations = 1;
    return {
      sfApiCallsFullContact: pipeline.apiCallsByExecution.get(id) ?? 0,
      stateTransitionsFullContact: entered.length,
      lambdaInvocationsFullContact: triggerInvocations + taskInvocations,
      fullContact: {
        transcriptionStatusChecks: gets,
        contactLensPolls,
        comprehendAnalyses: ['snt', 'kw', 'dl', 'ne', 'syn'],
        lambdaInvocations: {
          'ctr-trigger (batch of one)': triggerInvocations,
          ...Object.fromEntries(
            [...invocations.entries()]
              .filter(([key]) => key.startsWith(`${id} `))
              .map(([key, calls]) => [key.slice(id.length + 1), calls]),
          ),
        },
        statesEntered: entered.map((event) => event.stateName),
        note: 'warm container (describe results cached); Transcribe, Comprehend and the S3 listing are Step Functions SDK tasks or stand-ins, not Lambda invocations',
      },
      originalSfApiCallsFullContact: ORIGINAL_PACKAGE_MODEL.sfApiCalls.total,
      originalStateTransitionsFullContact: ORIGINAL_PACKAGE_MODEL.stateTransitions.total,
      originalLambdaInvocationsFullContact: ORIGINAL_PACKAGE_MODEL.lambdaInvocations.total,
      originalPackageModel: ORIGINAL_PACKAGE_MODEL,
    };
  } finally {
    await pipeline.stop();
  }
}

export async function run(): Promise<Record<string, unknown>> {
  const figures = await measureFullContact();
  return { ...figures, targets: { sfApiCallsFullContact: 3 } };
}
