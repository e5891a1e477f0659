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
import type { PipelineReport } from '../../local/pipeline-report.js';
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
    // inbound + agentless + chat + two transfer legs, and the inbound call's CTR refresh.
    expect(new Set(report.contacts.map((contact) => contact.contactId)).size).toBe(5);
    expect(report.contacts).toHaveLength(6);
    expect(report.deadLettered).toHaveLength(1);
    expect(report.skipped.length).toBeGreaterThanOrEqual(2);
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
});
