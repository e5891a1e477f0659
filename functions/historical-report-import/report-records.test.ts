import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { DescribeField } from '../../shared/salesforce/types.js';
import { MissingStartIntervalError, ReportFormatError, ReportObjectSchemaError } from './errors.js';
import { ObjectFields } from './object-fields.js';
import { parseReportCsv } from './report-csv.js';
import { buildReportRecords, type ReportRecordContext } from './report-records.js';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');

function objectWith(sobject: string, names: string[], types: Record<string, string> = {}): ObjectFields {
  const fields: DescribeField[] = names.map((name) => ({ name, type: types[name] ?? 'double' }));
  return new ObjectFields({ name: sobject, fields });
}

const ns = 'amazonconnect__';
const queueObject = (withRegion: boolean) =>
  objectWith(
    `${ns}AC_HistoricalQueueMetrics__c`,
    [
      'Id',
      `${ns}AC_Record_Id__c`,
      `${ns}AC_Object_Name__c`,
      `${ns}StartInterval__c`,
      `${ns}EndInterval__c`,
      `${ns}Created_Date__c`,
      ...(withRegion ? [`${ns}Region__c`] : []),
      `${ns}Contacts_queued__c`,
      `${ns}Service_level_20_seconds__c`,
      `${ns}Avg_agent_interaction_and_cust_hold_time__c`,
      `${ns}Contacts_handled_conn_to_agent_timestamp__c`,
    ],
    {
      [`${ns}AC_Record_Id__c`]: 'string',
      [`${ns}AC_Object_Name__c`]: 'string',
      [`${ns}StartInterval__c`]: 'string',
      [`${ns}EndInterval__c`]: 'string',
      [`${ns}Created_Date__c`]: 'datetime',
      [`${ns}Region__c`]: 'string',
    },
  );

const context = (
  fields: ObjectFields,
  overrides: Partial<ReportRecordContext> = {},
): ReportRecordContext => ({
  kind: 'queue',
  fields,
  namespacePrefix: ns,
  region: 'eu-west-2',
  globalAnalytics: false,
  eventTime: '2026-11-28T10:31:02.114Z',
  bucket: 'connect-reports',
  key: 'SFDC/Queue/report.csv',
  ...overrides,
});

describe('buildReportRecords', () => {
  it('maps a queue report onto the fields the object has, with region and typed values', () => {
    const built = buildReportRecords(parseReportCsv(fixture('queue-report.csv')), context(queueObject(true)));
    expect(built.externalIdField).toBe(`${ns}AC_Record_Id__c`);
    expect(built.records).toHaveLength(5);
    expect(built.records[0]!.record).toEqual({
      attributes: { type: `${ns}AC_HistoricalQueueMetrics__c` },
      [`${ns}AC_Object_Name__c`]: 'Sales - EU (Tier 1)',
      [`${ns}StartInterval__c`]: '2026-11-28T10:00:00.000Z',
      [`${ns}EndInterval__c`]: '2026-11-28T10:30:00.000Z',
      [`${ns}Contacts_queued__c`]: 42,
      [`${ns}Service_level_20_seconds__c`]: 85.71,
      [`${ns}Avg_agent_interaction_and_cust_hold_time__c`]: 301.25,
      [`${ns}Contacts_handled_conn_to_agent_timestamp__c`]: 38,
      [`${ns}AC_Record_Id__c`]: 'SalesEUTier12026-11-28T10:00:00.000Zeu-west-2',
      [`${ns}Created_Date__c`]: '2026-11-28T10:31:02.114Z',
      [`${ns}Region__c`]: 'eu-west-2',
    });
    expect(built.records[4]!.record[`${ns}Service_level_20_seconds__c`]).toBeNull();
    expect(built.skippedColumns).toContain('Average active time');
    expect(built.skippedColumns).toContain('Contacts handled');
    expect(built.metricColumns).toBe(5);
    expect(built.failures).toEqual([]);
  });

  it('leaves Region__c out and the id without region when the object has no Region__c', () => {
    const built = buildReportRecords(
      parseReportCsv(fixture('queue-report.csv')),
      context(queueObject(false)),
    );
    const record = built.records[0]!.record;
    expect(Object.keys(record).some((k) => k.endsWith('Region__c'))).toBe(false);
    expect(built.records[0]!.externalId).toBe('SalesEUTier12026-11-28T10:00:00.000Z');
  });

  it('writes Region__c = global and no region suffix with global analytics (v5.27)', () => {
    const built = buildReportRecords(
      parseReportCsv(fixture('queue-report.csv')),
      context(queueObject(true), { globalAnalytics: true }),
    );
    expect(built.records[0]!.record[`${ns}Region__c`]).toBe('global');
    expect(built.records[0]!.externalId).toBe('SalesEUTier12026-11-28T10:00:00.000Z');
  });

  it('keeps agent names raw in the id', () => {
    const agentObject = objectWith(
      'AC_AgentPerformance__c',
      ['AC_Record_Id__c', 'AC_Object_Name__c', 'StartInterval__c', 'Nonproductive_time__c', 'Occupancy__c'],
      { AC_Record_Id__c: 'string', AC_Object_Name__c: 'string', StartInterval__c: 'string' },
    );
    const built = buildReportRecords(
      parseReportCsv(fixture('agent-report.csv')),
      context(agentObject, { kind: 'agent', namespacePrefix: '', key: 'SFDC/Agent/a.csv' }),
    );
    expect(built.records.map((r) => r.externalId)).toEqual([
      'jane.doe@example.com2026-11-28T10:00:00.000Z',
      "o'brien/ops #72026-11-28T10:00:00.000Z",
      'Müller, José2026-11-28T10:00:00.000Z',
      'chen wei+support2026-11-28T10:30:00.000Z',
    ]);
    expect(built.records[1]!.record.Nonproductive_time__c).toBe(300);
    expect(built.records[1]!.record.Occupancy__c).toBe(60);
  });

  it('names the report setting when there is no StartInterval column', () => {
    const build = () =>
      buildReportRecords(
        parseReportCsv(fixture('queue-report-without-interval.csv')),
        context(queueObject(true)),
      );
    expect(build).toThrow(MissingStartIntervalError);
    expect(build).toThrow(/"StartInterval" column.*Groupings.*"Interval"/s);
  });

  it('fails clearly without a name column or without the external id field', () => {
    const report = parseReportCsv('Agent,StartInterval\njane,2026-11-28T10:00:00.000Z\n');
    expect(() => buildReportRecords(report, context(queueObject(true)))).toThrow(ReportFormatError);
    const noExternalId = objectWith('AC_HistoricalQueueMetrics__c', ['AC_Object_Name__c']);
    expect(() => buildReportRecords(report, context(noExternalId))).toThrow(ReportObjectSchemaError);
  });

  it('reports rows without name or interval and keeps the last of rows sharing an id', () => {
    const report = parseReportCsv(
      [
        'Queue,StartInterval,Contacts queued',
        'Sales EU,2026-11-28T10:00:00.000Z,1',
        ',2026-11-28T10:00:00.000Z,2',
        'Sales-EU,2026-11-28T10:00:00.000Z,3',
        'Sales EU,,4',
      ].join('\n'),
    );
    const built = buildReportRecords(report, context(queueObject(true)));
    expect(built.records).toHaveLength(1);
    expect(built.records[0]!.record[`${ns}Contacts_queued__c`]).toBe(3);
    expect(built.duplicateRows).toBe(1);
    expect(built.failures.map((f) => f.row)).toEqual([2, 4]);
  });
});
