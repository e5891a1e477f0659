/**
 * Whether a failed write can still land, told from what really happened on the wire: the client
 * against the Salesforce emulator, whose `loseWriteAnswers` keeps a write unanswered (the client
 * times out) or resets the connection, and applies it later.
 */
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emulatorClient } from '../../local/emulator-connection/emulator-client.js';
import { startSalesforceEmulator } from '../../local/salesforce-emulator/index.js';
import type { SalesforceEmulator } from '../../local/salesforce-emulator/types.js';
import { SalesforceOutcomeUnknownError, SalesforceTransientError } from './errors.js';
import { networkError } from './http-transport.js';
import { nodeHttpTransport } from './node-http-transport.js';
import type { CompositeSubrequest } from './types.js';
import { undiciTransport } from './undici-transport.js';
import { SALESFORCE_CALL_TIMEOUT_MS, writeMayStillLand } from './write-outcome.js';

let emulator: SalesforceEmulator;
beforeAll(async () => {
  emulator = await startSalesforceEmulator({ namespace: '', seed: false });
});
afterAll(async () => {
  await emulator.stop();
});

let recordNumber = 0;
function upsertRecord(): { subrequests: CompositeSubrequest[]; name: string } {
  const name = `late-${++recordNumber}`;
  return {
    name,
    subrequests: [
      {
        method: 'PATCH',
        url: `/sobjects/AC_ContactTraceRecord__c/ContactId__c/${name}`,
        referenceId: 'a',
        body: {},
      },
    ],
  };
}
const recordsFor = (name: string) =>
  emulator.records('AC_ContactTraceRecord__c').filter((record) => record.ContactId__c === name);

/** A failed call's error. */
async function failure(call: Promise<unknown>): Promise<unknown> {
  return call.then(
    () => {
      throw new Error('expected the call to fail');
    },
    (error: unknown) => error,
  );
}

describe('writeMayStillLand', () => {
  it('is 10 minutes that Salesforce may keep running a request', () => {
    expect(SALESFORCE_CALL_TIMEOUT_MS).toBe(600_000);
  });

  it.each([
    ['undici', undiciTransport({ timeoutMs: 400 })],
    ['node:http', nodeHttpTransport({ timeoutMs: 400 })],
  ])(
    'a write whose answer never comes (%s): unknown outcome, not repeated, and it lands later',
    async (_, transport) => {
      const client = emulatorClient(emulator, {
        transport,
        retry: { maxAttempts: 3, sleep: async () => {} },
      });
      await client.describe('AC_ContactTraceRecord__c'); // token and first connection before the write
      const { subrequests, name } = upsertRecord();
      emulator.setFaults({ loseWriteAnswers: { count: 1 } });
      const error = await failure(
        client.composite(subrequests, { allOrNone: true, repeatUnknownOutcome: false }),
      );
      expect(error).toBeInstanceOf(SalesforceOutcomeUnknownError);
      expect((error as Error).name).toBe('Salesforce.Transient');
      expect(writeMayStillLand(error)).toBe(true);
      expect(recordsFor(name)).toEqual([]);
      expect(await emulator.applyHeldWrites()).toBe(1);
      expect(recordsFor(name)).toHaveLength(1);
      emulator.setFaults({});
      await client.close();
    },
  );

  it('a connection reset after the write went out: unknown outcome; by default the client repeats it', async () => {
    const client = emulatorClient(emulator, { retry: { maxAttempts: 3, sleep: async () => {} } });
    await client.describe('AC_ContactTraceRecord__c');
    const lost = upsertRecord();
    emulator.setFaults({ loseWriteAnswers: { count: 1, answer: 'reset' } });
    const error = await failure(
      client.composite(lost.subrequests, { allOrNone: true, repeatUnknownOutcome: false }),
    );
    expect(writeMayStillLand(error)).toBe(true);
    // Without the option the second attempt is answered: the caller never learns of the first.
    const repeated = upsertRecord();
    emulator.setFaults({ loseWriteAnswers: { count: 1, answer: 'reset' } });
    await client.composite(repeated.subrequests, { allOrNone: true });
    expect(recordsFor(repeated.name)).toHaveLength(1);
    expect(await emulator.applyHeldWrites()).toBe(2);
    emulator.setFaults({});
    await client.close();
  });

  it('Salesforce answered with an error: the outcome is known', async () => {
    const client = emulatorClient(emulator, { retry: false });
    emulator.setFaults({ sequence: ['SERVER_UNAVAILABLE'] });
    const error = await failure(client.composite(upsertRecord().subrequests, { allOrNone: true }));
    expect(error).toBeInstanceOf(SalesforceTransientError);
    expect(writeMayStillLand(error)).toBe(false);
    emulator.setFaults({});
    await client.close();
  });

  it('nothing was sent (connection refused, token request refused or timed out): the outcome is known', async () => {
    const closed = await new Promise<number>((resolve) => {
      const server = createServer().listen(0, '127.0.0.1', () => {
        const { port } = server.address() as { port: number };
        server.close(() => resolve(port));
      });
    });
    const refused = networkError(
      Object.assign(new Error('refused'), { code: 'ECONNREFUSED' }),
      {
        method: 'POST',
        path: '/services/data/v62.0/composite',
        headers: {},
      },
      1000,
    );
    expect(refused).toBeInstanceOf(SalesforceTransientError);
    expect(writeMayStillLand(refused)).toBe(false);

    const unreachable = emulatorClient(emulator, { retry: false, loginHost: `http://127.0.0.1:${closed}` });
    const error = await failure(unreachable.composite(upsertRecord().subrequests, { allOrNone: true }));
    expect(error).toBeInstanceOf(SalesforceTransientError);
    expect(writeMayStillLand(error)).toBe(false);
    await unreachable.close();

    // The token request timed out: the write it was for never went out.
    emulator.setFaults({ tokenEndpoint: { latencyMs: 1_000 } });
    const slowLogin = emulatorClient(emulator, {
      retry: false,
      transport: undiciTransport({ timeoutMs: 200 }),
    });
    const tokenLost = await failure(slowLogin.composite(upsertRecord().subrequests, { allOrNone: true }));
    expect(tokenLost).toBeInstanceOf(SalesforceTransientError);
    expect(writeMayStillLand(tokenLost)).toBe(false);
    emulator.setFaults({});
    await slowLogin.close();
  });

  it('a gateway that gave up (502/504 without a Salesforce body) or an error the client does not know: may land', () => {
    const gateway = new SalesforceTransientError('POST /composite failed: HTTP 504', { status: 504 });
    expect(writeMayStillLand(gateway)).toBe(true);
    expect(writeMayStillLand(new TypeError('unexpected'))).toBe(true);
  });
});
