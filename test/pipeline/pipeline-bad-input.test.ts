/**
 * Acceptance: a batch mixing good records, records that can never succeed, and a record whose
 * StartExecution is throttled. The bad ones are dead-lettered with their data and the reason, the
 * good ones run, and the batch response lists only the throttled (retryable) record, which the
 * re-delivery then starts.
 */
import { SFNServiceException } from '@aws-sdk/client-sfn';
import { afterEach, describe, expect, it } from 'vitest';
import { LocalPipeline } from '../../local/runner/local-pipeline.js';
import { contactIdOf, inboundCall } from './support.js';

let pipeline: LocalPipeline | undefined;
afterEach(async () => {
  await pipeline?.stop();
  pipeline = undefined;
});

describe('bad input', () => {
  it('dead-letters malformed records, runs the rest, and reports only retryable failures', async () => {
    const throttled = contactIdOf(3);
    let throttledOnce = false;
    pipeline = await LocalPipeline.start({
      stepFunctions: {
        beforeStart: (input) => {
          if (input.name === throttled && !throttledOnce) {
            throttledOnce = true;
            throw new SFNServiceException({
              name: 'ThrottlingException',
              $fault: 'client',
              $metadata: { httpStatusCode: 400 },
              message: 'Rate exceeded',
            });
          }
        },
      },
    });
    const good = [inboundCall(1), inboundCall(2), inboundCall(3)];
    await pipeline.putRecordingsFor(good);
    const notJson = Buffer.from('{"ContactId": "x", truncated', 'utf8').toString('base64');
    const noContactId = { Channel: 'VOICE', LastUpdateTimestamp: '2026-11-28T10:00:00Z', Attributes: {} };

    const delivery = await pipeline.deliver([
      good[0],
      { rawData: '%%% not base64 %%%' },
      { rawData: notJson },
      noContactId,
      good[1],
      good[2],
    ]);
    await pipeline.settle();

    // First attempt: only the throttled record is a batch item failure; the re-delivery clears it.
    const sequenceOf = (contactId: string) =>
      delivery.outcomes.find((outcome) => 'contactId' in outcome && outcome.contactId === contactId)
        ?.sequenceNumber;
    expect(delivery.batchResponses[0]).toEqual({
      batchItemFailures: [{ itemIdentifier: sequenceOf(throttled) }],
    });
    expect(delivery.batchResponses.at(-1)).toEqual({ batchItemFailures: [] });

    expect(pipeline.deadLettered).toEqual([
      expect.objectContaining({ reason: expect.stringMatching(/base64/), data: '%%% not base64 %%%' }),
      expect.objectContaining({ reason: expect.stringMatching(/json/i), data: notJson }),
      expect.objectContaining({
        reason: expect.stringMatching(/contact/i),
        data: Buffer.from(JSON.stringify(noContactId)).toString('base64'),
      }),
    ]);
    for (const dead of pipeline.deadLettered) expect(dead.detail).not.toBe('');

    const executions = pipeline.store.list();
    expect(executions.map((execution) => execution.name).sort()).toEqual(
      good.map((ctr) => ctr.ContactId).sort(),
    );
    expect(executions.every((execution) => execution.status === 'SUCCEEDED')).toBe(true);
    expect(pipeline.emulator.records('amazonconnect__AC_ContactTraceRecord__c')).toHaveLength(3);
  });
});
