/**
 * Acceptance: nothing is lost when the event source mapping's retries run out. StartExecution is
 * throttled at 50 % until the local mapping gives up on batches (their on-failure records, shard
 * and sequence range only, go to the dead-letter queue); `replay-dlq` reads the records back from
 * the local Kinesis stream (GetShardIterator AT_SEQUENCE_NUMBER, GetRecords) and completes every
 * contact. Real trigger logic, real ASL and handlers, the Salesforce emulator.
 */

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KinesisClient } from '@aws-sdk/client-kinesis';
import { afterEach, describe, expect, it } from 'vitest';
import { startExecutionThrottle } from '../../local/aws-stand-ins/start-execution-throttle.js';
import { LocalPipeline } from '../../local/runner/local-pipeline.js';
import { saveLocalJson } from '../../local/runner/local-state.js';
import { FileDeadLetterQueue } from '../../ops/local/file-dead-letter-queue.js';
import { type ReplayOptions, replayDeadLetters } from '../../ops/replay-dlq/replay-dlq.js';
import { runReplayDlqCli } from '../../ops/replay-dlq/replay-dlq-cli.js';
import { readStreamBatch } from '../../ops/replay-dlq/stream-batch.js';
import { inboundCall } from '../pipeline/support.js';
import { lineStreams } from '../support/command-streams.js';

const CTR = 'amazonconnect__AC_ContactTraceRecord__c';
const KEY = 'amazonconnect__ContactId__c';

let pipeline: LocalPipeline | undefined;
let directory: string | undefined;
const restores: Array<() => void> = [];
afterEach(async () => {
  for (const restore of restores.splice(0)) restore();
  await pipeline?.stop();
  pipeline = undefined;
  if (directory) rmSync(directory, { recursive: true, force: true });
  directory = undefined;
});

/** The pipeline with StartExecution throttled at 50 % while `throttled.on`. */
async function throttledPipeline() {
  const throttled = { on: true };
  const throttle = startExecutionThrottle(0.5);
  const p = await LocalPipeline.start({
    stepFunctions: { beforeStart: () => (throttled.on ? throttle() : undefined) },
  });
  pipeline = p;
  const kinesis = new KinesisClient({ region: 'us-east-1' });
  restores.push(p.stream.attach(kinesis));
  directory = mkdtempSync(join(tmpdir(), 'replay-dlq-'));
  const queueFile = join(directory, 'dead-letters.json');
  /** The local dead-letter queue as npm start leaves it. */
  const saveQueue = () =>
    saveLocalJson(
      queueFile,
      p.deadLettered.map((record, index) => ({ messageId: `local-${index + 1}`, body: record.messageBody })),
    );
  const replayOptions = (queue: FileDeadLetterQueue): ReplayOptions => ({
    startBatch: async (event, source) => {
      const before = p.deadLettered.length;
      const outcomes = await p.handleBatch(event);
      if (source === 'stream')
        for (const parked of p.deadLettered.slice(before)) queue.append(parked.messageBody);
      return outcomes;
    },
    readStreamBatch: (batch) => readStreamBatch(kinesis, batch),
  });
  return { p, throttled, queueFile, saveQueue, replayOptions };
}

function contactsWithOneCtr(p: LocalPipeline, contactIds: string[]): string[] {
  const ctrs = p.emulator.records(CTR);
  return contactIds.filter((id) => ctrs.filter((record) => record[KEY] === id).length === 1);
}

describe('replay-dlq and the Kinesis on-failure records', () => {
  it('StartExecution throttled at 50 % until the mapping gives up: replay completes every contact; a second run changes nothing', async () => {
    const { p, throttled, queueFile, saveQueue, replayOptions } = await throttledPipeline();
    const ctrs = Array.from({ length: 30 }, (_, index) => inboundCall(300 + index));
    const contactIds = ctrs.map((ctr) => String(ctr.ContactId));
    await p.putRecordingsFor(ctrs);
    for (let batch = 0; batch < 3; batch++) {
      await p.deliver(ctrs.slice(batch * 10, batch * 10 + 10));
      await p.settle();
    }
    saveQueue();
    const exhausted = p.deadLettered.filter((record) => record.reason === 'RetryAttemptsExhausted');
    expect(exhausted.length).toBeGreaterThan(0);
    const onFailure = JSON.parse(exhausted[0]?.messageBody ?? '{}');
    expect(onFailure).toMatchObject({
      requestContext: { condition: 'RetryAttemptsExhausted', approximateInvokeCount: 4 },
      KinesisBatchInfo: { shardId: p.stream.shardId, streamArn: p.stream.streamArn },
    });
    expect(onFailure).not.toHaveProperty('data');
    const notStarted = contactIds.filter((id) => !p.store.get(id));
    expect(notStarted.length).toBeGreaterThan(0);

    // The runbook: the throttling is over, replay within the stream's retention.
    throttled.on = false;
    const queue = new FileDeadLetterQueue(queueFile);
    const report = await replayDeadLetters(queue, replayOptions(queue));
    await p.settle();
    expect(report.kept).toBe(0);
    expect(report.missing).toEqual([]);
    expect(report.results.every((result) => result.deleted)).toBe(true);
    expect(new FileDeadLetterQueue(queueFile).size).toBe(0);
    expect(contactIds.filter((id) => p.store.get(id)?.status !== 'SUCCEEDED')).toEqual([]);
    expect(contactsWithOneCtr(p, contactIds)).toEqual(contactIds);

    const executions = p.store.list().length;
    const apiCalls = p.emulator.apiUsage().apiCalls;
    const again = await replayDeadLetters(new FileDeadLetterQueue(queueFile), replayOptions(queue));
    await p.settle();
    expect(again.results).toEqual([]);
    expect(p.store.list()).toHaveLength(executions);
    expect(p.emulator.apiUsage().apiCalls).toBe(apiCalls);
  });

  it('a message whose records the stream no longer holds is listed by shard and sequence range, kept, and the command exits 1', async () => {
    const { p, queueFile, saveQueue, replayOptions } = await throttledPipeline();
    const ctrs = Array.from({ length: 10 }, (_, index) => inboundCall(400 + index));
    await p.putRecordingsFor(ctrs);
    const delivery = await p.deliver(ctrs);
    await p.settle();
    expect(delivery.exhausted).toBeDefined();
    saveQueue();
    // The stream's retention passed.
    p.stream.trimBefore();

    const lines: string[] = [];
    const queue = new FileDeadLetterQueue(queueFile);
    const code = await runReplayDlqCli(
      ['--local'],
      async () => ({ queue, ...replayOptions(queue) }),
      lineStreams({
        out: (line) => lines.push(line),
        err: () => undefined,
      }),
    );
    expect(code).toBe(1);
    const info = delivery.exhausted?.KinesisBatchInfo;
    const listed = lines.find((line) => line.startsWith('not in the stream any more'));
    expect(listed).toContain(`${info?.shardId} ${info?.startSequenceNumber} … ${info?.endSequenceNumber}`);
    expect(new FileDeadLetterQueue(queueFile).size).toBe(1);
  });
});
