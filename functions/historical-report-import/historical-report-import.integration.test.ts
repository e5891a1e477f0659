/**
 * The historical import end to end: S3 events → the real handler → report objects read from
 * s3rver → the Salesforce client → the Salesforce emulator over HTTP.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { lambdaContext } from '../../local/aws-stand-ins/lambda-context.js';
import { type LocalS3, startLocalS3 } from '../../local/aws-stand-ins/local-s3.js';
import {
  type SalesforceEnvironment,
  useSalesforceEmulator,
} from '../../local/emulator-connection/salesforce-environment.js';
import { startSalesforceEmulator } from '../../local/salesforce-emulator/index.js';
import type { SalesforceEmulator } from '../../local/salesforce-emulator/types.js';
import { createHandler } from './handler.js';

const BUCKET = 'connect-reports';
const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url));

const context = lambdaContext({ functionName: 'historical-report-import', timeoutMs: 60_000 });

/** An S3 event notification record, key URL-encoded the way S3 does (spaces as `+`). */
function s3Record(key: string, eventTime = '2026-11-28T10:31:02.114Z') {
  const encoded = encodeURIComponent(key).replace(/%20/g, '+').replace(/%2F/g, '/');
  return {
    eventVersion: '2.1',
    eventSource: 'aws:s3',
    awsRegion: 'eu-west-2',
    eventTime,
    eventName: 'ObjectCreated:Put',
    userIdentity: { principalId: 'AWS:AROAEXAMPLE:connect' },
    s3: {
      s3SchemaVersion: '1.0',
      configurationId: 'historical-reports',
      bucket: { name: BUCKET, arn: `arn:aws:s3:::${BUCKET}` },
      object: {
        key: encoded,
        size: 1052,
        eTag: '0123456789abcdef0123456789abcdef',
        sequencer: '0A1B2C3D4E5F678901',
      },
    },
  };
}

const QUEUE_KEY = 'SFDC/Queue/Queues 30 min report 2026-11-28T10:30Z+UTC.csv';
const AGENT_KEY = 'SFDC/Agent/Agent performance (30 min) 2026-11-28T10:30Z.csv';

describe('historical report import against the Salesforce emulator (namespace amazonconnect)', () => {
  let emulator: SalesforceEmulator;
  let s3: LocalS3;
  let env: SalesforceEnvironment;
  let handler: ReturnType<typeof createHandler>;

  beforeAll(async () => {
    emulator = await startSalesforceEmulator({ namespace: 'amazonconnect', seed: false });
    s3 = await startLocalS3([BUCKET]);
    env = useSalesforceEmulator(emulator, {
      namespace: 'amazonconnect',
      env: { CONNECT_REPORTING_BUCKET: BUCKET, AWS_REGION: 'eu-west-2', GLOBAL_ANALYTICS_ENABLED: undefined },
    });
    handler = createHandler({ s3: s3.client });
    await s3.put(BUCKET, QUEUE_KEY, fixture('queue-report.csv'));
    await s3.put(BUCKET, AGENT_KEY, fixture('agent-report.csv'));
    await s3.put(BUCKET, 'SFDC/Queue/by queue only.csv', fixture('queue-report-without-interval.csv'));
  });

  afterAll(async () => {
    env?.restore();
    await emulator?.stop();
    await s3?.stop();
  });

  beforeEach(() => emulator.resetApiUsage());

  it('imports every record of the event: one describe and one collection call per report', async () => {
    const result = await handler({ Records: [s3Record(QUEUE_KEY), s3Record(AGENT_KEY)] }, context);
    expect(result.imported).toEqual([
      { key: QUEUE_KEY, kind: 'queue', rows: 5, upserted: 5, created: 5 },
      { key: AGENT_KEY, kind: 'agent', rows: 4, upserted: 4, created: 4 },
    ]);
    // Cold container: a describe per object, then one composite/sobjects upsert per report.
    expect(emulator.apiUsage().apiCalls).toBe(4);

    const queues = emulator.records('amazonconnect__AC_HistoricalQueueMetrics__c');
    const sales = queues.find(
      (r) => r.amazonconnect__AC_Record_Id__c === 'SalesEUTier12026-11-28T10:00:00.000Zeu-west-2',
    );
    expect(sales).toMatchObject({
      amazonconnect__AC_Object_Name__c: 'Sales - EU (Tier 1)',
      amazonconnect__StartInterval__c: '2026-11-28T10:00:00.000Z',
      amazonconnect__Contacts_queued__c: 42,
      amazonconnect__Service_level_20_seconds__c: 85.71,
      amazonconnect__Avg_agent_interaction_and_cust_hold_time__c: 301.25,
      amazonconnect__Contacts_handled_conn_to_agent_timestamp__c: 38,
      amazonconnect__Agent_non_response_without_cust_abandons__c: 1,
      amazonconnect__Contacts_transferred_out_from_queue__c: 2,
      amazonconnect__Region__c: 'eu-west-2',
    });
    expect(String(sales?.amazonconnect__Created_Date__c)).toMatch(/^2026-11-28T10:31:02/);
    expect(queues.map((r) => r.amazonconnect__AC_Record_Id__c).sort()).toEqual(
      [
        'BillingPayments22026-11-28T10:00:00.000Zeu-west-2',
        'CaféÜbersee2026-11-28T10:00:00.000Zeu-west-2',
        'SalesEUTier12026-11-28T10:00:00.000Zeu-west-2',
        'SalesEUTier12026-11-28T10:30:00.000Zeu-west-2',
        'SupportPremium2026-11-28T10:00:00.000Zeu-west-2',
      ].sort(),
    );
    const support = queues.find((r) => r.amazonconnect__AC_Object_Name__c === 'Support, "Premium"');
    expect(support?.amazonconnect__Average_queue_abandon_time__c ?? null).toBeNull();

    const agents = emulator.records('amazonconnect__AC_AgentPerformance__c');
    expect(agents.map((r) => r.amazonconnect__AC_Record_Id__c).sort()).toEqual(
      [
        'jane.doe@example.com2026-11-28T10:00:00.000Zeu-west-2',
        "o'brien/ops #72026-11-28T10:00:00.000Zeu-west-2",
        'Müller, José2026-11-28T10:00:00.000Zeu-west-2',
        'chen wei+support2026-11-28T10:30:00.000Zeu-west-2',
      ].sort(),
    );
    const obrien = agents.find((r) => r.amazonconnect__AC_Object_Name__c === "o'brien/ops #7");
    expect(obrien).toMatchObject({
      amazonconnect__Nonproductive_time__c: 300,
      amazonconnect__Occupancy__c: 60,
      amazonconnect__Agent_answer_rate__c: 83.33,
      amazonconnect__Contacts_handled_conn_to_agent_timestamp__c: 5,
    });
  });

  it('re-importing updates the same rows (idempotent) with one call per report, describe cached', async () => {
    const before = emulator.records('amazonconnect__AC_HistoricalQueueMetrics__c').length;
    const result = await handler({ Records: [s3Record(QUEUE_KEY, '2026-11-28T11:01:00.000Z')] }, context);
    expect(result.imported[0]).toMatchObject({ rows: 5, upserted: 5, created: 0 });
    expect(emulator.records('amazonconnect__AC_HistoricalQueueMetrics__c')).toHaveLength(before);
    expect(emulator.apiUsage().apiCalls).toBe(1);
  });

  it('accepts the EventBridge "Object Created" shape', async () => {
    const event = {
      version: '0',
      id: '2d3e7a40-5b7c-4e7e-9a4a-1f0a9c6b7d10',
      'detail-type': 'Object Created',
      source: 'aws.s3',
      account: '123456789012',
      time: '2026-11-28T10:31:05Z',
      region: 'eu-west-2',
      resources: [`arn:aws:s3:::${BUCKET}`],
      detail: {
        version: '0',
        bucket: { name: BUCKET },
        object: {
          key: AGENT_KEY,
          size: 797,
          etag: 'b1946ac92492d2347c6235b4d2611184',
          sequencer: '00617F08299329D189',
        },
        'request-id': 'N4N7GDK58NMKJ12R',
        requester: '123456789012',
        reason: 'PutObject',
      },
    };
    const result = await handler(event, context);
    expect(result.imported).toEqual([{ key: AGENT_KEY, kind: 'agent', rows: 4, upserted: 4, created: 0 }]);
  });

  it('fails a report without StartInterval with the setting to change, after importing the others', async () => {
    emulator.resetApiUsage();
    const run = handler(
      {
        Records: [s3Record('SFDC/Queue/by queue only.csv'), s3Record(QUEUE_KEY, '2026-11-28T11:30:00.000Z')],
      },
      context,
    );
    await expect(run).rejects.toMatchObject({ name: 'HistoricalReport.MissingStartInterval' });
    await expect(handler({ Records: [s3Record('SFDC/Queue/by queue only.csv')] }, context)).rejects.toThrow(
      /no "StartInterval" column.*group the report by "Interval"/s,
    );
    // The good report of the same event was still written.
    const updated = emulator
      .records('amazonconnect__AC_HistoricalQueueMetrics__c')
      .filter((r) => String(r.amazonconnect__Created_Date__c).startsWith('2026-11-28T11:30'));
    expect(updated).toHaveLength(5);
  });

  it('attempts every object and reports all failures of an event together', async () => {
    await s3.put(BUCKET, 'SFDC/Agent/by agent only.csv', 'Agent,Contacts handled\r\njane,3\r\n');
    const run = handler(
      { Records: [s3Record('SFDC/Queue/by queue only.csv'), s3Record('SFDC/Agent/by agent only.csv')] },
      context,
    );
    await expect(run).rejects.toMatchObject({
      name: 'HistoricalReport.ImportFailed',
      errors: [
        { name: 'HistoricalReport.MissingStartInterval' },
        { name: 'HistoricalReport.MissingStartInterval' },
      ],
    });
  });

  it('names SF_ADAPTER_NAMESPACE when the object does not exist under the configured namespace', async () => {
    const previous = process.env.SF_ADAPTER_NAMESPACE;
    process.env.SF_ADAPTER_NAMESPACE = 'acme';
    try {
      await expect(handler({ Records: [s3Record(QUEUE_KEY)] }, context)).rejects.toMatchObject({
        name: 'HistoricalReport.ObjectSchema',
        message: expect.stringMatching(/acme__AC_HistoricalQueueMetrics__c.*SF_ADAPTER_NAMESPACE/),
      });
    } finally {
      process.env.SF_ADAPTER_NAMESPACE = previous;
    }
  });

  it('upserts 1,000 rows in one API call (5 collections of 200 in one composite request)', async () => {
    const header =
      'Queue,StartInterval,EndInterval,Contacts queued,Contacts handled,Service level 20 seconds';
    const lines = [header];
    for (let i = 0; i < 1000; i += 1) {
      const start = new Date(Date.UTC(2026, 10, 28, 0, 0) + (i % 48) * 1_800_000).toISOString();
      lines.push(
        `"Queue ${Math.floor(i / 48)}, EU",${start},${start},${i % 50},${i % 40},${(i % 100) + 0.5}%`,
      );
    }
    await s3.put(BUCKET, 'SFDC/Queue/day.csv', `\uFEFF${lines.join('\r\n')}\r\n`);
    emulator.resetApiUsage();
    const result = await handler({ Records: [s3Record('SFDC/Queue/day.csv')] }, context);
    expect(result.imported[0]).toMatchObject({ rows: 1000, upserted: 1000, created: 1000 });
    expect(emulator.apiUsage().byEndpoint).toEqual({ 'POST /composite': 1 });
    expect(
      emulator
        .records('amazonconnect__AC_HistoricalQueueMetrics__c')
        .filter((r) => String(r.amazonconnect__AC_Object_Name__c).endsWith(', EU')),
    ).toHaveLength(1000);
  });

  it('ignores objects outside the report prefixes or bucket without calling Salesforce', async () => {
    emulator.resetApiUsage();
    const other = s3Record('exports/other.csv');
    const notCsv = s3Record('SFDC/Queue/');
    const foreign = {
      ...s3Record(QUEUE_KEY),
      s3: { ...s3Record(QUEUE_KEY).s3, bucket: { name: 'someone-else' } },
    };
    const result = await handler({ Records: [other, foreign, notCsv] }, context);
    expect(result.imported).toEqual([]);
    expect(emulator.apiUsage().apiCalls).toBe(0);
  });

  it('reports rows Salesforce rejects, after writing the valid ones', async () => {
    const longName = `Queue ${'x'.repeat(300)}`;
    await s3.put(
      BUCKET,
      'SFDC/Queue/long.csv',
      `Queue,StartInterval,Contacts queued\r\n${longName},2026-11-28T12:00:00.000Z,1\r\nShort,2026-11-28T12:00:00.000Z,2\r\n`,
    );
    const run = handler({ Records: [s3Record('SFDC/Queue/long.csv')] }, context);
    await expect(run).rejects.toMatchObject({ name: 'HistoricalReport.RowsRejected' });
    const short = emulator
      .records('amazonconnect__AC_HistoricalQueueMetrics__c')
      .find((r) => r.amazonconnect__AC_Record_Id__c === 'Short2026-11-28T12:00:00.000Zeu-west-2');
    expect(short?.amazonconnect__Contacts_queued__c).toBe(2);
  });
});

describe('historical report import without namespace, global analytics on', () => {
  let emulator: SalesforceEmulator;
  let s3: LocalS3;
  let env: SalesforceEnvironment;

  beforeAll(async () => {
    emulator = await startSalesforceEmulator({ namespace: '', seed: false });
    s3 = await startLocalS3([BUCKET]);
    env = useSalesforceEmulator(emulator, {
      namespace: '',
      env: { CONNECT_REPORTING_BUCKET: BUCKET, AWS_REGION: 'eu-west-2', GLOBAL_ANALYTICS_ENABLED: 'true' },
    });
    await s3.put(BUCKET, QUEUE_KEY, fixture('queue-report.csv'));
  });

  afterAll(async () => {
    env?.restore();
    await emulator?.stop();
    await s3?.stop();
  });

  it('writes Region__c = global and ids without a region', async () => {
    const handler = createHandler({ s3: s3.client });
    await handler({ Records: [s3Record(QUEUE_KEY)] }, context);
    const rows = emulator.records('AC_HistoricalQueueMetrics__c');
    expect(rows).toHaveLength(5);
    expect(rows.every((r) => r.Region__c === 'global')).toBe(true);
    expect(rows.map((r) => r.AC_Record_Id__c)).toContain('SalesEUTier12026-11-28T10:00:00.000Z');
  });
});
