import { SFNClient } from '@aws-sdk/client-sfn';
import {
  DeleteMessageCommand,
  ReceiveMessageCommand,
  SendMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import type { KinesisStreamEvent, KinesisStreamRecord } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { buildDeadLetterMessage } from '../../functions/ctr-trigger/dead-letter.js';
import { handleKinesisBatch } from '../../functions/ctr-trigger/index.js';
import { StepFunctionsFake } from '../../local/aws-stand-ins/step-functions-fake.js';
import { loadCtrFixture } from '../../local/samples/ctr-fixtures.js';
import { SqsDeadLetterQueue } from '../../ops/aws/sqs-dead-letter-queue.js';
import { nonReparkingSqsClient } from '../../ops/replay-dlq/replay-dlq.js';
import { runReplayDlqCli } from '../../ops/replay-dlq/replay-dlq-cli.js';
import { lineStreams } from '../support/command-streams.js';

const QUEUE = 'https://sqs.us-east-1.amazonaws.com/123456789012/ctr-dlq';
const SM = 'arn:aws:states:us-east-1:123456789012:stateMachine:post-call';
const sqsMock = mockClient(SQSClient);
const sfnMock = mockClient(SFNClient);

function parked(
  data: string,
  sequenceNumber: string,
  reason: 'invalid-json' | 'missing-contact-id' = 'invalid-json',
) {
  return JSON.stringify(
    buildDeadLetterMessage(
      {
        record: toRecord(data, sequenceNumber),
        reason,
        detail: 'parked by the trigger',
      },
      new Date('2026-11-28T10:00:00Z'),
    ),
  );
}

/** A queue holding `bodies`; received messages stay until deleted (a kept one comes back). */
function seedQueue(bodies: string[]) {
  const messages = new Map(bodies.map((body, i) => [`m-${i}`, body]));
  sqsMock.on(ReceiveMessageCommand).callsFake((input: { MaxNumberOfMessages?: number }) => ({
    Messages: [...messages.entries()]
      .slice(0, input.MaxNumberOfMessages ?? 1)
      .map(([id, body]) => ({ MessageId: id, ReceiptHandle: `rh-${id}`, Body: body })),
  }));
  sqsMock.on(DeleteMessageCommand).callsFake((input: { ReceiptHandle: string }) => {
    messages.delete(input.ReceiptHandle.replace(/^rh-/, ''));
    return {};
  });
  return messages;
}

function context() {
  const fake = new StepFunctionsFake();
  fake.attach(sfnMock);
  const settings = {
    stateMachineArn: SM,
    deadLetterQueueUrl: QUEUE,
    switches: {
      ctrImport: true,
      recordingImport: true,
      transcribe: false,
      contactLens: false,
      recordingUpload: false,
    },
    availableBranches: { transcription: false, contactLens: false },
    maxConcurrency: 4,
  };
  return {
    fake,
    queue: new SqsDeadLetterQueue(QUEUE, new SQSClient({ region: 'us-east-1' })),
    startBatch: (event: KinesisStreamEvent) =>
      handleKinesisBatch(event, {
        sfn: new SFNClient({ region: 'us-east-1' }),
        sqs: nonReparkingSqsClient(),
        settings,
      }),
  };
}

beforeEach(() => {
  sqsMock.reset();
  sfnMock.reset();
  sqsMock.on(SendMessageCommand).resolves({ MessageId: 'new' });
});

describe('npm run replay-dlq', () => {
  it('starts an execution for a fixed record, deletes only handled messages, keeps the still-broken one', async () => {
    const ctr = loadCtrFixture('inbound-voice-agent-recording') as { ContactId: string };
    const messages = seedQueue([
      parked(Buffer.from(JSON.stringify(ctr)).toString('base64'), '1'),
      parked(Buffer.from('{not json').toString('base64'), '2'),
    ]);
    const out: string[] = [];
    const code = await runReplayDlqCli(
      ['--queue-url', QUEUE],
      async () => context(),
      lineStreams({
        out: (l) => out.push(l),
        err: () => {},
      }),
    );

    expect(code).toBe(1);
    expect([...messages.keys()]).toEqual(['m-1']);
    expect(sqsMock).toHaveReceivedCommandTimes(DeleteMessageCommand, 1);
    // A record that is still malformed is reported, never parked a second time.
    expect(sqsMock).not.toHaveReceivedCommand(SendMessageCommand);
    const text = out.join('\n');
    expect(text).toMatch(
      new RegExp(`m-0\\s+${ctr.ContactId}\\s+invalid-json\\s+started\\s+${ctr.ContactId}\\s+yes`),
    );
    expect(text).toMatch(/m-1\s+invalid-json\s+kept\s+still rejected: invalid-json/);
    expect(text).toContain('2 message(s), 1 handled and deleted, 1 kept');
  });

  it('a record already processed is skipped and its message deleted', async () => {
    const ctr = loadCtrFixture('chat') as { ContactId: string };
    const data = Buffer.from(JSON.stringify(ctr)).toString('base64');
    const ctx = context();
    // The contact went through once already (e.g. re-delivered by Kinesis) and finished.
    await ctx.startBatch({ Records: [toRecord(data, '7')] });
    ctx.fake.close(ctr.ContactId, 'SUCCEEDED');
    seedQueue([parked(data, '7')]);
    const out: string[] = [];
    const err: string[] = [];
    const code = await runReplayDlqCli(
      [],
      async () => ctx,
      lineStreams({ out: (l) => out.push(l), err: (l) => err.push(l) }),
    );
    expect(code).toBe(0);
    // Piped: one plain progress line per message on stderr.
    expect(err).toEqual(['[1] m-0: skipped (deleted)']);
    expect(out.join('\n')).toMatch(/skipped/);
    expect(sqsMock).toHaveReceivedCommandTimes(DeleteMessageCommand, 1);
  });

  it('--dry-run reads and classifies but starts and deletes nothing', async () => {
    const ctr = loadCtrFixture('agentless-voice');
    seedQueue([parked(Buffer.from(JSON.stringify(ctr)).toString('base64'), '3'), parked('%%%', '4')]);
    const out: string[] = [];
    const code = await runReplayDlqCli(
      ['--dry-run'],
      async () => context(),
      lineStreams({
        out: (l) => out.push(l),
        err: () => {},
      }),
    );
    expect(code).toBe(1);
    expect(out.join('\n')).toMatch(/would-replay/);
    expect(sqsMock).not.toHaveReceivedCommand(DeleteMessageCommand);
    expect(sfnMock.calls()).toHaveLength(0);
  });
});

function toRecord(data: string, sequenceNumber: string): KinesisStreamRecord {
  return {
    eventSource: 'aws:kinesis',
    eventVersion: '1.0',
    eventID: `shardId-000000000000:${sequenceNumber}`,
    eventName: 'aws:kinesis:record',
    eventSourceARN: 'arn:aws:kinesis:us-east-1:123456789012:stream/ctr',
    invokeIdentityArn: 'arn:aws:iam::123456789012:role/trigger',
    awsRegion: 'us-east-1',
    kinesis: {
      kinesisSchemaVersion: '1.0',
      partitionKey: 'p',
      sequenceNumber,
      data,
      approximateArrivalTimestamp: 1,
    },
  };
}
