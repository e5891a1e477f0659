import { createHash } from 'node:crypto';
import { Logger } from '@aws-lambda-powertools/logger';
import {
  SFNClient,
  SFNServiceException,
  StartExecutionCommand,
  type StartExecutionCommandInput,
} from '@aws-sdk/client-sfn';
import { SendMessageCommand, type SendMessageCommandInput, SQSClient } from '@aws-sdk/client-sqs';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { kinesisEventOf, nextSequenceNumber } from '../../local/aws-stand-ins/kinesis-event.js';
import { StepFunctionsFake } from '../../local/aws-stand-ins/step-functions-fake.js';
import { loadCtrFixture } from '../../local/samples/ctr-fixtures.js';
import type { PostCallExecutionInput } from '../../shared/ctr/execution-input.js';
import { ctrRefreshPlan } from '../../shared/ctr/plan.js';
import type { PayloadReference } from '../../shared/payloads/payload-reference.js';
import type { PayloadWriter } from '../../shared/payloads/payload-writer.js';
import { MAX_SQS_MESSAGE_BYTES, sendMessageRejection } from '../../shared/sqs/send-message-rules.js';
import { MAX_EXECUTION_INPUT_BYTES } from '../../shared/step-functions/start-execution-rules.js';
import { handleKinesisBatch } from './ctr-trigger.js';
import { DEFAULT_MAX_CONCURRENCY } from './settings.js';
import type { CtrTriggerDependencies, CtrTriggerSettings, RecordOutcome, StartedOutcome } from './types.js';

const STATE_MACHINE_ARN = 'arn:aws:states:us-east-1:123456789012:stateMachine:PostCall';
const DLQ_URL = 'https://sqs.us-east-1.amazonaws.com/123456789012/ctr-dlq';
const INBOUND_ID = '5c0b2a3e-8f41-4d6a-b7c9-1e2f3a4b5c61';

const sfnMock = mockClient(SFNClient);
const sqsMock = mockClient(SQSClient);
let fake: StepFunctionsFake;

const settings = (overrides: Partial<CtrTriggerSettings> = {}): CtrTriggerSettings => ({
  stateMachineArn: STATE_MACHINE_ARN,
  deadLetterQueueUrl: DLQ_URL,
  switches: {
    ctrImport: true,
    recordingImport: true,
    transcribe: true,
    contactLens: true,
    recordingUpload: false,
  },
  availableBranches: { transcription: false, contactLens: false },
  maxConcurrency: DEFAULT_MAX_CONCURRENCY,
  ...overrides,
});

const deps = (overrides: Partial<CtrTriggerDependencies> = {}): CtrTriggerDependencies => ({
  sfn: new SFNClient({}),
  sqs: new SQSClient({}),
  settings: settings(),
  now: () => new Date('2026-11-28T11:00:00Z'),
  ...overrides,
});

const startCalls = (): StartExecutionCommandInput[] =>
  sfnMock.commandCalls(StartExecutionCommand).map((call) => call.args[0].input);
/** Sequence numbers the batch response reports as item failures. */
const retrySequenceNumbers = (outcomes: readonly RecordOutcome[]): string[] =>
  outcomes.filter((outcome) => outcome.status === 'retry').map((outcome) => outcome.sequenceNumber);
const statuses = (outcomes: RecordOutcome[]): string[] =>
  outcomes.map((o) => (o.status === 'skipped' ? `skipped:${o.code}` : o.status));
const startedOf = (outcomes: RecordOutcome[]): StartedOutcome[] =>
  outcomes.filter((o): o is StartedOutcome => o.status === 'started');

beforeEach(() => {
  sfnMock.reset();
  sqsMock.reset();
  fake = new StepFunctionsFake({ now: () => new Date('2026-11-28T10:30:00Z') });
  fake.attach(sfnMock);
  // As SQS: a message over 256 KiB is refused.
  sqsMock.on(SendMessageCommand).callsFake((input: SendMessageCommandInput) => {
    const rejection = sendMessageRejection(input);
    if (rejection) throw rejection;
    return { MessageId: 'm-1' };
  });
});

afterEach(() => {
  vi.restoreAllMocks();
});

describe('handleKinesisBatch: one execution per contact', () => {
  it('starts the full execution named by the ContactId with the plan and the compact CTR', async () => {
    const event = kinesisEventOf([loadCtrFixture('inbound-voice-agent-recording')]);
    const [outcome] = await handleKinesisBatch(event, deps());

    expect(outcome).toMatchObject({
      status: 'started',
      kind: 'full',
      contactId: INBOUND_ID,
      executionName: INBOUND_ID,
      executionArn: `arn:aws:states:us-east-1:123456789012:execution:PostCall:${INBOUND_ID}`,
      sequenceNumber: event.Records[0]!.kinesis.sequenceNumber,
    });
    const [call] = startCalls();
    expect(call).toMatchObject({ stateMachineArn: STATE_MACHINE_ARN, name: INBOUND_ID });
    const input = JSON.parse(call!.input!) as PostCallExecutionInput;
    expect(input).toMatchObject({
      contactId: INBOUND_ID,
      lastUpdateTimestamp: '2026-11-28T10:07:05Z',
      kind: 'full',
      plan: { ctrImport: true, recordingImport: true, redactedRecording: false, transcription: null },
    });
    expect(input.plan.recordingLocation).toMatch(
      new RegExp(`^amazon-connect-recordings-local/connect/.*/${INBOUND_ID}_`),
    );
    expect(input.ctr).not.toHaveProperty('Tags');
    expect((input.ctr['Agent'] as Record<string, unknown>)['Username']).toBe('jdoe');
    expect(outcome?.status === 'started' && outcome.input).toEqual(input);
  });

  it('same CTR three times in one batch and again in later batches → one full execution', async () => {
    const ctr = loadCtrFixture('inbound-voice-agent-recording');
    const first = kinesisEventOf([ctr, ctr, ctr]);
    const batch1 = await handleKinesisBatch(first, deps());
    expect(statuses(batch1)).toEqual([
      'skipped:superseded-in-batch',
      'skipped:superseded-in-batch',
      'started',
    ]);

    // Re-delivered while the execution still runs: same name + same input is idempotent.
    const second = kinesisEventOf([ctr], { firstSequenceNumber: nextSequenceNumber(first) });
    const batch2 = await handleKinesisBatch(second, deps());
    expect(batch2[0]).toMatchObject({ status: 'started', executionName: INBOUND_ID });

    // Re-delivered after the execution finished: ExecutionAlreadyExists → already processed.
    fake.close(INBOUND_ID, 'SUCCEEDED');
    const third = kinesisEventOf([ctr], { firstSequenceNumber: nextSequenceNumber(second) });
    const batch3 = await handleKinesisBatch(third, deps());
    expect(batch3[0]).toMatchObject({
      status: 'skipped',
      code: 'already-processed',
      executionName: INBOUND_ID,
    });

    expect(fake.executions().map((e) => e.name)).toEqual([INBOUND_ID]);
    expect(startCalls()).toHaveLength(3);
    expect([...batch1, ...batch2, ...batch3].every((o) => o.status !== 'retry')).toBe(true);
  });

  it('an updated version after completion → one ctrRefresh execution, its duplicates skipped', async () => {
    const original = loadCtrFixture('inbound-voice-agent-recording');
    const updated = loadCtrFixture('inbound-voice-agent-recording-updated');
    await handleKinesisBatch(kinesisEventOf([original]), deps());
    fake.close(INBOUND_ID);

    const [refresh] = await handleKinesisBatch(kinesisEventOf([updated]), deps());
    const refreshName = `${INBOUND_ID}-20261128T101931000Z`;
    expect(refresh).toMatchObject({ status: 'started', kind: 'ctrRefresh', executionName: refreshName });
    const input = (refresh as StartedOutcome).input;
    expect(input).toMatchObject({
      kind: 'ctrRefresh',
      lastUpdateTimestamp: '2026-11-28T10:19:31Z',
      plan: ctrRefreshPlan(),
    });
    expect((input.ctr['Attributes'] as Record<string, string>)['caseNumber']).toBe('00001026');

    // The refresh re-delivered (running or finished) and the original re-delivered: nothing new.
    const again = await handleKinesisBatch(kinesisEventOf([updated, original]), deps());
    expect(again.map((o) => (o.status === 'skipped' ? o.code : o.status))).toEqual([
      'started',
      'superseded-in-batch',
    ]);
    fake.closeAll();
    const later = await handleKinesisBatch(kinesisEventOf([updated]), deps());
    expect(later[0]).toMatchObject({
      status: 'skipped',
      code: 'refresh-already-started',
      executionName: refreshName,
    });
    const old = await handleKinesisBatch(kinesisEventOf([original]), deps());
    expect(old[0]).toMatchObject({ status: 'skipped', code: 'already-processed' });

    expect(fake.executions().map((e) => e.name)).toEqual([INBOUND_ID, refreshName]);
  });

  it('an updated version while the full execution still runs → a ctrRefresh (the input differs)', async () => {
    await handleKinesisBatch(kinesisEventOf([loadCtrFixture('inbound-voice-agent-recording')]), deps());
    const [outcome] = await handleKinesisBatch(
      kinesisEventOf([loadCtrFixture('inbound-voice-agent-recording-updated')]),
      deps(),
    );
    expect(outcome).toMatchObject({ status: 'started', kind: 'ctrRefresh' });
    expect(fake.executions()).toHaveLength(2);
  });

  it('two versions first seen in one batch → one full execution with the newest version', async () => {
    const event = kinesisEventOf([
      loadCtrFixture('inbound-voice-agent-recording-updated'),
      loadCtrFixture('inbound-voice-agent-recording'),
    ]);
    const outcomes = await handleKinesisBatch(event, deps());
    expect(statuses(outcomes)).toEqual(['started', 'skipped:superseded-in-batch']);
    expect(startedOf(outcomes)[0]?.input.lastUpdateTimestamp).toBe('2026-11-28T10:19:31Z');
    expect(fake.executions()).toHaveLength(1);
  });

  it('an older version arriving after a newer one was processed is skipped', async () => {
    await handleKinesisBatch(
      kinesisEventOf([loadCtrFixture('inbound-voice-agent-recording-updated')]),
      deps(),
    );
    fake.closeAll();
    const [outcome] = await handleKinesisBatch(
      kinesisEventOf([loadCtrFixture('inbound-voice-agent-recording')]),
      deps(),
    );
    expect(outcome).toMatchObject({
      status: 'skipped',
      code: 'superseded',
      reason: 'superseded by 2026-11-28T10:19:31Z',
    });
    expect(fake.executions()).toHaveLength(1);
  });

  it('a CTR without LastUpdateTimestamp is processed once and never refreshed', async () => {
    const ctr = { ...loadCtrFixture('chat'), LastUpdateTimestamp: null };
    const [first] = await handleKinesisBatch(kinesisEventOf([ctr, ctr]), deps());
    expect(first).toMatchObject({ status: 'skipped', code: 'superseded-in-batch' });
    fake.closeAll();
    const [again] = await handleKinesisBatch(kinesisEventOf([ctr]), deps());
    expect(again).toMatchObject({ status: 'skipped', code: 'already-processed' });
    expect(fake.executions()).toHaveLength(1);
    expect(JSON.parse(fake.executions()[0]!.input)).toMatchObject({ lastUpdateTimestamp: '' });
  });

  it('handles agentless, chat and a transferred pair: one execution per ContactId', async () => {
    const names = ['agentless-voice', 'chat', 'transfer-first-leg', 'transfer-second-leg'] as const;
    const outcomes = await handleKinesisBatch(kinesisEventOf(names.map((n) => loadCtrFixture(n))), deps());
    const started = startedOf(outcomes);
    expect(started.map((o) => o.executionName)).toEqual(names.map((n) => loadCtrFixture(n)['ContactId']));
    expect(started[0]?.input.plan).toMatchObject({ ctrImport: true, recordingImport: false });
    expect(started[0]?.input.ctr).toMatchObject({
      Agent: null,
      Queue: null,
      Recording: null,
      DisconnectReason: null,
    });
    expect(started[1]?.input.plan).toMatchObject({
      ctrImport: true,
      recordingImport: false,
      contactLens: false,
    });
    expect(started[2]?.input.ctr['InitialContactId']).toBe(started[3]?.input.ctr['InitialContactId']);
  });
});

describe('handleKinesisBatch: plan', () => {
  it('a contact with nothing to do starts nothing and is logged at DEBUG with the reason', async () => {
    const logger = new Logger({ serviceName: 'test', logLevel: 'DEBUG' });
    const debug = vi.spyOn(logger, 'debug').mockImplementation(() => undefined);
    const ctr = { ...loadCtrFixture('agentless-voice'), Attributes: { menuChoice: 'balance' } };
    const [outcome] = await handleKinesisBatch(kinesisEventOf([ctr]), deps({ logger }));
    expect(outcome).toMatchObject({ status: 'skipped', code: 'nothing-to-do' });
    expect(outcome?.status === 'skipped' && outcome.reason).toContain(
      'postcallCTRImportEnabled is not "true"',
    );
    expect(startCalls()).toHaveLength(0);
    expect(debug).toHaveBeenCalledWith(
      'Contact skipped',
      expect.objectContaining({ reason: expect.any(String) }),
    );
  });

  it('package switches gate the attributes', async () => {
    const off = settings({
      switches: {
        ctrImport: false,
        recordingImport: false,
        transcribe: false,
        contactLens: false,
        recordingUpload: false,
      },
    });
    const [outcome] = await handleKinesisBatch(
      kinesisEventOf([loadCtrFixture('inbound-voice-agent-recording')]),
      deps({ settings: off }),
    );
    expect(outcome).toMatchObject({ status: 'skipped', code: 'nothing-to-do' });
  });

  it('transcription and Contact Lens are planned only once the state machine implements them', async () => {
    const ctr = loadCtrFixture('redacted-recording-transcribe');
    const [before] = startedOf(await handleKinesisBatch(kinesisEventOf([ctr]), deps()));
    expect(before?.input.plan).toMatchObject({
      redactedRecording: true,
      transcription: null,
      contactLens: false,
    });

    sfnMock.reset();
    fake = new StepFunctionsFake();
    fake.attach(sfnMock);
    const available = settings({ availableBranches: { transcription: true, contactLens: true } });
    const [after] = startedOf(await handleKinesisBatch(kinesisEventOf([ctr]), deps({ settings: available })));
    expect(after?.input.plan).toMatchObject({
      transcription: { languageCode: 'en-US', comprehendAnalyses: ['snt', 'kw', 'ne'] },
      contactLens: true,
    });
  });

  it('a newer version whose plan has no CTR import starts no refresh', async () => {
    await handleKinesisBatch(kinesisEventOf([loadCtrFixture('inbound-voice-agent-recording')]), deps());
    fake.closeAll();
    const updated = loadCtrFixture('inbound-voice-agent-recording-updated');
    updated['Attributes'] = { postcallRecordingImportEnabled: 'true' };
    const [outcome] = await handleKinesisBatch(kinesisEventOf([updated]), deps());
    expect(outcome).toMatchObject({ status: 'skipped', code: 'refresh-not-planned' });
    expect(fake.executions()).toHaveLength(1);
  });
});

describe('handleKinesisBatch: bad input and faults', () => {
  it('dead-letters records that can never succeed, with raw data and reason, and goes on', async () => {
    const event = kinesisEventOf(
      [
        { rawData: '%%% not base64 %%%' },
        { rawData: Buffer.from('{"ContactId": "x", ').toString('base64') },
        { Channel: 'VOICE', Attributes: {} },
        loadCtrFixture('chat'),
      ],
      { shardId: 'shardId-000000000003' },
    );
    const outcomes = await handleKinesisBatch(event, deps());
    expect(outcomes.map((o) => (o.status === 'deadLettered' ? o.reason : o.status))).toEqual([
      'invalid-base64',
      'invalid-json',
      'missing-contact-id',
      'started',
    ]);
    expect(outcomes[0]).toMatchObject({ data: '%%% not base64 %%%' });
    expect(retrySequenceNumbers(outcomes)).toEqual([]);

    const messages = sqsMock.commandCalls(SendMessageCommand).map((call) => call.args[0].input);
    expect(messages).toHaveLength(3);
    const bodies = messages.map((m) => JSON.parse(m.MessageBody!) as Record<string, unknown>);
    const byReason = new Map(bodies.map((body) => [body['reason'], body]));
    expect(byReason.get('invalid-json')).toMatchObject({
      source: 'ctr-trigger',
      data: event.Records[1]!.kinesis.data,
      dataStoredIn: null,
      kinesis: {
        shardId: 'shardId-000000000003',
        sequenceNumber: event.Records[1]!.kinesis.sequenceNumber,
        eventSourceARN: event.Records[1]!.eventSourceARN,
      },
      deadLetteredAt: '2026-11-28T11:00:00.000Z',
    });
    expect(messages.every((m) => m.QueueUrl === DLQ_URL && m.MessageGroupId === undefined)).toBe(true);
    expect(messages[0]?.MessageAttributes?.['reason']?.StringValue).toBeDefined();
  });

  it('uses deduplication ids on a FIFO dead-letter queue', async () => {
    const fifo = settings({ deadLetterQueueUrl: `${DLQ_URL}.fifo` });
    const event = kinesisEventOf([{ rawData: 'bad!' }]);
    await handleKinesisBatch(event, deps({ settings: fifo }));
    await handleKinesisBatch(event, deps({ settings: fifo }));
    const [a, b] = sqsMock.commandCalls(SendMessageCommand).map((call) => call.args[0].input);
    expect(a?.MessageGroupId).toBe('ctr-trigger');
    expect(a?.MessageDeduplicationId).toMatch(/^[0-9a-f]{64}$/);
    expect(b?.MessageDeduplicationId).toBe(a?.MessageDeduplicationId);
  });

  it('a record whose dead-letter SendMessage fails is retried, so nothing is lost', async () => {
    sqsMock
      .on(SendMessageCommand)
      .rejects(Object.assign(new Error('Service unavailable'), { name: 'ServiceUnavailable' }));
    const event = kinesisEventOf([{ rawData: 'bad!' }, loadCtrFixture('chat')]);
    const outcomes = await handleKinesisBatch(event, deps());
    expect(outcomes[0]).toMatchObject({ status: 'retry', errorName: 'ServiceUnavailable' });
    expect(outcomes[1]).toMatchObject({ status: 'started' });
    expect(retrySequenceNumbers(outcomes)).toEqual([event.Records[0]!.kinesis.sequenceNumber]);
  });

  it('throttling on one contact → that record retried, the others started; the retry then succeeds', async () => {
    const chatId = loadCtrFixture('chat')['ContactId'];
    sfnMock.reset();
    fake = new StepFunctionsFake({
      beforeStart: (input) => {
        if (input.name === chatId) {
          throw new SFNServiceException({
            name: 'ThrottlingException',
            $fault: 'client',
            message: 'Rate exceeded',
            $metadata: { httpStatusCode: 400 },
          });
        }
      },
    });
    fake.attach(sfnMock);
    const names = ['inbound-voice-agent-recording', 'chat', 'agentless-voice'] as const;
    const event = kinesisEventOf(names.map((n) => loadCtrFixture(n)));
    const outcomes = await handleKinesisBatch(event, deps());
    expect(statuses(outcomes)).toEqual(['started', 'retry', 'started']);
    expect(outcomes[1]).toMatchObject({ errorName: 'ThrottlingException', contactId: chatId });
    expect(retrySequenceNumbers(outcomes)).toEqual([event.Records[1]!.kinesis.sequenceNumber]);

    // Lambda re-delivers from the failed record: the chat starts, the agentless one is idempotent.
    sfnMock.reset();
    const healthy = new StepFunctionsFake();
    for (const execution of fake.executions()) await healthy.startExecution(execution);
    healthy.attach(sfnMock);
    const redelivery = { Records: event.Records.slice(1) };
    const retried = await handleKinesisBatch(redelivery, deps());
    expect(statuses(retried)).toEqual(['started', 'started']);
    expect(healthy.executions()).toHaveLength(3);
  });

  it('a failing DescribeExecution → retry', async () => {
    await handleKinesisBatch(kinesisEventOf([loadCtrFixture('inbound-voice-agent-recording')]), deps());
    fake.closeAll();
    sfnMock.reset();
    fake.attach(sfnMock);
    const { DescribeExecutionCommand } = await import('@aws-sdk/client-sfn');
    sfnMock
      .on(DescribeExecutionCommand)
      .rejects(Object.assign(new Error('boom'), { name: 'InternalServerError' }));
    const [outcome] = await handleKinesisBatch(
      kinesisEventOf([loadCtrFixture('inbound-voice-agent-recording-updated')]),
      deps(),
    );
    expect(outcome).toMatchObject({ status: 'retry', errorName: 'InternalServerError' });
  });

  it('without a payload bucket, an input over 256 KiB is refused and its dead letter, too large for SQS, is retried rather than cut', async () => {
    const huge = loadCtrFixture('chat');
    huge['Attributes'] = { postcallCTRImportEnabled: 'true', blob: 'x'.repeat(300_000) };
    const [outcome] = await handleKinesisBatch(kinesisEventOf([huge]), deps());
    expect(outcome).toMatchObject({
      status: 'retry',
      contactId: huge['ContactId'],
      errorName: 'CtrTrigger.DeadLetterTooLarge',
    });
    expect(sqsMock.commandCalls(SendMessageCommand)).toHaveLength(0);
  });

  it('an execution input Step Functions refuses that fits SQS is dead-lettered with its data inline', async () => {
    const ctr = loadCtrFixture('chat');
    sfnMock
      .on(StartExecutionCommand)
      .rejects(Object.assign(new Error('bad input'), { name: 'InvalidExecutionInput' }));
    const event = kinesisEventOf([ctr]);
    const [outcome] = await handleKinesisBatch(event, deps({ payloads: memoryPayloads().writer }));
    expect(outcome).toMatchObject({ status: 'deadLettered', reason: 'execution-input-rejected' });
    const body = JSON.parse(sqsMock.commandCalls(SendMessageCommand)[0]!.args[0].input.MessageBody!);
    expect(body).toMatchObject({ data: event.Records[0]!.kinesis.data, dataStoredIn: null });
  });
  it('an unexpected error for one contact retries only that record', async () => {
    const broken = { ...loadCtrFixture('chat'), LastUpdateTimestamp: '2026-11-28T10:19:20Z' };
    const spy = vi.spyOn(fake, 'startExecution').mockRejectedValueOnce(new TypeError('bug'));
    sfnMock.reset();
    sfnMock
      .on(StartExecutionCommand)
      .callsFake((input: StartExecutionCommandInput) => fake.startExecution(input));
    const outcomes = await handleKinesisBatch(
      kinesisEventOf([broken, loadCtrFixture('agentless-voice')]),
      deps(),
    );
    expect(statuses(outcomes)).toEqual(['retry', 'started']);
    expect(spy).toHaveBeenCalledTimes(2);
  });

  it.each([
    ['the default bound', DEFAULT_MAX_CONCURRENCY],
    ['a configured bound', 4],
  ])('runs StartExecution calls concurrently, at most maxConcurrency at once (%s)', async (_, bound) => {
    let inFlight = 0;
    let peak = 0;
    sfnMock.reset();
    fake = new StepFunctionsFake({
      beforeStart: async () => {
        inFlight += 1;
        peak = Math.max(peak, inFlight);
        await new Promise((resolve) => setImmediate(resolve));
        inFlight -= 1;
      },
    });
    fake.attach(sfnMock);
    const contacts = Array.from({ length: 2 * bound + 3 }, (_, i) => ({
      ...loadCtrFixture('agentless-voice'),
      ContactId: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    }));
    const outcomes = await handleKinesisBatch(
      kinesisEventOf(contacts),
      deps({ settings: settings({ maxConcurrency: bound }) }),
    );
    expect(outcomes.every((o) => o.status === 'started')).toBe(true);
    expect(peak).toBe(bound);
  });

  it('a burst beyond the StartExecution token bucket: throttled contacts are retried, none lost', async () => {
    // A bucket of 60 tokens that does not refill within the batch: 100 contacts at the default bound.
    let tokens = 60;
    sfnMock.reset();
    fake = new StepFunctionsFake({
      beforeStart: async () => {
        await new Promise((resolve) => setImmediate(resolve));
        if (tokens === 0) {
          throw new SFNServiceException({
            name: 'ThrottlingException',
            $fault: 'client',
            message: 'Rate exceeded',
            $metadata: { httpStatusCode: 400 },
          });
        }
        tokens -= 1;
      },
    });
    fake.attach(sfnMock);
    const contacts = Array.from({ length: 100 }, (_, i) => ({
      ...loadCtrFixture('agentless-voice'),
      ContactId: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    }));
    const event = kinesisEventOf(contacts);
    const outcomes = await handleKinesisBatch(event, deps());
    expect(outcomes.filter((o) => o.status === 'started')).toHaveLength(60);
    const retried = outcomes.filter((o) => o.status === 'retry');
    expect(retried).toHaveLength(40);
    expect(retried.every((o) => o.errorName === 'ThrottlingException')).toBe(true);
    expect(retrySequenceNumbers(outcomes)).toEqual(retried.map((o) => o.sequenceNumber));
    expect(fake.executions()).toHaveLength(60);
  });

  it('reports metrics per outcome', async () => {
    const addMetric = vi.fn();
    await handleKinesisBatch(
      kinesisEventOf([loadCtrFixture('chat'), loadCtrFixture('chat'), { rawData: 'bad!' }]),
      deps({ metrics: { addMetric } }),
    );
    expect(addMetric).toHaveBeenCalledWith('ExecutionsStarted', 'Count', 1);
    expect(addMetric).toHaveBeenCalledWith('RecordsSkipped', 'Count', 1);
    expect(addMetric).toHaveBeenCalledWith('RecordsDeadLettered', 'Count', 1);
    expect(addMetric).toHaveBeenCalledWith('RecordsRetried', 'Count', 0);
  });
});

/** The payload bucket in memory: what was put, under which key (content-hash keys as in S3). */
function memoryPayloads() {
  const objects = new Map<string, string>();
  const writer: Pick<PayloadWriter, 'put'> = {
    async put(keyOf, body): Promise<PayloadReference> {
      const sha256 = createHash('sha256').update(body, 'utf8').digest('hex');
      const key = keyOf(sha256);
      objects.set(key, body);
      return { bucket: 'payloads', key, bytes: Buffer.byteLength(body, 'utf8'), sha256 };
    },
  };
  return { objects, writer };
}

describe('handleKinesisBatch: contacts too large to pass inline', () => {
  const largeCtr = () => {
    const ctr = loadCtrFixture('chat');
    ctr['Attributes'] = { postcallCTRImportEnabled: 'true', blob: 'x'.repeat(300_000) };
    return ctr;
  };

  it('stores the CTR of an input over 256 KiB and starts the execution with its key; a redelivery sends the same input', async () => {
    const { objects, writer } = memoryPayloads();
    const ctr = largeCtr();
    const event = kinesisEventOf([ctr]);
    const [outcome] = await handleKinesisBatch(event, deps({ payloads: writer }));
    expect(outcome).toMatchObject({ status: 'started', kind: 'full' });
    const [start] = startCalls();
    expect(Buffer.byteLength(start!.input!, 'utf8')).toBeLessThanOrEqual(MAX_EXECUTION_INPUT_BYTES);
    const input = JSON.parse(start!.input!) as PostCallExecutionInput;
    const storedIn = (input.ctr as { storedIn: PayloadReference }).storedIn;
    expect(storedIn.key).toBe(`execution-input/${ctr['ContactId']}/${storedIn.sha256}.json`);
    expect(input.ctr).toEqual({
      storedIn,
      ContactId: ctr['ContactId'],
      LastUpdateTimestamp: ctr['LastUpdateTimestamp'],
      Channel: 'CHAT',
      Agent: {
        ConnectedToAgentTimestamp: (ctr['Agent'] as Record<string, unknown>)['ConnectedToAgentTimestamp'],
      },
    });
    // The stored object is the whole compact CTR the input would have carried.
    const stored = JSON.parse(objects.get(storedIn.key)!) as Record<string, unknown>;
    expect(stored).toEqual(outcome?.status === 'started' ? outcome.input.ctr : undefined);
    expect((stored['Attributes'] as Record<string, string>)['blob']).toHaveLength(300_000);
    expect(outcome).toMatchObject({ storedCtr: storedIn });

    // Redelivered while the execution runs: the same key, byte-identical input, no second execution.
    const [again] = await handleKinesisBatch(event, deps({ payloads: writer }));
    expect(startCalls()[1]?.input).toBe(start!.input);
    expect(again).toMatchObject({
      status: 'started',
      executionName: outcome?.status === 'started' ? outcome.executionName : '',
    });
    expect(objects.size).toBe(1);
    expect(fake.executions()).toHaveLength(1);
  });

  it('keeps the data of a dead letter over the SQS limit in the payload bucket: key, size and SHA-256 in the message', async () => {
    const { objects, writer } = memoryPayloads();
    const data = Buffer.from(`{"ContactId": "c-1", "Attributes": {"x": "${'y'.repeat(300_000)}"`).toString(
      'base64',
    );
    const event = kinesisEventOf([{ rawData: data }]);
    const [outcome] = await handleKinesisBatch(event, deps({ payloads: writer }));
    expect(outcome).toMatchObject({ status: 'deadLettered', reason: 'invalid-json', data });
    const [send] = sqsMock.commandCalls(SendMessageCommand);
    const input = send!.args[0].input;
    expect(Buffer.byteLength(input.MessageBody!, 'utf8')).toBeLessThan(MAX_SQS_MESSAGE_BYTES);
    const body = JSON.parse(input.MessageBody!);
    const sha256 = createHash('sha256').update(data, 'utf8').digest('hex');
    expect(body).toMatchObject({
      data: null,
      dataLength: data.length,
      dataStoredIn: { bucket: 'payloads', key: `dead-letters/${sha256}.b64`, bytes: data.length, sha256 },
    });
    expect(objects.get(body.dataStoredIn.key)).toBe(data);
  });

  it('retries the record when the payload bucket refuses the put (nothing started, nothing parked)', async () => {
    const failing: Pick<PayloadWriter, 'put'> = {
      put: async () => {
        throw Object.assign(new Error('slow down'), { name: 'SlowDown' });
      },
    };
    const [outcome] = await handleKinesisBatch(kinesisEventOf([largeCtr()]), deps({ payloads: failing }));
    expect(outcome).toMatchObject({ status: 'retry', errorName: 'SlowDown' });
    expect(startCalls()).toHaveLength(0);
    expect(sqsMock.commandCalls(SendMessageCommand)).toHaveLength(0);
  });
});
