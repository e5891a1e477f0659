/**
 * `npm start` as a user runs it (a child process: tsx local/start.ts), with the shipped samples and
 * with `--ctr FILE`.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import type { PipelineReport } from '../../local/runner/pipeline-report.js';
import { inboundCall } from './support.js';

const run = promisify(execFile);
const ROOT = new URL('../..', import.meta.url).pathname;
const directory = mkdtempSync(join(tmpdir(), 'npm-start-test-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

async function start(args: string[]): Promise<{ code: number; stdout: string }> {
  try {
    const { stdout } = await run(process.execPath, ['--import', 'tsx', 'local/start.ts', ...args], {
      cwd: ROOT,
      env: { ...process.env, POWERTOOLS_DEV: 'false' },
      maxBuffer: 10 * 1024 * 1024,
    });
    return { code: 0, stdout };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string };
    return { code: failed.code ?? 1, stdout: failed.stdout ?? '' };
  }
}

describe('npm start', () => {
  it('runs the samples green and prints the JSON report', async () => {
    const { code, stdout } = await start(['--json']);
    expect(code).toBe(0);
    const report = JSON.parse(stdout.trim().split('\n').at(-1) ?? '') as PipelineReport;
    expect(Object.keys(report)).toEqual(['contacts', 'deadLettered', 'skipped', 'salesforceApiCalls']);
    expect(Object.keys(report.contacts[0] ?? {})).toEqual([
      'contactId',
      'executionName',
      'status',
      'statesVisited',
      'salesforceRecords',
      'salesforceApiCalls',
    ]);
    expect(report.contacts.every((contact) => contact.status === 'SUCCEEDED')).toBe(true);
    // inbound (+ its CTR refresh), agentless, chat, the two transfer legs (more samples may follow).
    const inbound = '5c0b2a3e-8f41-4d6a-b7c9-1e2f3a4b5c61';
    const names = report.contacts.map((contact) => contact.executionName);
    expect(names).toEqual(
      expect.arrayContaining([
        inbound,
        '7d1e9c20-3a5b-4f8e-9c1d-2b3a4c5d6e72',
        '2f6a8b1c-9d0e-4a3b-8c7d-3e4f5a6b7c83',
        '8a9b0c1d-2e3f-4a5b-9c6d-4e5f6a7b8c94',
        '9b0c1d2e-3f4a-4b5c-8d7e-5f6a7b8c9da5',
      ]),
    );
    expect(names.filter((name) => name.startsWith(inbound))).toHaveLength(2);
    const inboundRecords = report.contacts.find(
      (contact) => contact.executionName === inbound,
    )?.salesforceRecords;
    expect(inboundRecords?.amazonconnect__AC_ContactTraceRecord__c).toHaveLength(1);
    expect(inboundRecords?.amazonconnect__AC_ContactChannelAnalytics__c).toHaveLength(1);
    expect(report.deadLettered).toHaveLength(1);
    expect(report.skipped.filter((skipped) => skipped.contactId === inbound)).toHaveLength(2);
    expect(report.salesforceApiCalls).toBe(
      report.contacts.reduce((sum, contact) => sum + contact.salesforceApiCalls, 0),
    );
  });

  it('--ctr FILE takes JSON lines; an invalid line is a malformed record', async () => {
    const file = join(directory, 'ctrs.jsonl');
    writeFileSync(file, `${JSON.stringify(inboundCall(7))}\nthis is not json\n`);
    const { code, stdout } = await start(['--ctr', file, '--json']);
    expect(code).toBe(0);
    const report = JSON.parse(stdout.trim()) as PipelineReport;
    expect(report.contacts.map((contact) => contact.status)).toEqual(['SUCCEEDED']);
    expect(report.deadLettered).toEqual([
      { reason: expect.stringContaining('json'), data: Buffer.from('this is not json').toString('base64') },
    ]);
  });

  it('--reject-field Object.Field gives the org a validation rule: the contact fails with its Cause', async () => {
    const file = join(directory, 'one.jsonl');
    writeFileSync(file, `${JSON.stringify(inboundCall(8))}\n`);
    const { code, stdout } = await start([
      '--ctr',
      file,
      '--reject-field',
      'AC_ContactTraceRecord__c.Attributes__c',
    ]);
    expect(code).toBe(1);
    // Lines longer than 120 columns are wrapped at a space, continued with an indent.
    expect(stdout.replace(/\n {4}/g, ' ')).toContain(
      `FAILED ${String(inboundCall(8).ContactId)}: Salesforce.Request {"errorType":"Salesforce.Request","errorMessage":"upsert amazonconnect__AC_ContactTraceRecord__c (composite) failed: FIELD_CUSTOM_VALIDATION_EXCEPTION: This org does not accept a value in Attributes__c. (fields: amazonconnect__Attributes__c)"}`,
    );
    const usage = await start(['--reject-field', 'Attributes__c']);
    expect(usage.code).toBe(2);
  });

  it('prints a table that fits 120 columns, then the metrics the functions published (read from their EMF)', async () => {
    const { code, stdout } = await start([]);
    expect(code).toBe(0);
    const lines = stdout.trimEnd().split('\n');
    for (const line of lines) expect(line.length, line).toBeLessThanOrEqual(120);
    expect(stdout).not.toContain('{"_aws"');
    const calls = Number(/^Salesforce API calls: (\d+)/m.exec(stdout)?.[1]);
    expect(calls).toBeGreaterThan(0);
    const metrics = lines.slice(lines.findIndex((line) => line.startsWith('Metrics the functions')));
    const perFunction = metrics
      .filter((line) => /^[a-z-]+ +\d+ /.test(line))
      .map((line) => Number(line.split(/ +/)[1]));
    expect(perFunction.length).toBeGreaterThanOrEqual(4);
    expect(perFunction.reduce((sum, value) => sum + value, 0)).toBe(calls);
    // The emulated org's allocation is 100 000 calls a day.
    const percent = Math.round((calls / 100_000) * 10_000) / 100;
    expect(metrics.at(-1)).toBe(
      `Salesforce API calls published: ${calls}; ${percent} % of the org's daily allocation used, ${100_000 - calls} calls left (newest reading).`,
    );
  });
});
