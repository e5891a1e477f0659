/**
 * The whole post-call pipeline offline, in one process: the Salesforce emulator (seeded), s3rver
 * holding the recordings, the real Kinesis trigger logic (functions/ctr-trigger) whose Step
 * Functions client starts executions of the real ASL in the local runner, the real Lambda handlers
 * behind every Task, and a dead-letter queue stand-in. Used by `npm start`, the acceptance tests
 * and `npm run bench -- pipeline`.
 *
 * @example
 * ```ts
 * const pipeline = await LocalPipeline.start();
 * await pipeline.putRecordingsFor(ctrs);
 * await pipeline.deliver(ctrs);           // one Kinesis batch through the trigger
 * await pipeline.settle();                // every execution has stopped
 * console.log(pipeline.contactReports());
 * await pipeline.stop();
 * ```
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import type { IncomingMessage, Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateBucketCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { SFNClient } from '@aws-sdk/client-sfn';
import { SendMessageCommand, type SendMessageCommandInput, SQSClient } from '@aws-sdk/client-sqs';
import type { KinesisStreamBatchResponse, KinesisStreamEvent } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import S3rver from 's3rver';
import { handler as contactImportHandler } from '../../functions/contact-import/handler.js';
import { handleKinesisBatch, toBatchResponse } from '../../functions/ctr-trigger/index.js';
import { AVAILABLE_BRANCHES, DEFAULT_MAX_CONCURRENCY } from '../../functions/ctr-trigger/settings.js';
import type { CtrTriggerSettings, RecordOutcome } from '../../functions/ctr-trigger/types.js';
import { handler as recordingUploadHandler } from '../../functions/recording-upload/handler.js';
import { AslDefinition, transcriptOutputPrefix } from '../../infra/lib/asl-definition.js';
import { CONTACT_LENS_KEY_PREFIX, DEFAULT_RECORDING_KEY_PREFIX } from '../../infra/lib/object-reads.js';
import { POST_CALL_ASL_PATH } from '../../infra/lib/paths.js';
import { ContactVersionFence } from '../../shared/contact-versions/version-fence.js';
import { postCallSwitchesFromEnvironment } from '../../shared/ctr/switches.js';
import {
  CONTACT_PAYLOAD_BUCKET_ENV,
  DEAD_LETTER_PREFIX,
  EXECUTION_INPUT_PREFIX,
} from '../../shared/payloads/payload-keys.js';
import { PayloadReader } from '../../shared/payloads/payload-reader.js';
import { PayloadWriter } from '../../shared/payloads/payload-writer.js';
import { sendMessageRejection } from '../../shared/sqs/send-message-rules.js';
import { isObject } from '../../shared/values/is-object.js';
import { ANALYTICS_SUBSTITUTION_DEFAULTS } from '../aws-stand-ins/analytics-branches.js';
import type { RawKinesisData } from '../aws-stand-ins/kinesis-event.js';
import { type LocalDynamoDb, startLocalDynamoDb } from '../aws-stand-ins/local-dynamodb.js';
import { LocalKinesisStream } from '../aws-stand-ins/local-kinesis-stream.js';
import { answerMissingKeysAsS3, type ListGrant } from '../aws-stand-ins/s3-list-permission.js';
import { startExecutionThrottle } from '../aws-stand-ins/start-execution-throttle.js';
import {
  type SalesforceEnvironment,
  useSalesforceEmulator,
} from '../emulator-connection/salesforce-environment.js';
import { startSalesforceEmulator } from '../salesforce-emulator/index.js';
import type { EmulatorOptions, SalesforceEmulator } from '../salesforce-emulator/types.js';
import type { ExecutionStore } from './execution-store.js';
import {
  attachLocalStepFunctions,
  type LocalStepFunctions,
  type LocalStepFunctionsOptions,
} from './local-step-functions.js';
import {
  type Json,
  type LambdaHandler,
  PostCallRunner,
  type PostCallRunnerOptions,
} from './post-call-runner.js';
import { sampleRecordingWav } from './sample-recording.js';

/** The dead-letter queue URL the trigger is given offline (a stand-in keeps what it receives). */
export const LOCAL_DLQ_URL = 'https://sqs.us-east-1.amazonaws.com/123456789012/ctr-dead-letter-local';
/** The Amazon Connect instance id offline runs configure. */
export const LOCAL_INSTANCE_ID = '0e6d9a3c-7b1f-4c2a-9d3e-5f6a7b8c9d0e';
/** The stack's payload bucket, locally (CONTACT_PAYLOAD_BUCKET). */
export const LOCAL_PAYLOAD_BUCKET = 'contact-payloads-local';

/** Real handlers behind the state machine's `${...FunctionArn}` substitutions. */
export const POST_CALL_LAMBDA_HANDLERS: Record<string, LambdaHandler> = {
  ContactImportFunctionArn: contactImportHandler,
  RecordingUploadFunctionArn: recordingUploadHandler,
};

/**
 * How a {@link LocalPipeline} is set up: namespace, emulator, extra environment, runner and retry
 * overrides.
 */
export interface LocalPipelineOptions {
  /** CTI Adapter namespace of the emulated org and of SF_ADAPTER_NAMESPACE (default `amazonconnect`). */
  namespace?: string;
  /** More emulator options (seed, omitFields, faults...). */
  emulator?: Omit<EmulatorOptions, 'namespace'>;
  /** Extra environment for the functions, e.g. `{ RECORDING_UPLOAD_ENABLED: 'true' }` (restored by stop()). */
  env?: Record<string, string | undefined>;
  /** Runner options (extra Lambda or service handlers, retry/wait overrides, store). */
  runner?: Omit<PostCallRunnerOptions, 'lambdaHandlers' | 'taskMiddleware'> & {
    lambdaHandlers?: Record<string, LambdaHandler>;
  };
  /** Retry interval of every Retry in the ASL, ms (default 0: a local run does not back off). */
  retryIntervalMs?: number;
  /**
   * What the functions may list in the local S3 (a missing key outside these answers 403
   * AccessDenied, as on AWS). Default: the stack's grants on the local bucket names.
   */
  s3ListGrants?: readonly ListGrant[];
  /** The Step Functions stand-in (e.g. `beforeStart` latency). */
  stepFunctions?: LocalStepFunctionsOptions;
  /** The trigger's bound on concurrent Step Functions calls (default: the trigger's own). */
  maxConcurrency?: number;
  /**
   * Run tasks one at a time, so each task's Salesforce API calls can be attributed to its
   * execution (default true). Turn off for load tests.
   */
  meterPerExecution?: boolean;
  /**
   * How often a batch's retryable records are re-delivered, like the event source mapping's
   * MaximumRetryAttempts (default 3). Then the mapping gives up: the on-failure record (shard and
   * sequence range, no data) goes to the dead-letter queue and the batch is left behind.
   */
  maxRedeliveries?: number;
  /** The contact record stream the batches are put on (default: a new, empty one). */
  stream?: LocalKinesisStream;
  /** Refuse this share (0..1) of StartExecution calls with ThrottlingException (default 0). */
  startExecutionThrottleRate?: number;
  /**
   * The local S3's directory, kept after stop() (npm start and the `--local` commands share
   * `.local-state/s3`, so stored payloads and recordings outlive the run). Default: a fresh
   * temporary directory, removed by stop().
   */
  s3Directory?: string;
}

/** Lambda's on-failure record for a Kinesis event source mapping (the SQS message body). */
export interface OnFailureRecordBody {
  requestContext: {
    requestId: string;
    functionArn: string;
    condition: string;
    approximateInvokeCount: number;
  };
  responseContext: { statusCode: number; executedVersion: string; functionError: string | null };
  version: '1.0';
  timestamp: string;
  KinesisBatchInfo: {
    shardId: string;
    startSequenceNumber: string;
    endSequenceNumber: string;
    approximateArrivalOfFirstRecord: string;
    approximateArrivalOfLastRecord: string;
    batchSize: number;
    streamArn: string;
  };
}

/** A dead-lettered record as the trigger sent it to the queue. */
export interface DeadLetteredRecord {
  /** The SQS message body exactly as the trigger sent it (what `npm run replay-dlq` reads). */
  messageBody: string;
  reason: string;
  detail: string;
  /** The record's base64 data as the message carries it ('' when it is stored, see `dataStoredIn`). */
  data: string;
  /** `s3://bucket/key` of the data when it was too large for the message. */
  dataStoredIn?: string;
  contactId: string | null;
}

/**
 * What became of one delivered batch: every record's outcome per attempt, the trigger's batch
 * responses and the on-failure record when Lambda would have given up.
 */
export interface DeliveryResult {
  /** The outcome of every record, of every delivery attempt, in order. */
  outcomes: RecordOutcome[];
  /** The trigger's partial batch response of each attempt. */
  batchResponses: KinesisStreamBatchResponse[];
  /** The on-failure record sent when the retries ran out, if they did. */
  exhausted?: OnFailureRecordBody;
}

/**
 * One execution after a local run: its status, the states it went through, the contact's
 * Salesforce records and the API calls it cost.
 */
export interface ContactReport {
  contactId: string;
  executionName: string;
  status: string;
  statesVisited: string[];
  /** Salesforce records of the contact after the run: object API name → ids. */
  salesforceRecords: Record<string, string[]>;
  /** Salesforce API calls made by this execution's tasks (needs `meterPerExecution`). */
  salesforceApiCalls: number;
  error?: string;
  cause?: string;
}

/** Serialises task invocations (a promise chain used as a mutex). */
class TaskQueue {
  #tail: Promise<unknown> = Promise.resolve();
  run<T>(work: () => Promise<T>): Promise<T> {
    const result = this.#tail.then(work, work);
    this.#tail = result.catch(() => undefined);
    return result;
  }
}

interface LocalPipelineParts {
  emulator: SalesforceEmulator;
  runner: PostCallRunner;
  s3: S3Client;
  namespace: string;
  deadLettered: DeadLetteredRecord[];
  apiCallsByExecution: Map<string, number>;
  s3rver: S3rver;
  /** Removed by stop() (a temporary directory), or undefined when the caller keeps it. */
  temporaryS3Directory: string | undefined;
  dynamodb: LocalDynamoDb;
  environment: SalesforceEnvironment;
  stepFunctions: LocalStepFunctions;
  sfn: SFNClient;
  sqs: SQSClient;
  sqsStub: { restore(): void };
  settings: CtrTriggerSettings;
  maxRedeliveries: number;
  fence: ContactVersionFence;
  stream: LocalKinesisStream;
  payloadWriter: PayloadWriter;
}

/** The stack's listing grants (infra/lib/object-reads.ts) on the local bucket names. */
export function stackListGrants(): ListGrant[] {
  const recordings = ANALYTICS_SUBSTITUTION_DEFAULTS.ConnectRecordingBucket;
  return [
    { bucket: recordings, prefix: DEFAULT_RECORDING_KEY_PREFIX },
    { bucket: recordings, prefix: CONTACT_LENS_KEY_PREFIX },
    // contact-import reads stored execution CTRs; replay-dlq (an operator) reads stored dead letters.
    { bucket: LOCAL_PAYLOAD_BUCKET, prefix: EXECUTION_INPUT_PREFIX },
    { bucket: LOCAL_PAYLOAD_BUCKET, prefix: DEAD_LETTER_PREFIX },
    {
      bucket: ANALYTICS_SUBSTITUTION_DEFAULTS.TranscribeOutputBucket,
      prefix: transcriptOutputPrefix(AslDefinition.fromFile(POST_CALL_ASL_PATH)),
    },
  ];
}

/**
 * The whole post-call pipeline in one process: the seeded Salesforce emulator, a local S3 with the
 * recordings, the real trigger logic starting real ASL executions in the local runner, the real
 * handlers behind every Task, and a dead-letter queue stand-in. Used by `npm start`, the
 * acceptance tests and the pipeline benchmark.
 *
 * @example
 * ```ts
 * const pipeline = await LocalPipeline.start();
 * await pipeline.deliver(readCtrFile('local/samples/01-first-delivery.jsonl').records);
 * await pipeline.settle();
 * ```
 */
export class LocalPipeline {
  readonly emulator: SalesforceEmulator;
  readonly runner: PostCallRunner;
  /** A client of the local S3 (s3rver). */
  readonly s3: S3Client;
  readonly namespace: string;
  /** Records the trigger parked on the dead-letter queue. */
  readonly deadLettered: DeadLetteredRecord[];
  /** Outcomes of every record delivered so far. */
  readonly outcomes: RecordOutcome[] = [];
  /** Salesforce API calls per execution name (with `meterPerExecution`). */
  readonly apiCallsByExecution: Map<string, number>;
  readonly #parts: LocalPipelineParts;

  private constructor(parts: LocalPipelineParts) {
    this.#parts = parts;
    this.emulator = parts.emulator;
    this.runner = parts.runner;
    this.s3 = parts.s3;
    this.namespace = parts.namespace;
    this.deadLettered = parts.deadLettered;
    this.apiCallsByExecution = parts.apiCallsByExecution;
  }

  static async start(options: LocalPipelineOptions = {}): Promise<LocalPipeline> {
    const namespace = options.namespace ?? 'amazonconnect';
    const emulator = await startSalesforceEmulator({ ...options.emulator, namespace });
    const temporaryS3Directory =
      options.s3Directory === undefined ? mkdtempSync(join(tmpdir(), 'post-call-s3-')) : undefined;
    const s3Directory = options.s3Directory ?? (temporaryS3Directory as string);
    mkdirSync(s3Directory, { recursive: true });
    const s3rver = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory: s3Directory });
    // A missing key answers as on AWS for the functions' listing grants (403 outside them).
    answerMissingKeysAsS3(s3rver, options.s3ListGrants ?? stackListGrants());
    const address = await s3rver.run();
    const s3Endpoint = `http://127.0.0.1:${address.port}`;
    // The contact version fence lives in DynamoDB: dynalite, a real implementation, not a mock.
    const dynamodb = await startLocalDynamoDb();

    const stateMachineName = 'post-call';
    const region = process.env.AWS_REGION ?? 'us-east-1';
    const environment = useSalesforceEmulator(emulator, {
      namespace,
      env: {
        AWS_REGION: region,
        AMAZON_CONNECT_INSTANCE_ID: LOCAL_INSTANCE_ID,
        POSTCALL_STATE_MACHINE_ARN: `arn:aws:states:us-east-1:123456789012:stateMachine:${stateMachineName}`,
        CTR_DLQ_URL: LOCAL_DLQ_URL,
        // s3rver knows one account; it rejects the SDK's default checksums, hence WHEN_REQUIRED.
        AWS_ENDPOINT_URL_S3: s3Endpoint,
        AWS_ACCESS_KEY_ID: 'S3RVER',
        AWS_SECRET_ACCESS_KEY: 'S3RVER',
        AWS_REQUEST_CHECKSUM_CALCULATION: 'WHEN_REQUIRED',
        AWS_RESPONSE_CHECKSUM_VALIDATION: 'WHEN_REQUIRED',
        AWS_ENDPOINT_URL_DYNAMODB: dynamodb.endpoint,
        CONTACT_VERSION_TABLE: dynamodb.tableName,
        [CONTACT_PAYLOAD_BUCKET_ENV]: LOCAL_PAYLOAD_BUCKET,
        ...options.env,
      },
    });

    const queue = new TaskQueue();
    const apiCallsByExecution = new Map<string, number>();
    const meter = options.meterPerExecution ?? true;
    const runner = new PostCallRunner({
      ...options.runner,
      stateMachineName,
      lambdaHandlers: { ...POST_CALL_LAMBDA_HANDLERS, ...options.runner?.lambdaHandlers },
      defaultRetryIntervalMs: options.runner?.defaultRetryIntervalMs ?? options.retryIntervalMs ?? 0,
      taskMiddleware: meter
        ? (task, invoke) =>
            queue.run(async (): Promise<Json> => {
              const before = emulator.apiUsage().apiCalls;
              try {
                return await invoke();
              } finally {
                const used = emulator.apiUsage().apiCalls - before;
                apiCallsByExecution.set(
                  task.executionName,
                  (apiCallsByExecution.get(task.executionName) ?? 0) + used,
                );
              }
            })
        : undefined,
    });

    const sfn = new SFNClient({ region });
    const throttle = options.startExecutionThrottleRate
      ? startExecutionThrottle(options.startExecutionThrottleRate)
      : undefined;
    const stepFunctions = attachLocalStepFunctions(sfn, runner, {
      ...options.stepFunctions,
      beforeStart: async (input) => {
        await options.stepFunctions?.beforeStart?.(input);
        throttle?.();
      },
    });
    const sqs = new SQSClient({ region });
    const deadLettered: DeadLetteredRecord[] = [];
    const sqsStub = mockClient(sqs);
    let messageNumber = 0;
    sqsStub.on(SendMessageCommand).callsFake(async (input: SendMessageCommandInput) => {
      // SQS refuses a message over 256 KiB (body and attributes).
      const rejection = sendMessageRejection(input);
      if (rejection) throw rejection;
      const body = JSON.parse(input.MessageBody ?? '{}') as Record<string, unknown>;
      deadLettered.push({
        messageBody: input.MessageBody ?? '{}',
        reason: String(body.reason ?? 'unknown'),
        detail: String(body.detail ?? ''),
        data: String(body.data ?? ''),
        ...(isObject(body.dataStoredIn)
          ? { dataStoredIn: `s3://${String(body.dataStoredIn.bucket)}/${String(body.dataStoredIn.key)}` }
          : {}),
        contactId: typeof body.contactId === 'string' ? body.contactId : null,
      });
      messageNumber += 1;
      return { MessageId: `local-${messageNumber}` };
    });

    const settings: CtrTriggerSettings = {
      stateMachineArn: runner.stateMachineArn,
      deadLetterQueueUrl: LOCAL_DLQ_URL,
      switches: postCallSwitchesFromEnvironment(process.env),
      availableBranches: AVAILABLE_BRANCHES,
      maxConcurrency: options.maxConcurrency ?? DEFAULT_MAX_CONCURRENCY,
      payloadBucket: LOCAL_PAYLOAD_BUCKET,
    };
    const s3 = new S3Client({
      region,
      endpoint: s3Endpoint,
      forcePathStyle: true,
      credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    });
    // A kept directory (.local-state/s3) may already hold it.
    await createBucketIfMissing(s3, LOCAL_PAYLOAD_BUCKET);
    return new LocalPipeline({
      emulator,
      runner,
      s3,
      namespace,
      deadLettered,
      apiCallsByExecution,
      s3rver,
      temporaryS3Directory,
      dynamodb,
      environment,
      stepFunctions,
      sfn,
      sqs,
      sqsStub,
      settings,
      maxRedeliveries: options.maxRedeliveries ?? 3,
      fence: new ContactVersionFence(dynamodb.client, dynamodb.tableName),
      stream: options.stream ?? new LocalKinesisStream(),
      payloadWriter: new PayloadWriter(s3, LOCAL_PAYLOAD_BUCKET),
    });
  }

  /** Reads payloads stored in the local payload bucket (what replay-dlq --local reads dead letters with). */
  get payloadReader(): PayloadReader {
    return new PayloadReader(this.s3);
  }

  get store(): ExecutionStore {
    return this.runner.store;
  }

  /**
   * Calls `listener` with every HTTP request the local S3 receives (e.g. to count S3 requests per
   * contact); returns the function that stops it.
   */
  onS3Request(listener: (request: IncomingMessage) => void): () => void {
    const server = (this.#parts.s3rver as unknown as { httpServer: Server }).httpServer;
    server.on('request', listener);
    return () => server.off('request', listener);
  }

  /** StartExecution calls the trigger made. */
  get startExecutionCalls(): number {
    return this.#parts.stepFunctions.startCalls;
  }

  /** Puts `body` at a recording location (`bucket/key`), creating the bucket when needed. */
  async putRecording(
    location: string,
    body: Buffer | string | NodeJS.ReadableStream,
    contentLength?: number,
  ) {
    const slash = location.indexOf('/');
    const bucket = location.slice(0, slash);
    const key = location.slice(slash + 1);
    await this.#ensureBucket(bucket);
    await this.s3.send(
      new PutObjectCommand({
        Bucket: bucket,
        Key: key,
        Body: body as Buffer,
        ContentType: 'audio/wav',
        ContentLength: contentLength,
      }),
    );
  }

  /** Puts a synthetic WAV at every recording location the CTRs mention. */
  async putRecordingsFor(ctrs: ReadonlyArray<unknown>): Promise<string[]> {
    const locations = new Set<string>();
    for (const ctr of ctrs) {
      if (typeof ctr !== 'object' || ctr === null) continue;
      const record = ctr as { Recording?: { Location?: unknown } | null; Recordings?: unknown };
      if (typeof record.Recording?.Location === 'string') locations.add(record.Recording.Location);
      if (Array.isArray(record.Recordings)) {
        for (const entry of record.Recordings as Array<{ Location?: unknown }>) {
          if (typeof entry?.Location === 'string') locations.add(entry.Location);
        }
      }
    }
    const wav = sampleRecordingWav();
    for (const location of locations) await this.putRecording(location.replace(/^s3:\/\//i, ''), wav);
    return [...locations];
  }

  /** The contact record stream the batches were put on (records and sequence numbers). */
  get stream(): LocalKinesisStream {
    return this.#parts.stream;
  }

  /**
   * Puts one batch on the stream (objects JSON-encoded, `{rawData}` verbatim) and delivers it to
   * the trigger like the event source mapping with ReportBatchItemFailures: re-delivers from the
   * lowest failed record while the trigger reports retryable failures, at most `maxRedeliveries`
   * times; then sends the on-failure record to the dead-letter queue and gives the batch up.
   */
  async deliver(payloads: ReadonlyArray<unknown | RawKinesisData>): Promise<DeliveryResult> {
    let event: KinesisStreamEvent = { Records: this.#parts.stream.put(payloads) };
    const result: DeliveryResult = { outcomes: [], batchResponses: [] };
    for (let attempt = 0; ; attempt++) {
      const outcomes = await this.handleBatch(event);
      const response = await toBatchResponse(event, outcomes);
      result.outcomes.push(...outcomes);
      result.batchResponses.push(response);
      const failed = response.batchItemFailures.map((failure) => BigInt(failure.itemIdentifier));
      if (failed.length === 0) return result;
      let lowest = failed[0];
      for (const sequence of failed) if (sequence < lowest) lowest = sequence;
      event = { Records: event.Records.filter((record) => BigInt(record.kinesis.sequenceNumber) >= lowest) };
      if (attempt >= this.#parts.maxRedeliveries) {
        result.exhausted = this.#sendOnFailureRecord(event, attempt + 1);
        return result;
      }
    }
  }

  /** One invocation of the trigger logic on `event` (no re-delivery); the outcomes are kept too. */
  async handleBatch(event: KinesisStreamEvent): Promise<RecordOutcome[]> {
    const outcomes = await handleKinesisBatch(event, {
      sfn: this.#parts.sfn,
      sqs: this.#parts.sqs,
      settings: this.#parts.settings,
      fence: this.#parts.fence,
      payloads: this.#parts.payloadWriter,
    });
    this.outcomes.push(...outcomes);
    return outcomes;
  }

  /** What Lambda sends the mapping's on-failure destination: where the batch is, never its data. */
  #sendOnFailureRecord(event: KinesisStreamEvent, invocations: number): OnFailureRecordBody {
    const first = event.Records[0];
    const last = event.Records.at(-1);
    const arrival = (record: KinesisStreamEvent['Records'][number] | undefined) =>
      new Date((record?.kinesis.approximateArrivalTimestamp ?? 0) * 1000).toISOString();
    const body: OnFailureRecordBody = {
      requestContext: {
        requestId: randomUUID(),
        functionArn: 'arn:aws:lambda:us-east-1:123456789012:function:ctr-trigger-local',
        condition: 'RetryAttemptsExhausted',
        approximateInvokeCount: invocations,
      },
      responseContext: { statusCode: 200, executedVersion: '$LATEST', functionError: null },
      version: '1.0',
      timestamp: new Date().toISOString(),
      KinesisBatchInfo: {
        shardId: this.#parts.stream.shardId,
        startSequenceNumber: first?.kinesis.sequenceNumber ?? '0',
        endSequenceNumber: last?.kinesis.sequenceNumber ?? '0',
        approximateArrivalOfFirstRecord: arrival(first),
        approximateArrivalOfLastRecord: arrival(last),
        batchSize: event.Records.length,
        streamArn: this.#parts.stream.streamArn,
      },
    };
    this.deadLettered.push({
      messageBody: JSON.stringify(body),
      reason: 'RetryAttemptsExhausted',
      detail: `${body.KinesisBatchInfo.batchSize} record(s) from ${body.KinesisBatchInfo.startSequenceNumber}`,
      data: '',
      contactId: null,
    });
    return body;
  }

  /** Resolves when every execution has stopped. */
  settle(): Promise<void> {
    return this.runner.settle();
  }

  /** API name with the org's namespace (`AC_ContactTraceRecord__c` → `amazonconnect__AC_ContactTraceRecord__c`). */
  apiName(name: string): string {
    return this.namespace === '' ? name : `${this.namespace}__${name}`;
  }

  /** The contact's records in the org: CTR, analytics record, files linked to the analytics record. */
  salesforceRecordsOf(contactId: string): Record<string, string[]> {
    return this.#salesforceRecordIndex().of(contactId);
  }

  /**
   * Every contact's record ids, read in one pass over each object (ids and keys only, no file
   * bodies): a report of n contacts costs O(n), not n scans of the whole org.
   */
  #salesforceRecordIndex(): { of(contactId: string): Record<string, string[]> } {
    const key = this.apiName('ContactId__c');
    const ctrObject = this.apiName('AC_ContactTraceRecord__c');
    const analyticsObject = this.apiName('AC_ContactChannelAnalytics__c');
    const group = (sobject: string, field: string): Map<string, string[]> => {
      const ids = new Map<string, string[]>();
      for (const record of this.emulator.records(sobject, { fields: ['Id', field] })) {
        const value = record[field];
        if (typeof value !== 'string') continue;
        const list = ids.get(value);
        if (list === undefined) ids.set(value, [String(record.Id)]);
        else list.push(String(record.Id));
      }
      return ids;
    };
    const ctrs = group(ctrObject, key);
    const analytics = group(analyticsObject, key);
    const files = group('ContentVersion', 'FirstPublishLocationId');
    const attachments = group('Attachment', 'ParentId');
    return {
      of(contactId) {
        const analyticsIds = analytics.get(contactId) ?? [];
        const out: Record<string, string[]> = {};
        const ctrIds = ctrs.get(contactId) ?? [];
        if (ctrIds.length > 0) out[ctrObject] = ctrIds;
        if (analyticsIds.length > 0) out[analyticsObject] = analyticsIds;
        const fileIds = analyticsIds.flatMap((id) => files.get(id) ?? []);
        if (fileIds.length > 0) out.ContentVersion = fileIds;
        const attachmentIds = analyticsIds.flatMap((id) => attachments.get(id) ?? []);
        if (attachmentIds.length > 0) out.Attachment = attachmentIds;
        return out;
      },
    };
  }

  /** One report per execution, oldest first. */
  contactReports(): ContactReport[] {
    const records = this.#salesforceRecordIndex();
    return this.store
      .list()
      .reverse()
      .map((execution) => {
        let contactId = execution.name;
        try {
          contactId = String(
            (JSON.parse(execution.input) as { contactId?: unknown }).contactId ?? execution.name,
          );
        } catch {
          // keep the name
        }
        return {
          contactId,
          executionName: execution.name,
          status: execution.status,
          statesVisited: execution.statesVisited,
          salesforceRecords: records.of(contactId),
          salesforceApiCalls: this.apiCallsByExecution.get(execution.name) ?? 0,
          ...(execution.error ? { error: execution.error } : {}),
          ...(execution.cause ? { cause: execution.cause } : {}),
        };
      });
  }

  async stop(): Promise<void> {
    await this.settle();
    const parts = this.#parts;
    parts.stepFunctions.restore();
    parts.sqsStub.restore();
    parts.environment.restore();
    parts.s3.destroy();
    parts.sfn.destroy();
    parts.sqs.destroy();
    await parts.emulator.stop();
    await parts.s3rver.close();
    await parts.dynamodb.stop();
    if (parts.temporaryS3Directory) rmSync(parts.temporaryS3Directory, { recursive: true, force: true });
  }

  readonly #buckets = new Set<string>();

  async #ensureBucket(bucket: string): Promise<void> {
    if (this.#buckets.has(bucket)) return;
    await createBucketIfMissing(this.s3, bucket);
    this.#buckets.add(bucket);
  }
}

/** Creates `bucket`, or leaves it be when the local S3 already holds it. */
async function createBucketIfMissing(s3: S3Client, bucket: string): Promise<void> {
  try {
    await s3.send(new CreateBucketCommand({ Bucket: bucket }));
  } catch (error) {
    const name = (error as Error).name;
    if (name !== 'BucketAlreadyOwnedByYou' && name !== 'BucketAlreadyExists') throw error;
  }
}
