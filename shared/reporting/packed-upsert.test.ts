import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  type SalesforceEnvironment,
  useSalesforceEmulator,
} from '../../local/emulator-connection/salesforce-environment.js';
import { startSalesforceEmulator } from '../../local/salesforce-emulator/index.js';
import type { SalesforceEmulator } from '../../local/salesforce-emulator/types.js';
import { getSalesforceClient } from '../salesforce/from-environment.js';
import type { SalesforceRecord } from '../salesforce/types.js';
import { packedUpsert } from './packed-upsert.js';

const records = (n: number, from = 0): SalesforceRecord[] =>
  Array.from({ length: n }, (_, i) => ({
    Name: `Queue ${from + i}`,
    Queue_Id__c: `q-${from + i}`,
    Agents_Online__c: i % 7,
  }));

describe('packedUpsert against the Salesforce emulator', () => {
  let emulator: SalesforceEmulator;
  let env: SalesforceEnvironment;

  beforeAll(async () => {
    emulator = await startSalesforceEmulator({ namespace: '', seed: false });
    env = useSalesforceEmulator(emulator, { namespace: '' });
  });
  afterAll(async () => {
    env?.restore();
    await emulator?.stop();
  });
  beforeEach(() => emulator.resetApiUsage());

  it('writes 1,000 records in one API call and 1,001 in two, results in input order', async () => {
    const salesforce = getSalesforceClient();
    const first = await packedUpsert(salesforce, 'AC_QueueMetrics__c', 'Queue_Id__c', records(1000));
    expect(first).toHaveLength(1000);
    expect(first.every((r) => r.success && r.created)).toBe(true);
    expect(emulator.apiUsage().byEndpoint).toEqual({ 'POST /composite': 1 });

    emulator.resetApiUsage();
    const second = await packedUpsert(salesforce, 'AC_QueueMetrics__c', 'Queue_Id__c', records(1001));
    expect(emulator.apiUsage().apiCalls).toBe(2);
    expect(second.filter((r) => r.created)).toHaveLength(1);
    expect(second[1000]!.created).toBe(true);
    const rows = emulator.records('AC_QueueMetrics__c');
    expect(rows).toHaveLength(1001);
    expect(rows.find((r) => r.Queue_Id__c === 'q-999')?.Name).toBe('Queue 999');
  });

  it('maps per-record and whole-collection failures onto the right records', async () => {
    const salesforce = getSalesforceClient();
    const batch = records(450, 5000);
    batch[201] = { ...batch[201], Name: 'x'.repeat(200) };
    const results = await packedUpsert(salesforce, 'AC_QueueMetrics__c', 'Queue_Id__c', batch);
    expect(results.map((r, i) => (r.success ? null : i)).filter((i) => i !== null)).toEqual([201]);
    expect(results[201]!.errors[0]!.statusCode).toBe('STRING_TOO_LONG');

    emulator.resetApiUsage();
    await packedUpsert(salesforce, 'AC_QueueMetrics__c', 'Queue_Id__c', records(450, 7000), {
      collectionsPerRequest: 1,
    });
    expect(emulator.apiUsage().byEndpoint).toEqual({
      'PATCH /composite/sobjects/AC_QueueMetrics__c/Queue_Id__c': 3,
    });

    const unknownKey = await packedUpsert(salesforce, 'AC_QueueMetrics__c', 'Nope__c', records(250, 9000));
    expect(unknownKey).toHaveLength(250);
    expect(unknownKey.every((r) => !r.success && r.errors.length > 0)).toBe(true);
  });
});
