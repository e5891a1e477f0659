/**
 * A local stand-in for Amazon Transcribe batch jobs (no emulator exists), answering the state
 * machine's `aws-sdk:transcribe:startTranscriptionJob` / `getTranscriptionJob` tasks. It enforces
 * what the real service does (job name pattern and account-wide uniqueness → ConflictException,
 * `s3://` media, `.json` output key, ChannelIdentification vs ShowSpeakerLabels) and plays a
 * scenario per job: COMPLETED after N status checks (the transcript, a fixture, is then written
 * to the output bucket in S3), FAILED with a reason, or never finishing. Its answers have the
 * SDK's `TranscriptionJob` shape, as the state machine holds it (timestamps as text).
 *
 * @example
 * ```ts
 * const transcribe = new TranscribeStandIn({ s3, scenario: () => ({ outcome: 'COMPLETED', pollsUntilDone: 2 }) });
 * runner = new PostCallRunner({ serviceHandlers: transcribe.serviceHandlers(), ... });
 * ```
 */
import { readFileSync } from 'node:fs';
import { CreateBucketCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import type { MediaFormat, Settings, TranscriptionJobStatus } from '@aws-sdk/client-transcribe';
import type {
  TranscriptionJobResult,
  TranscriptionJobState,
} from '../../functions/transcript-import/types.js';
import { ServiceIntegrationError } from './stand-in-error.js';

/** A sample two-channel Transcribe output, written as a completed job's transcript. */
export const TRANSCRIBE_FIXTURE = new URL(
  '../../functions/transcript-import/fixtures/transcribe-output-two-channel.json',
  import.meta.url,
);

/**
 * How a transcription job ends: completed, failed (with a reason) or never, after some
 * IN_PROGRESS answers (default 2).
 */
export interface TranscriptionScenario {
  outcome: 'COMPLETED' | 'FAILED' | 'NEVER';
  /** Status checks answered IN_PROGRESS before the outcome (default 2). */
  pollsUntilDone?: number;
  failureReason?: string;
  /** The Transcribe output to write (default: the two-channel fixture). */
  transcript?: unknown;
}

interface Job {
  name: string;
  languageCode: string;
  mediaUri: string;
  mediaFormat?: MediaFormat;
  settings: Settings;
  outputBucket?: string;
  outputKey: string;
  scenario: TranscriptionScenario;
  polls: number;
  written: boolean;
  created: string;
}

type Json = Record<string, unknown>;

const JOB_NAME = /^[0-9a-zA-Z._-]{1,200}$/;

/**
 * Plays Amazon Transcribe offline: starts jobs, answers status checks per job scenario and writes
 * the transcript to S3 when a job completes, counting every call.
 */
export class TranscribeStandIn {
  readonly jobs = new Map<string, Job>();
  readonly calls = { start: 0, get: 0 };
  readonly #s3: Pick<S3Client, 'send'>;
  readonly #scenario: (job: { name: string; mediaUri: string }) => TranscriptionScenario;

  constructor(options: {
    s3: Pick<S3Client, 'send'>;
    scenario?: (job: { name: string; mediaUri: string }) => TranscriptionScenario;
  }) {
    this.#s3 = options.s3;
    this.#scenario = options.scenario ?? (() => ({ outcome: 'COMPLETED', pollsUntilDone: 2 }));
  }

  /** Handlers for the runner's `serviceHandlers`, by Resource. */
  serviceHandlers(): Record<string, (input: unknown) => Promise<unknown>> {
    return {
      'arn:aws:states:::aws-sdk:transcribe:startTranscriptionJob': (input) =>
        this.startTranscriptionJob(input as Json),
      'arn:aws:states:::aws-sdk:transcribe:getTranscriptionJob': (input) =>
        this.getTranscriptionJob(input as Json),
    };
  }

  async startTranscriptionJob(input: Json): Promise<TranscriptionJobResult> {
    this.calls.start += 1;
    const name = String(input.TranscriptionJobName ?? '');
    const bad = (message: string) => new ServiceIntegrationError('Transcribe.BadRequestException', message);
    if (!JOB_NAME.test(name) || name === '.' || name === '..') {
      throw bad(
        `1 validation error detected: Value '${name}' at 'transcriptionJobName' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[0-9a-zA-Z._-]+`,
      );
    }
    if (this.jobs.has(name)) {
      throw new ServiceIntegrationError(
        'Transcribe.ConflictException',
        'The requested job name already exists. Use a different job name.',
      );
    }
    const media = (input.Media ?? {}) as Json;
    const mediaUri = String(media.MediaFileUri ?? '');
    if (!mediaUri.startsWith('s3://')) throw bad(`MediaFileUri must be an s3:// URI: ${mediaUri}`);
    if (typeof input.LanguageCode !== 'string')
      throw bad('LanguageCode is required (IdentifyLanguage is not used)');
    const settings = (input.Settings ?? {}) as Json;
    if (settings.ChannelIdentification === true && settings.ShowSpeakerLabels === true) {
      throw bad('ChannelIdentification and ShowSpeakerLabels are mutually exclusive');
    }
    const outputKey = typeof input.OutputKey === 'string' ? input.OutputKey : '';
    const key =
      outputKey === ''
        ? `${name}.json`
        : outputKey.endsWith('.json')
          ? outputKey
          : `${outputKey}${name}.json`;
    const job: Job = {
      name,
      languageCode: input.LanguageCode,
      mediaUri,
      mediaFormat: typeof input.MediaFormat === 'string' ? (input.MediaFormat as MediaFormat) : undefined,
      settings: settings as Settings,
      outputBucket: typeof input.OutputBucketName === 'string' ? input.OutputBucketName : undefined,
      outputKey: key,
      scenario: this.#scenario({ name, mediaUri }),
      polls: 0,
      written: false,
      created: new Date().toISOString(),
    };
    this.jobs.set(name, job);
    return { TranscriptionJob: this.#describe(job, 'IN_PROGRESS') };
  }

  async getTranscriptionJob(input: Json): Promise<TranscriptionJobResult> {
    this.calls.get += 1;
    const job = this.jobs.get(String(input.TranscriptionJobName ?? ''));
    if (!job) {
      throw new ServiceIntegrationError(
        'Transcribe.BadRequestException',
        "The requested job couldn't be found. Check the job name and try your request again.",
      );
    }
    job.polls += 1;
    const { outcome, pollsUntilDone = 2, failureReason } = job.scenario;
    if (outcome === 'NEVER' || job.polls < pollsUntilDone)
      return { TranscriptionJob: this.#describe(job, 'IN_PROGRESS') };
    if (outcome === 'FAILED') {
      return {
        TranscriptionJob: {
          ...this.#describe(job, 'FAILED'),
          FailureReason:
            failureReason ?? 'The media format provided does not match the detected media format.',
        },
      };
    }
    if (!job.written && job.outputBucket) {
      const transcript = job.scenario.transcript ?? JSON.parse(readFileSync(TRANSCRIBE_FIXTURE, 'utf8'));
      const put = new PutObjectCommand({
        Bucket: job.outputBucket,
        Key: job.outputKey,
        Body: JSON.stringify({ ...(transcript as Json), jobName: job.name }),
        ContentType: 'application/json',
      });
      try {
        await this.#s3.send(put);
      } catch (error) {
        if ((error as Error).name !== 'NoSuchBucket') throw error;
        // Locally the stack's output bucket is created on first use.
        await this.#s3.send(new CreateBucketCommand({ Bucket: job.outputBucket }));
        await this.#s3.send(put);
      }
      job.written = true;
    }
    return {
      TranscriptionJob: {
        ...this.#describe(job, 'COMPLETED'),
        CompletionTime: new Date().toISOString(),
        Transcript: {
          TranscriptFileUri: `https://s3.us-east-1.amazonaws.com/${job.outputBucket}/${job.outputKey}`,
        },
      },
    };
  }

  #describe(job: Job, status: TranscriptionJobStatus): TranscriptionJobState {
    return {
      TranscriptionJobName: job.name,
      TranscriptionJobStatus: status,
      LanguageCode: job.languageCode as TranscriptionJobState['LanguageCode'],
      ...(job.mediaFormat === undefined ? {} : { MediaFormat: job.mediaFormat }),
      Media: { MediaFileUri: job.mediaUri },
      CreationTime: job.created,
      StartTime: job.created,
      // What the job was started with (Transcribe answers the settings it applies).
      Settings: { ChannelIdentification: false, ShowAlternatives: false, ...job.settings },
    };
  }
}
