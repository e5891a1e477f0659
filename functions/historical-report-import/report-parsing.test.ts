import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ConfigurationError } from '../../shared/config/configuration-error.js';
import { namespacePrefix } from '../../shared/salesforce/namespace.js';
import { ReportEventError, ReportSettingsError } from './errors.js';
import { reportRecordId, stripQueueName } from './external-id.js';
import { fieldNameForHeader } from './header-mapping.js';
import { parseReportCsv } from './report-csv.js';
import { decodeS3EventKey, parseReportEvent } from './report-event.js';
import { reportCellValue, typedFieldValue } from './report-values.js';
import { readHistoricalImportSettings, reportKindOf } from './settings.js';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');

describe('parseReportEvent', () => {
  const s3Record = (key: string, eventName = 'ObjectCreated:Put') => ({
    eventVersion: '2.1',
    eventSource: 'aws:s3',
    awsRegion: 'eu-west-2',
    eventTime: '2026-11-28T10:31:02.114Z',
    eventName,
    s3: {
      s3SchemaVersion: '1.0',
      bucket: { name: 'connect-reports', arn: 'arn:aws:s3:::connect-reports' },
      object: { key, size: 1052 },
    },
  });

  it('returns every record of an S3 notification, keys decoded with + as space', () => {
    const refs = parseReportEvent({
      Records: [
        s3Record('SFDC/Queue/Queue+report+2026-11-28T10%3A30%3A00Z.csv'),
        s3Record('SFDC/Agent/Agent%2Breport%20%C3%BC.csv'),
      ],
    });
    expect(refs).toEqual([
      {
        bucket: 'connect-reports',
        key: 'SFDC/Queue/Queue report 2026-11-28T10:30:00Z.csv',
        eventTime: '2026-11-28T10:31:02.114Z',
      },
      {
        bucket: 'connect-reports',
        key: 'SFDC/Agent/Agent+report ü.csv',
        eventTime: '2026-11-28T10:31:02.114Z',
      },
    ]);
  });

  it('ignores records that are not object creations and the S3 test event', () => {
    expect(parseReportEvent({ Records: [s3Record('SFDC/Queue/a.csv', 'ObjectRemoved:Delete')] })).toEqual([]);
    expect(
      parseReportEvent({ Service: 'Amazon S3', Event: 's3:TestEvent', Bucket: 'connect-reports' }),
    ).toEqual([]);
  });

  it('reads the EventBridge "Object Created" shape, keeping a decoded alternative key', () => {
    const refs = parseReportEvent({
      version: '0',
      id: '17793124-05d4-b198-2fde-7ededc63b103',
      'detail-type': 'Object Created',
      source: 'aws.s3',
      account: '123456789012',
      time: '2026-11-28T10:31:03Z',
      region: 'eu-west-2',
      resources: ['arn:aws:s3:::connect-reports'],
      detail: {
        version: '0',
        bucket: { name: 'connect-reports' },
        object: {
          key: 'SFDC/Queue/Queue%20report.csv',
          size: 1052,
          etag: 'b1946ac92492d2347c6235b4d2611184',
        },
        reason: 'PutObject',
      },
    });
    expect(refs).toEqual([
      {
        bucket: 'connect-reports',
        key: 'SFDC/Queue/Queue%20report.csv',
        alternativeKey: 'SFDC/Queue/Queue report.csv',
        eventTime: '2026-11-28T10:31:03Z',
      },
    ]);
  });

  it('rejects unknown shapes and broken records with a typed error', () => {
    expect(() => parseReportEvent({ foo: 1 })).toThrow(ReportEventError);
    expect(() => parseReportEvent({ Records: [{ eventName: 'ObjectCreated:Put', s3: {} }] })).toThrow(
      /Records\[0\]/,
    );
    expect(() => decodeS3EventKey('bad%E0%A4%A')).toThrow(ReportEventError);
  });
});

describe('parseReportCsv', () => {
  it('handles the BOM, CRLF, quotes and commas inside names', () => {
    const report = parseReportCsv(fixture('queue-report.csv'));
    expect(report.headers[0]).toBe('Queue');
    expect(report.rows).toHaveLength(5);
    expect(report.rows[2]!.Queue).toBe('Support, "Premium"');
    expect(report.rows[2]!['Service level 20 seconds']).toBe('100%');
    expect(report.rows[4]!.Queue).toBe('Café Übersee');
  });

  it('keeps short rows with empty cells and skips blank lines', () => {
    const report = parseReportCsv('Queue,StartInterval,Contacts handled\n\nSales,2026-11-28T10:00:00.000Z\n');
    expect(report.rows).toEqual([
      { Queue: 'Sales', StartInterval: '2026-11-28T10:00:00.000Z', 'Contacts handled': '' },
    ]);
  });

  it('fails on malformed CSV', () => {
    expect(() => parseReportCsv('Queue,StartInterval\n"Sales,2026\n')).toThrow(/Quote|quote|EOF/);
    expect(() => parseReportCsv('')).toThrow(/header/);
  });
});

describe('fieldNameForHeader', () => {
  it.each([
    ['Queue', 'queue', 'amazonconnect__AC_Object_Name__c'],
    ['\uFEFFAgent', 'agent', 'amazonconnect__AC_Object_Name__c'],
    ['Agent', 'queue', 'amazonconnect__Agent__c'],
    ['StartInterval', 'queue', 'amazonconnect__StartInterval__c'],
    [
      'Average agent interaction and customer hold time',
      'queue',
      'amazonconnect__Avg_agent_interaction_and_cust_hold_time__c',
    ],
    [
      'Agent non-response without customer abandons',
      'agent',
      'amazonconnect__Agent_non_response_without_cust_abandons__c',
    ],
    [
      'Contacts handled (connected to agent timestamp)',
      'queue',
      'amazonconnect__Contacts_handled_conn_to_agent_timestamp__c',
    ],
    [
      'Contacts handled (on connected to agent timestamp)',
      'agent',
      'amazonconnect__Contacts_handled_conn_to_agent_timestamp__c',
    ],
    ['Non-Productive Time', 'agent', 'amazonconnect__Nonproductive_time__c'],
    [
      'Contacts transferred out (from queue)',
      'queue',
      'amazonconnect__Contacts_transferred_out_from_queue__c',
    ],
    ['Agent non-response', 'agent', 'amazonconnect__Agent_non_response__c'],
  ] as const)('%s (%s report) → %s', (header, kind, field) => {
    expect(fieldNameForHeader(header, kind, 'amazonconnect__')).toBe(field);
  });

  it('adds no namespace when there is none', () => {
    expect(fieldNameForHeader('Service level 20 seconds', 'queue', '')).toBe('Service_level_20_seconds__c');
  });
});

describe('values and external ids', () => {
  it('removes % and turns empty cells into null', () => {
    expect(reportCellValue('85.71%')).toBe('85.71');
    expect(reportCellValue('')).toBeNull();
    expect(reportCellValue('%')).toBeNull();
  });

  it('types values by the field type', () => {
    expect(typedFieldValue('85.71', 'double')).toBe(85.71);
    expect(typedFieldValue('-3', 'int')).toBe(-3);
    expect(typedFieldValue('00:01:10', 'double')).toBe('00:01:10');
    expect(typedFieldValue('12,5', 'double')).toBe('12,5');
    expect(typedFieldValue('TRUE', 'boolean')).toBe(true);
    expect(typedFieldValue('42', 'string')).toBe('42');
    expect(typedFieldValue(null, 'double')).toBeNull();
  });

  it('strips queue names like Python re.sub(r"[-\\s\\W]+", "", name), keeping letters of any script', () => {
    expect(stripQueueName('Sales - EU (Tier 1)')).toBe('SalesEUTier1');
    expect(stripQueueName('Support, "Premium"')).toBe('SupportPremium');
    expect(stripQueueName('Billing/Payments #2 ?')).toBe('BillingPayments2');
    expect(stripQueueName('Café Übersee_2')).toBe('CaféÜbersee_2');
    expect(stripQueueName('東京 サポート')).toBe('東京サポート');
  });

  it('derives ids like the original: stripped queue names, raw agent names, region appended', () => {
    const interval = '2026-11-28T10:00:00.000Z';
    expect(reportRecordId('queue', 'Sales - EU (Tier 1)', interval, 'eu-west-2')).toBe(
      'SalesEUTier12026-11-28T10:00:00.000Zeu-west-2',
    );
    expect(reportRecordId('agent', "o'brien/ops #7", interval, '')).toBe(
      "o'brien/ops #72026-11-28T10:00:00.000Z",
    );
  });
});

describe('settings', () => {
  it('applies the namespace rule and defaults', () => {
    expect(namespacePrefix(undefined)).toBe('amazonconnect__');
    expect(namespacePrefix('-')).toBe('');
    expect(namespacePrefix(' ')).toBe('');
    const settings = readHistoricalImportSettings({
      AWS_REGION: 'eu-west-2',
      GLOBAL_ANALYTICS_ENABLED: 'True',
    });
    expect(settings.globalAnalytics).toBe(true);
    expect(reportKindOf('SFDC/Queue/x.csv', settings.prefixes)).toBe('queue');
    expect(reportKindOf('SFDC/Agent/x.csv', settings.prefixes)).toBe('agent');
    expect(reportKindOf('other/x.csv', settings.prefixes)).toBeUndefined();
  });

  it('accepts configured prefixes, longest first', () => {
    const settings = readHistoricalImportSettings({
      AWS_REGION: 'eu-west-2',
      HISTORICAL_QUEUE_REPORT_PREFIXES: 'reports/q, /reports/queues-eu',
      HISTORICAL_AGENT_REPORT_PREFIXES: 'reports/queues-eu/agents',
    });
    expect(reportKindOf('reports/queues-eu/agents/a.csv', settings.prefixes)).toBe('agent');
    expect(reportKindOf('reports/queues-eu/a.csv', settings.prefixes)).toBe('queue');
    expect(reportKindOf('SFDC/Queue/a.csv', settings.prefixes)).toBeUndefined();
  });

  it('fails under its own name, a ConfigurationError naming the variable', () => {
    for (const [env, setting] of [
      [{}, 'AWS_REGION'],
      [
        { AWS_REGION: 'eu-west-2', HISTORICAL_QUEUE_REPORT_PREFIXES: ' , /' },
        'HISTORICAL_QUEUE_REPORT_PREFIXES',
      ],
      [{ AWS_REGION: 'eu-west-2', SF_COLLECTIONS_PER_REQUEST: '6' }, 'SF_COLLECTIONS_PER_REQUEST'],
    ] as const) {
      expect(() => readHistoricalImportSettings(env)).toThrow(ReportSettingsError);
      expect(() => readHistoricalImportSettings(env)).toThrow(ConfigurationError);
      expect(() => readHistoricalImportSettings(env)).toThrow(
        expect.objectContaining({ name: 'HistoricalReport.Config', setting }),
      );
    }
    expect(
      readHistoricalImportSettings({ AWS_REGION: 'eu-west-2', SF_COLLECTIONS_PER_REQUEST: '2' }),
    ).toMatchObject({
      collectionsPerRequest: 2,
      reportingBucket: '',
      globalAnalytics: false,
    });
  });
});
