import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emulatorClient } from '../../local/emulator-connection/emulator-client.js';
import { startSalesforceEmulator } from '../../local/salesforce-emulator/index.js';
import type { SalesforceEmulator } from '../../local/salesforce-emulator/types.js';
import { observeSalesforceCalls } from '../salesforce/call-observer.js';
import type { SalesforceClient } from '../salesforce/client.js';
import { soql } from '../salesforce/soql.js';
import { SalesforceCallMetrics } from './salesforce-call-metrics.js';
import { SalesforceCallTracing, type TraceSegment, type TraceSubsegment } from './salesforce-call-tracing.js';

/** Records what the tracing observer does to the X-Ray segment. */
function recordingSegment() {
  const subsegments: Array<{
    name: string;
    annotations: Record<string, unknown>;
    error: boolean;
    fault: boolean;
    closed: boolean;
  }> = [];
  const segment: TraceSegment = {
    addNewSubsegment(name: string): TraceSubsegment {
      const entry = {
        name,
        annotations: {} as Record<string, unknown>,
        error: false,
        fault: false,
        closed: false,
      };
      subsegments.push(entry);
      return {
        addAnnotation: (key, value) => {
          entry.annotations[key] = value;
        },
        addErrorFlag: () => {
          entry.error = true;
        },
        addFaultFlag: () => {
          entry.fault = true;
        },
        close: () => {
          entry.closed = true;
        },
      };
    },
  };
  return { segment, subsegments };
}

describe('Salesforce calls observed against the emulator', () => {
  let emulator: SalesforceEmulator;
  let client: SalesforceClient;
  beforeAll(async () => {
    emulator = await startSalesforceEmulator({ dailyApiLimit: 200 });
    client = emulatorClient(emulator, { retry: false });
  });
  afterAll(async () => {
    await client.close();
    await emulator.stop();
  });

  it('opens one subsegment per call with operation and status, never the query text or values', async () => {
    const { segment, subsegments } = recordingSegment();
    const tracing = new SalesforceCallTracing({ isTracingEnabled: () => true, getSegment: () => segment });
    const secretPhone = '+441632960961';
    await observeSalesforceCalls(tracing, async () => {
      await client.query(soql`SELECT Id FROM Contact WHERE Phone = ${secretPhone}`);
      await client.describe('Contact');
      await expect(client.query('SELECT Nope__c FROM Contact')).rejects.toThrow();
    });
    expect(subsegments).toEqual([
      {
        name: 'Salesforce query',
        annotations: { operation: 'query', status: 200 },
        error: false,
        fault: false,
        closed: true,
      },
      {
        name: 'Salesforce describe',
        annotations: { operation: 'describe', status: 200 },
        error: false,
        fault: false,
        closed: true,
      },
      {
        name: 'Salesforce query',
        annotations: { operation: 'query', status: 400, errorName: 'Salesforce.Request' },
        error: true,
        fault: false,
        closed: true,
      },
    ]);
    expect(JSON.stringify(subsegments)).not.toContain('4416');
    expect(JSON.stringify(subsegments)).not.toContain('SELECT');
  });

  it('does nothing when tracing is off', async () => {
    const { segment, subsegments } = recordingSegment();
    const tracing = new SalesforceCallTracing({ isTracingEnabled: () => false, getSegment: () => segment });
    await observeSalesforceCalls(tracing, () => client.describe('Case'));
    expect(subsegments).toEqual([]);
  });

  it('keeps the reading of the call sent last, even when an earlier call answers later', () => {
    const metrics = new SalesforceCallMetrics();
    const first = metrics.callStarted('query');
    const second = metrics.callStarted('query');
    second.end({ status: 200, limitInfo: { used: 11, max: 100 } });
    first.end({ status: 200, limitInfo: { used: 10, max: 100 } });
    expect(metrics.limitInfo).toEqual({ used: 11, max: 100 });
    expect(metrics.callsByOperation.get('query')).toBe(2);
  });

  it('attributes calls to the scope that made them when scopes overlap', async () => {
    const a = new SalesforceCallMetrics();
    const b = new SalesforceCallMetrics();
    await Promise.all([
      observeSalesforceCalls(a, () => client.query('SELECT Id FROM Case')),
      observeSalesforceCalls(b, async () => {
        await client.describe('Account');
        await client.limits();
      }),
    ]);
    expect(Object.fromEntries(a.callsByOperation)).toEqual({ query: 1 });
    expect(Object.fromEntries(b.callsByOperation)).toEqual({ describe: 1, limits: 1 });
  });
});
