/**
 * Everything the local runner needs for the state machine's Transcription and Contact Lens
 * branches: the real `transcript-import` and `contact-lens-import` handlers (Salesforce from the
 * SF_* environment, i.e. the emulator; S3 = s3rver), the Transcribe and Comprehend stand-ins,
 * simulated Contact Lens output (written when the Contact Lens import lists the contact's folder),
 * and default values of the branches' substitutions.
 *
 * @example
 * ```ts
 * const analytics = analyticsBranchOptions({ s3: localS3 });
 * const runner = new PostCallRunner({
 *   lambdaHandlers: { ...analytics.lambdaHandlers, ContactImportFunctionArn: contactImport },
 *   serviceHandlers: analytics.serviceHandlers,
 *   substitutions: { ...analytics.substitutions, ConnectRecordingBucket: 'recordings' },
 * });
 * ```
 */
import { ConnectClient } from '@aws-sdk/client-connect';
import { ListObjectsV2Command, type ListObjectsV2CommandInput, S3Client } from '@aws-sdk/client-s3';
import type { Context } from 'aws-lambda';
import { createHandler as createContactLensHandler } from '../../functions/contact-lens-import/handler.js';
import { createHandler as createTranscriptHandler } from '../../functions/transcript-import/handler.js';
import { ComprehendStandIn } from './comprehend-stand-in.js';
import { ContactLensStandIn } from './contact-lens-stand-in.js';
import { TranscribeStandIn } from './transcribe-stand-in.js';

/**
 * Defaults of the branches' `${...}` settings (the stack's parameters): 20 s between Transcribe
 * status checks, 360 checks (2 h), Contact Lens first looked for after 180 s, then every 60 s,
 * 30 looks in all.
 */
export const ANALYTICS_SUBSTITUTION_DEFAULTS: Readonly<Record<string, string>> = {
  TranscriptionJobCheckWaitTime: '20',
  TranscriptionMaxPolls: '360',
  ContactLensFirstWaitSeconds: '180',
  ContactLensWaitSeconds: '60',
  ContactLensMaxPolls: '30',
  TranscribeOutputBucket: 'transcribe-output-local',
  ConnectRecordingBucket: 'amazon-connect-recordings-local',
};

type LambdaHandler = (event: never, context: Context) => unknown;

/**
 * What the offline state machine needs to run the analytics branches: the real handlers, the
 * service integrations answered by stand-ins, the ASL substitutions and the stand-ins themselves
 * (to inspect their calls).
 */
export interface AnalyticsBranchOptions {
  lambdaHandlers: Record<string, LambdaHandler>;
  serviceHandlers: Record<string, (input: unknown) => Promise<unknown>>;
  substitutions: Record<string, string>;
  transcribe: TranscribeStandIn;
  comprehend: ComprehendStandIn;
}

/** An S3 client for s3rver from `AWS_ENDPOINT_URL_S3`, or the default chain when unset. */
export function s3ClientFromEnvironment(): S3Client {
  const endpoint = process.env.AWS_ENDPOINT_URL_S3;
  return new S3Client(
    endpoint
      ? {
          endpoint,
          forcePathStyle: true,
          requestChecksumCalculation: 'WHEN_REQUIRED',
          responseChecksumValidation: 'WHEN_REQUIRED',
        }
      : {},
  );
}

/**
 * Wires the Transcription and Contact Lens branches for an offline run: the real transcript and
 * Contact Lens import handlers, Transcribe and Comprehend stand-ins writing to the local S3, and a
 * Contact Lens stand-in that drops the analysis in at the second look (or never, with `null`).
 *
 * @example
 * ```ts
 * const analytics = analyticsBranchOptions({ s3: localS3.client });
 * analytics.transcribe.calls.start; // jobs started so far
 * ```
 */
export function analyticsBranchOptions(
  dependencies: {
    s3?: Pick<S3Client, 'send'>;
    transcribe?: TranscribeStandIn;
    comprehend?: ComprehendStandIn;
    connect?: Pick<ConnectClient, 'send'>;
    /** Simulated Contact Lens output (default: the analysis appears at the second look); null: none. */
    contactLens?: ContactLensStandIn | null;
    /** Runs before each S3 listing of the Contact Lens import (e.g. to drop an analysis in). */
    beforeList?: (input: ListObjectsV2CommandInput) => Promise<void>;
  } = {},
): AnalyticsBranchOptions {
  const s3 = dependencies.s3 ?? s3ClientFromEnvironment();
  const transcribe = dependencies.transcribe ?? new TranscribeStandIn({ s3 });
  const comprehend = dependencies.comprehend ?? new ComprehendStandIn();
  const connect = dependencies.connect ?? new ConnectClient({});
  const contactLens =
    dependencies.contactLens === undefined ? new ContactLensStandIn({ s3 }) : dependencies.contactLens;
  // The Contact Lens import lists the contact's folder itself: the simulated output is written
  // in front of its listings.
  const contactLensS3: Pick<S3Client, 'send'> = {
    send: (async (command: unknown) => {
      if (command instanceof ListObjectsV2Command) {
        await contactLens?.beforeList(command.input);
        await dependencies.beforeList?.(command.input);
      }
      return s3.send(command as never);
    }) as S3Client['send'],
  };
  return {
    lambdaHandlers: {
      TranscriptImportFunctionArn: createTranscriptHandler({ s3, comprehend }) as LambdaHandler,
      ContactLensImportFunctionArn: createContactLensHandler({ s3: contactLensS3, connect }) as LambdaHandler,
    },
    serviceHandlers: {
      ...transcribe.serviceHandlers(),
    },
    substitutions: { ...ANALYTICS_SUBSTITUTION_DEFAULTS },
    transcribe,
    comprehend,
  };
}
