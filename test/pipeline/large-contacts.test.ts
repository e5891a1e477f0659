/**
 * Acceptance: contacts too large to travel inline keep their data. A CTR whose execution input
 * would exceed Step Functions' 256 KiB is stored in the payload bucket (the local S3, with the
 * stack's listing grants) and its execution started with the key; contact-import reads it back.
 * A dead-lettered record too large for an SQS message keeps its data there too, and replay-dlq
 * replays it byte for byte. Real trigger logic, real ASL and handlers, the Salesforce emulator.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetObjectCommand } from '@aws-sdk/client-s3';
import type { KinesisStreamEvent } from 'aws-lambda';
import { afterEach, describe, expect, it } from 'vitest';
import { LOCAL_PAYLOAD_BUCKET, LocalPipeline } from '../../local/runner/local-pipeline.js';
import { saveLocalJson } from '../../local/runner/local-state.js';
import { FileDeadLetterQueue } from '../../ops/local/file-dead-letter-queue.js';
import { runReplayDlqCli } from '../../ops/replay-dlq/replay-dlq-cli.js';
import { buildExecutionInput, serializeExecutionInput } from '../../shared/ctr/build-execution-input.js';
import { decodeContactTraceRecord } from '../../shared/ctr/parse.js';
import { planContact } from '../../shared/ctr/plan.js';
import { postCallSwitchesFromEnvironment } from '../../shared/ctr/switches.js';
import { MAX_SQS_MESSAGE_BYTES } from '../../shared/sqs/send-message-rules.js';
import { MAX_EXECUTION_INPUT_BYTES } from '../../shared/step-functions/start-execution-rules.js';
import { lineStreams } from '../support/command-streams.js';
import { contactIdOf, inboundCall } from './support.js';

const CTR = 'amazonconnect__AC_ContactTraceRecord__c';
const KEY = 'amazonconnect__ContactId__c';
const ATTRIBUTES = 'amazonconnect__Attributes__c';

let pipeline: LocalPipeline | undefined;
let directory: string | undefined;
afterEach(async () => {
  await pipeline?.stop();
  pipeline = undefined;
  if (directory) rmSync(directory, { recursive: true, force: true });
  directory = undefined;
});

/** An inbound call whose attributes carry `notes` of `length` characters. */
function largeCall(n: number, length: number): Record<string, unknown> {
  const ctr = inboundCall(n);
  ctr.Attributes = { ...(ctr.Attributes as Record<string, string>), notes: 'n'.repeat(length) };
  return ctr;
}

/** Attributes__c as the original package wrote it (Python json.dumps of the attributes, in order). */
function originalAttributesText(length: number): string {
  return `{"postcallCTRImportEnabled": "true", "postcallRecordingImportEnabled": "true", "customerTier": "gold", "greetingPlayed": "true", "notes": "${'n'.repeat(length)}"}`;
}

/** The org's CTR records of contact `n`. */
function ctrRecordsOf(p: LocalPipeline, n: number): Array<Record<string, unknown>> {
  return p.emulator.records(CTR).filter((record) => record[KEY] === contactIdOf(n));
}

/** The record's attachments: name and UTF-8 text. */
function attachmentsOf(p: LocalPipeline, record: Record<string, unknown> | undefined) {
  return p.emulator
    .records('Attachment')
    .filter((attachment) => attachment.ParentId === record?.Id)
    .map((attachment) => ({
      name: attachment.Name,
      text: Buffer.from(String(attachment.Body), 'base64').toString('utf8'),
    }));
}

/** `LastUpdateTimestamp` of `ctr` plus `seconds`. */
function laterBy(ctr: Record<string, unknown>, seconds: number): string {
  return new Date(Date.parse(String(ctr.LastUpdateTimestamp)) + seconds * 1000)
    .toISOString()
    .replace('.000Z', 'Z');
}

/** The execution input's size had the CTR travelled inline (as the trigger decodes and builds it). */
function inlineInputBytes(ctr: Record<string, unknown>): number {
  const decoded = decodeContactTraceRecord(Buffer.from(JSON.stringify(ctr)).toString('base64'));
  const plan = planContact(decoded, postCallSwitchesFromEnvironment({}));
  return Buffer.byteLength(serializeExecutionInput(buildExecutionInput(decoded, plan, 'full')), 'utf8');
}

async function readLocalObject(p: LocalPipeline, key: string): Promise<string> {
  const object = await p.s3.send(new GetObjectCommand({ Bucket: LOCAL_PAYLOAD_BUCKET, Key: key }));
  return (await object.Body?.transformToString('utf-8')) ?? '';
}

describe('contacts too large to pass inline', () => {
  it('a CTR whose input would exceed 256 KiB is imported in full: Attributes__c equals the original text', async () => {
    // 130,000 characters of attributes: within Attributes__c (131,072), but the input carries them
    // twice (values and text), over the Step Functions limit.
    const length = 130_000;
    const ctr = largeCall(1, length);
    expect(inlineInputBytes(ctr)).toBeGreaterThan(MAX_EXECUTION_INPUT_BYTES);
    pipeline = await LocalPipeline.start();
    // A contact of ordinary size first: the container's describe and token are cached after it.
    const ordinary = inboundCall(9);
    await pipeline.putRecordingsFor([ordinary, ctr]);
    await pipeline.deliver([ordinary]);
    await pipeline.settle();
    const delivery = await pipeline.deliver([ctr]);
    await pipeline.settle();

    expect(delivery.outcomes.map((o) => o.status)).toEqual(['started']);
    const execution = pipeline.store.get(contactIdOf(1));
    expect(execution?.status).toBe('SUCCEEDED');
    expect(Buffer.byteLength(execution?.input ?? '', 'utf8')).toBeLessThanOrEqual(MAX_EXECUTION_INPUT_BYTES);
    const storedIn = (JSON.parse(execution?.input ?? '{}') as { ctr: { storedIn: { key: string } } }).ctr
      .storedIn;
    expect(storedIn.key).toMatch(new RegExp(`^execution-input/${contactIdOf(1)}/[0-9a-f]{64}\\.json$`));
    expect(JSON.parse(await readLocalObject(pipeline, storedIn.key)).Attributes.notes).toHaveLength(length);

    const records = pipeline.emulator.records(CTR).filter((record) => record[KEY] === contactIdOf(1));
    expect(records).toHaveLength(1);
    expect(records[0]?.[ATTRIBUTES]).toBe(originalAttributesText(length));
    expect(pipeline.salesforceRecordsOf(contactIdOf(1))).toHaveProperty(
      'amazonconnect__AC_ContactChannelAnalytics__c',
    );
    // Storing the CTR costs no Salesforce call: one composite call, like the ordinary contact.
    const calls = new Map(
      pipeline.contactReports().map((report) => [report.contactId, report.salesforceApiCalls]),
    );
    expect(calls.get(contactIdOf(1))).toBe(1);
    expect(calls.get(contactIdOf(9))).toBeGreaterThanOrEqual(1);
  });

  it('a 900 KB CTR is imported: Attributes__c (131,072 characters at most) is null and its full text attached; newer versions replace or remove the attachment', async () => {
    const length = 900_000;
    const ctr = largeCall(2, length);
    const p = await LocalPipeline.start();
    pipeline = p;
    // A contact of ordinary size first: the container's describe and token are cached after it.
    const ordinary = inboundCall(9);
    await p.putRecordingsFor([ordinary, ctr]);
    await p.deliver([ordinary]);
    await p.settle();
    const callsBefore = p.emulator.apiUsage().apiCalls;
    const delivery = await p.deliver([ctr]);
    await p.settle();

    expect(delivery.outcomes.map((o) => o.status)).toEqual(['started']);
    const execution = p.store.get(contactIdOf(2));
    // The whole CTR is kept by key: nothing was cut on the way.
    const storedIn = (JSON.parse(execution?.input ?? '{}') as { ctr: { storedIn: { key: string } } }).ctr
      .storedIn;
    const stored = JSON.parse(await readLocalObject(p, storedIn.key));
    expect(stored.Attributes.notes).toHaveLength(length);
    expect(stored.jsonText.attributes).toBe(originalAttributesText(length));
    expect(execution?.status).toBe('SUCCEEDED');
    const text = originalAttributesText(length);
    expect(JSON.parse(execution?.output ?? '{}')).toMatchObject({
      ctrImport: 'imported',
      oversizeFields: [
        { field: ATTRIBUTES, length: text.length, limit: 131_072, attachment: 'Attributes__c.json' },
      ],
    });
    // One CTR record, every other field written, Attributes__c null (never cut).
    const [record, ...others] = ctrRecordsOf(p, 2);
    expect(others).toEqual([]);
    expect(record?.[ATTRIBUTES]).toBeNull();
    expect(record?.amazonconnect__Channel__c).toBe('VOICE');
    expect(record?.amazonconnect__AgentUsername__c).toBe((ctr.Agent as { Username: string }).Username);
    expect(record?.amazonconnect__LastUpdateTimestamp__c).toBeTruthy();
    // Exactly one attachment: the text the original would have put in the field, byte for byte.
    expect(attachmentsOf(p, record)).toEqual([{ name: 'Attributes__c.json', text }]);
    // The attachment travels in the import's one composite call.
    expect(p.emulator.apiUsage().apiCalls - callsBefore).toBe(1);

    // A newer version, still too large: the attachment is replaced (2 calls: write, delete the older copy).
    const newer = largeCall(2, length + 1);
    newer.LastUpdateTimestamp = laterBy(ctr, 60);
    const beforeNewer = p.emulator.apiUsage().apiCalls;
    await p.deliver([newer]);
    await p.settle();
    expect(p.emulator.apiUsage().apiCalls - beforeNewer).toBe(2);
    const [afterNewer, ...moreAfterNewer] = ctrRecordsOf(p, 2);
    expect(moreAfterNewer).toEqual([]);
    expect(afterNewer?.[ATTRIBUTES]).toBeNull();
    expect(afterNewer?.amazonconnect__LastUpdateTimestamp__c).toBe(
      new Date(String(newer.LastUpdateTimestamp)).toISOString().replace('Z', '+0000'),
    );
    expect(attachmentsOf(p, afterNewer)).toEqual([
      { name: 'Attributes__c.json', text: originalAttributesText(length + 1) },
    ]);

    // A newer version that fits: the text is back in the field and the stale attachment is gone.
    const fitting = largeCall(2, 10);
    fitting.LastUpdateTimestamp = laterBy(ctr, 120);
    await p.deliver([fitting]);
    await p.settle();
    const [last, ...moreLast] = ctrRecordsOf(p, 2);
    expect(moreLast).toEqual([]);
    expect(last?.[ATTRIBUTES]).toBe(originalAttributesText(10));
    expect(attachmentsOf(p, last)).toEqual([]);
    expect(p.store.list({ statuses: ['FAILED'] })).toEqual([]);
  });

  it('a dead-lettered record over 256 KB keeps its data in S3 and replay-dlq --local replays it byte-identical', async () => {
    // 120,000 characters of attributes and a 100,000-character field the pipeline does not map:
    // the record is ~300 KB of base64, the execution input still fits inline.
    const ctr = { ...largeCall(3, 120_000), ContactDetails: { Description: 'd'.repeat(100_000) } };
    const refusing = { on: true };
    const p = await LocalPipeline.start({
      stepFunctions: {
        // Step Functions refuses the contact's input for good (InvalidExecutionInput) while `on`.
        beforeStart: () => {
          if (refusing.on) throw Object.assign(new Error('input refused'), { name: 'InvalidExecutionInput' });
        },
      },
    });
    pipeline = p;
    await p.putRecordingsFor([ctr]);
    const delivery = await p.deliver([ctr]);
    const original = delivery.outcomes[0];
    expect(original).toMatchObject({ status: 'deadLettered', reason: 'execution-input-rejected' });
    const data = original?.status === 'deadLettered' ? original.data : '';
    expect(data.length).toBeGreaterThan(MAX_SQS_MESSAGE_BYTES);

    const [parked] = p.deadLettered;
    expect(Buffer.byteLength(parked?.messageBody ?? '', 'utf8')).toBeLessThan(MAX_SQS_MESSAGE_BYTES);
    const message = JSON.parse(parked?.messageBody ?? '{}');
    expect(message).toMatchObject({
      data: null,
      dataLength: data.length,
      dataStoredIn: { bytes: data.length },
    });
    expect(message.dataStoredIn.key).toBe(`dead-letters/${message.dataStoredIn.sha256}.b64`);

    directory = mkdtempSync(join(tmpdir(), 'replay-large-'));
    const queueFile = join(directory, 'dead-letters.json');
    saveLocalJson(queueFile, [{ messageId: 'local-1', body: parked?.messageBody }]);

    // The runbook: the cause is fixed, replay.
    refusing.on = false;
    const replayed: KinesisStreamEvent[] = [];
    const queue = new FileDeadLetterQueue(queueFile);
    const lines: string[] = [];
    const code = await runReplayDlqCli(
      ['--local'],
      async () => ({
        queue,
        startBatch: (event) => {
          replayed.push(event);
          return p.handleBatch(event);
        },
        readPayload: (ref) => p.payloadReader.read(ref),
      }),
      lineStreams({ out: (line) => lines.push(line), err: () => undefined }),
    );
    await p.settle();
    expect(code).toBe(0);
    expect(replayed.map((event) => event.Records.map((record) => record.kinesis.data))).toEqual([[data]]);
    expect(new FileDeadLetterQueue(queueFile).size).toBe(0);
    expect(p.store.get(contactIdOf(3))?.status).toBe('SUCCEEDED');
    const records = p.emulator.records(CTR).filter((record) => record[KEY] === contactIdOf(3));
    expect(records.map((record) => record[ATTRIBUTES])).toEqual([originalAttributesText(120_000)]);

    // A second run finds nothing to do.
    const again = await runReplayDlqCli(
      ['--local'],
      async () => ({
        queue: new FileDeadLetterQueue(queueFile),
        startBatch: (event) => p.handleBatch(event),
      }),
      lineStreams({ out: () => undefined, err: () => undefined }),
    );
    expect(again).toBe(0);
    expect(p.store.list()).toHaveLength(1);
  });

  it('keeps a stored dead letter whose data is gone or altered, and says why', async () => {
    const p = await LocalPipeline.start();
    pipeline = p;
    const data = Buffer.from(`{"ContactId": "${contactIdOf(4)}", ${'"x": 1, '.repeat(40_000)}`).toString(
      'base64',
    );
    await p.deliver([{ rawData: data }]);
    const [parked] = p.deadLettered;
    const message = JSON.parse(parked?.messageBody ?? '{}');
    const altered = JSON.stringify({
      ...message,
      dataStoredIn: { ...message.dataStoredIn, sha256: 'f'.repeat(64) },
    });
    const gone = JSON.stringify({
      ...message,
      dataStoredIn: { ...message.dataStoredIn, key: `dead-letters/${'0'.repeat(64)}.b64` },
    });
    directory = mkdtempSync(join(tmpdir(), 'replay-large-'));
    const queueFile = join(directory, 'dead-letters.json');
    saveLocalJson(queueFile, [
      { messageId: 'local-1', body: altered },
      { messageId: 'local-2', body: gone },
    ]);
    const lines: string[] = [];
    const code = await runReplayDlqCli(
      ['--local', '--json'],
      async () => ({
        queue: new FileDeadLetterQueue(queueFile),
        startBatch: (event) => p.handleBatch(event),
        readPayload: (ref) => p.payloadReader.read(ref),
      }),
      lineStreams({ out: (line) => lines.push(line), err: () => undefined }),
    );
    expect(code).toBe(1);
    const { results } = JSON.parse(lines.join('\n')) as {
      results: Array<{ action: string; detail: string }>;
    };
    expect(results.map((result) => result.action)).toEqual(['kept', 'kept']);
    expect(results[0]?.detail).toMatch(/cannot be read back: Payload\.Corrupt/);
    expect(results[1]?.detail).toMatch(/cannot be read back: Payload\.NotFound/);
    expect(new FileDeadLetterQueue(queueFile).size).toBe(2);
  });
});
