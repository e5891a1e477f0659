/**
 * Every function's failure paths at INFO, as deployed (one JSON line per entry on stdout): the
 * inputs carry customer-like values that Salesforce quotes back in its error messages
 * (`STRING_TOO_LONG: … data value too large: <value>`, `Mention id is not a user: <value>`), and no
 * log line may contain any of them, nor be longer than the cap.
 */
import { randomUUID } from 'node:crypto';
import {
  ConnectClient,
  GetContactAttributesCommand,
  GetCurrentMetricDataCommand,
  ListQueuesCommand,
} from '@aws-sdk/client-connect';
import { SFNClient, SFNServiceException, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { lambdaContext } from '../../local/aws-stand-ins/lambda-context.js';
import {
  LOCAL_DYNAMODB_CREDENTIALS,
  type LocalDynamoDb,
  startLocalDynamoDb,
} from '../../local/aws-stand-ins/local-dynamodb.js';
import { type LocalS3, startLocalS3 } from '../../local/aws-stand-ins/local-s3.js';
import {
  type SalesforceEnvironment,
  useSalesforceEmulator,
} from '../../local/emulator-connection/salesforce-environment.js';
import { startSalesforceEmulator } from '../../local/salesforce-emulator/index.js';
import type { SalesforceEmulator } from '../../local/salesforce-emulator/types.js';
import { MAX_LOG_LINE_BYTES } from '../../shared/logging/logger.js';
import { captureOutputLines, type OutputLines } from '../support/output-lines.js';

// Loggers are made when the handlers' modules load: set the deployed log mode first, then import.
delete process.env.POWERTOOLS_DEV;
process.env.POWERTOOLS_LOG_LEVEL = 'INFO';

/** Customer-like values; each test checks that none of them reaches a log line. */
const NAME = 'Jaqueline Customerova';
const PHONE = '+447700900123';
const TEXT = 'my card 4111 1111 1111 1111 was charged twice';
const SECRETS = [NAME, PHONE, TEXT, 'Customerova', '4111 1111', '900123'];

let lines: string[] = [];
let emulator: SalesforceEmulator;
let environment: SalesforceEnvironment;
let s3: LocalS3;
const BUCKET = 'connect-reports';
const RECORDINGS = 'amazon-connect-recordings-local';

beforeAll(async () => {
  emulator = await startSalesforceEmulator({ namespace: 'amazonconnect' });
  // Listing allowed under connect/ only: a missing recording elsewhere is AccessDenied, as on AWS.
  s3 = await startLocalS3([BUCKET, RECORDINGS], { listGrants: [{ bucket: RECORDINGS, prefix: 'connect/' }] });
  environment = useSalesforceEmulator(emulator, {
    namespace: 'amazonconnect',
    env: {
      SF_INVOKE_API_TIMEOUT_MS: undefined,
      CONNECT_REPORTING_BUCKET: BUCKET,
      CONTACT_LENS_IMPORT_ENABLED: 'true',
      AMAZON_CONNECT_INSTANCE_ID: undefined,
      AWS_REGION: 'eu-west-2',
      GLOBAL_ANALYTICS_ENABLED: undefined,
    },
  });
});

afterAll(async () => {
  environment.restore();
  await emulator.stop();
  await s3.stop();
});

let output: OutputLines;
beforeEach(() => {
  output = captureOutputLines();
  lines = output.lines;
});

afterEach(() => {
  output.stop();
});

/** Every captured line: no customer value, within the cap, and at least `minimum` of them. */
function expectCleanLines(minimum = 1): void {
  expect(lines.length).toBeGreaterThanOrEqual(minimum);
  for (const line of lines) {
    expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(MAX_LOG_LINE_BYTES);
    for (const secret of SECRETS) expect(line).not.toContain(secret);
    expect(JSON.parse(line).level).not.toBe('DEBUG');
  }
}

async function failure(promise: Promise<unknown>): Promise<Error> {
  const outcome = await promise.then(
    () => undefined,
    (error: unknown) => error,
  );
  expect(outcome).toBeInstanceOf(Error);
  return outcome as Error;
}

describe('invoke-api', () => {
  const invoke = async (parameters: Record<string, string>) => {
    const { handler } = await import('../../functions/invoke-api/handler.js');
    return handler(
      { Details: { ContactData: {}, Parameters: parameters }, Name: 'ContactFlowEvent' } as never,
      lambdaContext({ functionName: 'invoke-api', timeoutMs: 8000 }),
    );
  };

  it('Salesforce errors quoting the values (too long, not a user, bad field) log only codes and fields', async () => {
    const tooLong = await failure(
      invoke({ sf_operation: 'create', sf_object: 'Case', Subject: `${NAME} ${TEXT} ${'x'.repeat(300)}` }),
    );
    // The flow's answer may carry Salesforce's message; the log may not.
    expect(tooLong.message).toContain('STRING_TOO_LONG');
    await failure(
      invoke({
        sf_operation: 'createChatterPost',
        sf_feedElementType: 'FeedItem',
        sf_subjectId: '5001r000023P6WQAA0',
        sf_messageType: 'Text',
        sf_message: `Call from ${PHONE}: ${TEXT}`,
        sf_mention: NAME,
      }),
    );
    await failure(
      invoke({ sf_operation: 'query', query: `SELECT Id FROM Contact WHERE Nope__c = '${NAME}'` }),
    );
    expectCleanLines(3);
    const failed = lines
      .map((line) => JSON.parse(line))
      .filter((line) => line.message === 'sf_operation failed');
    expect(failed[0]).toMatchObject({
      level: 'WARN',
      errorCodes: ['STRING_TOO_LONG'],
      cause: { errorCodes: ['STRING_TOO_LONG'], errorFields: ['Subject'] },
    });
  });

  it('refused values (hostile quotes, lone surrogates, long names) are not logged either', async () => {
    await failure(
      invoke({
        sf_operation: 'query',
        query: 'SELECT Id FROM Contact WHERE LastName = n',
        n: `'${NAME}' OR x`,
      }),
    );
    await failure(invoke({ sf_operation: 'create', sf_object: 'Case', Subject: `${NAME}\ud800` }));
    await failure(
      invoke({ sf_operation: 'create', sf_object: `${NAME.replace(/\W/g, '')}${'x'.repeat(5000)}` }),
    );
    // The lone surrogate is refused while the event is read, before the operation's log line.
    expectCleanLines(2);
  });
});

describe('contact-import', () => {
  let dynamodb: LocalDynamoDb;
  beforeAll(async () => {
    dynamodb = await startLocalDynamoDb();
    vi.stubEnv('CONTACT_VERSION_TABLE', dynamodb.tableName);
    vi.stubEnv('AWS_ENDPOINT_URL_DYNAMODB', dynamodb.endpoint);
    vi.stubEnv('AWS_ACCESS_KEY_ID', LOCAL_DYNAMODB_CREDENTIALS.accessKeyId);
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', LOCAL_DYNAMODB_CREDENTIALS.secretAccessKey);
  });
  afterAll(async () => {
    vi.unstubAllEnvs();
    await dynamodb.stop();
  });

  it('a CTR whose attributes are too long for Salesforce: attached, and the WARN names only the field and lengths', async () => {
    const { handler } = await import('../../functions/contact-import/handler.js');
    const { parseContactTraceRecordJson } = await import('../../shared/ctr/parse.js');
    const { buildExecutionInput } = await import('../../shared/ctr/build-execution-input.js');
    const { ctrRefreshPlan } = await import('../../shared/ctr/plan.js');
    const contactId = randomUUID();
    const ctr = parseContactTraceRecordJson(
      JSON.stringify({
        ContactId: contactId,
        Attributes: { customerName: NAME, note: `${TEXT} ${'y'.repeat(140_000)}` },
        CustomerEndpoint: { Address: PHONE, Type: 'TELEPHONE_NUMBER' },
      }),
    );
    const input = buildExecutionInput(ctr, ctrRefreshPlan(), 'ctrRefresh');
    const result = await handler(
      { contactId, kind: 'ctrRefresh', plan: input.plan, ctr: input.ctr } as never,
      lambdaContext({ functionName: 'contact-import', timeoutMs: 30_000 }),
    );
    expect(result.oversizeFields.map((field) => field.attachment)).toEqual(['Attributes__c.json']);
    expectCleanLines(1);
    const warning = lines.map((line) => JSON.parse(line)).find((line) => line.level === 'WARN');
    expect(warning?.oversizeFields).toEqual([
      expect.objectContaining({ field: expect.stringMatching(/Attributes__c$/), limit: 131_072 }),
    ]);
  });
});

describe('historical-report-import', () => {
  it('a report row Salesforce rejects, quoting the value', async () => {
    const { createHandler } = await import('../../functions/historical-report-import/handler.js');
    const key = 'SFDC/Queue/queue report.csv';
    await s3.put(
      BUCKET,
      key,
      Buffer.from(
        'Queue,StartInterval,EndInterval,Contacts queued\n' +
          `${NAME} ${'q'.repeat(300)},2026-11-28T10:00:00.000Z,2026-11-28T10:30:00.000Z,4\n`,
      ),
    );
    const handler = createHandler({ s3: s3.client });
    await failure(
      handler(
        {
          Records: [
            {
              eventSource: 'aws:s3',
              eventName: 'ObjectCreated:Put',
              eventTime: '2026-11-28T10:31:02.114Z',
              s3: { bucket: { name: BUCKET }, object: { key: encodeURIComponent(key).replace(/%2F/g, '/') } },
            },
          ],
        },
        lambdaContext({ functionName: 'historical-report-import', timeoutMs: 60_000 }),
      ),
    );
    expectCleanLines(1);
  });
});

describe('contact-lens-import', () => {
  const connect = mockClient(ConnectClient);
  afterAll(() => connect.restore());

  it('an analysis whose values Salesforce rejects', async () => {
    connect.on(GetContactAttributesCommand).resolves({ Attributes: { contactLensImportEnabled: 'true' } });
    const { createHandler } = await import('../../functions/contact-lens-import/handler.js');
    const contactId = randomUUID();
    const key = `Analysis/Voice/2026/11/28/${contactId}_analysis_2026-11-28T10:02:11Z.json`;
    await s3.put(
      RECORDINGS,
      key,
      Buffer.from(
        JSON.stringify({
          CustomerMetadata: { ContactId: contactId, InstanceId: 'i-1' },
          Participants: [{ ParticipantId: 'CUSTOMER', ParticipantRole: 'CUSTOMER' }],
          Transcript: [
            { Id: 't1', ParticipantId: 'CUSTOMER', Content: `${NAME}: ${TEXT}`, Sentiment: 'NEGATIVE' },
          ],
          // A text where Salesforce expects a number: rejected, and the value quoted.
          ConversationCharacteristics: { Sentiment: { OverallSentiment: { CUSTOMER: `${NAME} ${PHONE}` } } },
        }),
      ),
    );
    const handler = createHandler({ s3: s3.client, connect: new ConnectClient({}) });
    await failure(
      handler(
        {
          Records: [
            {
              eventSource: 'aws:s3',
              eventName: 'ObjectCreated:Put',
              s3: {
                bucket: { name: RECORDINGS },
                object: { key: encodeURIComponent(key).replace(/%2F/g, '/') },
              },
            },
          ],
        } as never,
        lambdaContext({ functionName: 'contact-lens-import', timeoutMs: 60_000 }),
      ),
    );
    expectCleanLines(1);
  });
});

describe('transcript-import', () => {
  it('a transcript whose analytics record Salesforce cannot write', async () => {
    const { createHandler } = await import('../../functions/transcript-import/handler.js');
    const { ComprehendStandIn } = await import('../../local/aws-stand-ins/comprehend-stand-in.js');
    const words = `${NAME} ${TEXT} ${PHONE}`.split(' ');
    const items = words.map((content, i) => ({
      type: 'pronunciation',
      start_time: String(i),
      end_time: String(i + 0.5),
      alternatives: [{ confidence: '0.99', content }],
    }));
    const key = `${randomUUID()}.json`;
    await s3.put(
      RECORDINGS,
      key,
      Buffer.from(
        JSON.stringify({
          results: {
            transcripts: [{ transcript: words.join(' ') }],
            channel_labels: {
              channels: [
                { channel_label: 'ch_0', items },
                { channel_label: 'ch_1', items },
              ],
            },
            items,
          },
        }),
      ),
    );
    const handler = createHandler({ s3: s3.client, comprehend: new ComprehendStandIn() });
    await failure(
      handler(
        {
          contactId: randomUUID(),
          // A well-formed id of no record: the write fails.
          analyticsRecordId: 'a0B5g00000ZZZZZEAA',
          transcript: { bucket: RECORDINGS, key },
          languageCode: 'en-US',
          comprehendAnalyses: ['snt', 'kw', 'ne', 'syn'],
        },
        lambdaContext({ functionName: 'transcript-import', timeoutMs: 60_000 }),
      ),
    );
    expectCleanLines(0);
  });
});

describe('ctr-trigger', () => {
  const sfn = mockClient(SFNClient);
  const sqs = mockClient(SQSClient);
  afterAll(() => {
    sfn.restore();
    sqs.restore();
  });

  it('records that are not JSON, inputs Step Functions rejects quoting them, and failed starts', async () => {
    vi.stubEnv('POSTCALL_STATE_MACHINE_ARN', 'arn:aws:states:eu-west-2:123456789012:stateMachine:PostCall');
    vi.stubEnv('CTR_DLQ_URL', 'https://sqs.eu-west-2.amazonaws.com/123456789012/ctr-dlq');
    vi.stubEnv('POWERTOOLS_LOG_LEVEL', 'INFO');
    sqs.on(SendMessageCommand).resolves({ MessageId: 'm-1' });
    const rejected = randomUUID();
    sfn.on(StartExecutionCommand).callsFake(async (input: { input?: string; name?: string }) => {
      const quoted = String(input.input).slice(0, 400);
      if (String(input.name).startsWith(rejected)) {
        throw new SFNServiceException({
          name: 'InvalidExecutionInput',
          $fault: 'client',
          message: `Invalid State Machine Execution Input: ${quoted}`,
          $metadata: { httpStatusCode: 400 },
        });
      }
      throw new SFNServiceException({
        name: 'ServiceUnavailable',
        $fault: 'server',
        message: `could not start ${quoted}`,
        $metadata: { httpStatusCode: 503 },
      });
    });
    const { handler } = await import('../../functions/ctr-trigger/handler.js');
    const { kinesisEventOf } = await import('../../local/aws-stand-ins/kinesis-event.js');
    const ctr = (contactId: string) => ({
      ContactId: contactId,
      Channel: 'VOICE',
      LastUpdateTimestamp: '2026-11-28T10:07:05Z',
      Attributes: { postcallCTRImportEnabled: 'true', customerName: NAME, note: TEXT },
      CustomerEndpoint: { Address: PHONE, Type: 'TELEPHONE_NUMBER' },
    });
    await handler(
      kinesisEventOf([
        { rawData: Buffer.from(`{"ContactId": "c", "name": "${NAME}`).toString('base64') },
        ctr(rejected),
        ctr(randomUUID()),
      ]),
      lambdaContext({ functionName: 'ctr-trigger', timeoutMs: 60_000 }),
    );
    expectCleanLines(3);
    vi.unstubAllEnvs();
  });
});

describe('realtime-queue-metrics', () => {
  const connect = mockClient(ConnectClient);
  afterAll(() => connect.restore());

  it('queue metrics Salesforce rejects, quoting the queue name', async () => {
    vi.stubEnv('AMAZON_CONNECT_INSTANCE_ID', '0e6d9a3c-7b1f-4c2a-9d3e-5f6a7b8c9d0e');
    vi.stubEnv('REALTIME_REFRESHES_PER_INVOCATION', '1');
    vi.stubEnv('POWERTOOLS_LOG_LEVEL', 'INFO');
    connect.on(ListQueuesCommand).resolves({
      QueueSummaryList: [
        {
          Id: 'q1',
          Arn: 'arn:aws:connect:eu-west-2:123456789012:instance/0e6d9a3c-7b1f-4c2a-9d3e-5f6a7b8c9d0e/queue/q1',
          Name: `${NAME} ${'n'.repeat(300)}`,
          QueueType: 'STANDARD',
        },
      ],
    });
    connect.on(GetCurrentMetricDataCommand).resolves({ MetricResults: [] });
    const { createHandler } = await import('../../functions/realtime-queue-metrics/handler.js');
    const handler = createHandler({ connect: new ConnectClient({}), sleep: async () => undefined });
    await handler({}, lambdaContext({ functionName: 'realtime-queue-metrics', timeoutMs: 60_000 })).catch(
      () => undefined,
    );
    expectCleanLines(1);
    vi.unstubAllEnvs();
  });
});

describe('recording-upload', () => {
  const upload = async (recordingLocation: string) => {
    const { createHandler } = await import('../../functions/recording-upload/handler.js');
    const handler = createHandler({ s3: () => s3.client });
    // Any existing record will do as the file's first publish location.
    const analyticsRecordId = String(emulator.records('Account')[0]?.Id);
    return handler(
      { contactId: randomUUID(), analyticsRecordId, recordingLocation },
      lambdaContext({ functionName: 'recording-upload', timeoutMs: 60_000 }),
    );
  };

  it('a ContentVersion the org refuses, quoting the file name', async () => {
    // An org trigger refusing the upload with a message that quotes the file name (customer text).
    const fileName = `${NAME} ${PHONE} ${TEXT}.wav`;
    emulator.setOrgBehaviour({
      triggerErrors: [
        {
          object: 'ContentVersion',
          name: 'RecordingGuard',
          kind: 'exception',
          message: `file name not allowed: ${fileName} ${'f'.repeat(9000)}`,
        },
      ],
    });
    try {
      const key = `connect/x/CallRecordings/${fileName}`;
      await s3.put(RECORDINGS, key, Buffer.from('RIFF recording'));
      const error = await failure(upload(`${RECORDINGS}/${key}`));
      expect(error.message).toContain('CANNOT_INSERT_UPDATE_ACTIVATE_ENTITY');
      expect(error.message).toContain(NAME);
    } finally {
      emulator.setOrgBehaviour({});
    }
    expectCleanLines(1);
    expect(JSON.parse(lines.at(-1) ?? '{}')).toMatchObject({
      level: 'ERROR',
      message: 'recording upload failed',
      errorCodes: ['CANNOT_INSERT_UPDATE_ACTIVATE_ENTITY'],
    });
  });

  it('a recording missing from S3, and one S3 refuses to serve (AccessDenied)', async () => {
    const missing = await failure(upload(`${RECORDINGS}/connect/x/CallRecordings/${NAME} ${PHONE}.wav`));
    expect(missing.name).toBe('Recording.NotFound');
    const denied = await failure(upload(`${RECORDINGS}/custom-prefix/${NAME} ${PHONE}.wav`));
    expect(denied.name).toBe('AccessDenied');
    expectCleanLines(2);
    expect(lines.map((line) => JSON.parse(line)).map(({ level, errorName }) => [level, errorName])).toEqual([
      ['WARN', 'Recording.NotFound'],
      ['ERROR', 'AccessDenied'],
    ]);
  });
});
