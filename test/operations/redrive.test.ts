import {
  DescribeExecutionCommand,
  ExecutionAlreadyExists,
  ExecutionNotRedrivable,
  ListExecutionsCommand,
  RedriveExecutionCommand,
  SFNClient,
  StartExecutionCommand,
} from '@aws-sdk/client-sfn';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { SfnExecutionSource } from '../../ops/aws/sfn-execution-source.js';
import { redriveExecutions } from '../../ops/redrive/redrive.js';
import { runRedriveCli } from '../../ops/redrive/redrive-cli.js';
import { lineStreams } from '../support/command-streams.js';

const SM = 'arn:aws:states:us-east-1:123456789012:stateMachine:post-call';
const NOW = new Date('2026-11-28T12:00:00Z');
const sfnMock = mockClient(SFNClient);
const noSleep = { sleep: async () => {}, random: () => 0 };

function contactId(i: number): string {
  return `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
}
function arnOf(name: string): string {
  return `arn:aws:states:us-east-1:123456789012:execution:post-call:${name}`;
}
function nameFromArn(arn: string): string {
  return arn.split(':').at(-1) ?? '';
}

/** A fake Step Functions holding `count` FAILED executions, served in pages of `pageSize`. */
function seedFailedExecutions(count: number, pageSize: number, stoppedAt = new Date('2026-11-27T10:00:00Z')) {
  const executions = Array.from({ length: count }, (_, i) => ({
    executionArn: arnOf(contactId(i)),
    stateMachineArn: SM,
    name: contactId(i),
    status: 'FAILED' as const,
    startDate: new Date(stoppedAt.getTime() - 60_000 - i * 1000),
    stopDate: new Date(stoppedAt.getTime() - i * 1000),
  }));
  sfnMock.on(ListExecutionsCommand).callsFake((input: { statusFilter?: string; nextToken?: string }) => {
    if (input.statusFilter !== 'FAILED') return { executions: [] };
    const start = input.nextToken ? Number(input.nextToken) : 0;
    const next = start + pageSize;
    return {
      executions: executions.slice(start, next),
      nextToken: next < executions.length ? String(next) : undefined,
    };
  });
  sfnMock.on(DescribeExecutionCommand).callsFake((input: { executionArn: string }) => {
    const execution = executions.find((e) => e.executionArn === input.executionArn);
    const stoppedDaysAgo = execution ? (NOW.getTime() - execution.stopDate.getTime()) / 86_400_000 : 0;
    return {
      ...execution,
      input: JSON.stringify({ contactId: nameFromArn(input.executionArn), kind: 'full' }),
      redriveStatus: stoppedDaysAgo > 14 ? 'NOT_REDRIVABLE' : 'REDRIVABLE',
      redriveStatusReason: stoppedDaysAgo > 14 ? 'Execution redrivable period exceeded' : undefined,
    };
  });
  return executions;
}

beforeEach(() => sfnMock.reset());

describe('redriveExecutions', () => {
  it('redrives all 250 failed executions over 3 pages within the concurrency bound', async () => {
    seedFailedExecutions(250, 100);
    let inFlight = 0;
    let maxInFlight = 0;
    sfnMock.on(RedriveExecutionCommand).callsFake(async () => {
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      await new Promise((resolve) => setTimeout(resolve, 2));
      inFlight--;
      return { redriveDate: NOW };
    });
    const source = new SfnExecutionSource(SM, new SFNClient({ region: 'us-east-1' }), noSleep);
    const report = await redriveExecutions(source, {
      filter: { statuses: ['FAILED'] },
      concurrency: 7,
      now: () => NOW,
    });

    expect(report.failed).toBe(0);
    expect(report.results).toHaveLength(250);
    expect(report.results.every((r) => r.action === 'redrive' && r.outcome === 'done')).toBe(true);
    expect(sfnMock).toHaveReceivedCommandTimes(ListExecutionsCommand, 3);
    expect(sfnMock).toHaveReceivedCommandTimes(RedriveExecutionCommand, 250);
    expect(
      new Set(sfnMock.commandCalls(RedriveExecutionCommand).map((c) => c.args[0].input.executionArn)).size,
    ).toBe(250);
    expect(maxInFlight).toBeLessThanOrEqual(7);
    expect(maxInFlight).toBeGreaterThan(1);
    expect(sfnMock).not.toHaveReceivedCommand(StartExecutionCommand);
  });

  it('restarts a 15-day-old execution with its original input under <ContactId>-r1', async () => {
    const [old] = seedFailedExecutions(1, 100, new Date(NOW.getTime() - 15 * 86_400_000));
    sfnMock.on(StartExecutionCommand).resolves({ executionArn: arnOf(`${old?.name}-r1`), startDate: NOW });
    const source = new SfnExecutionSource(SM, new SFNClient({ region: 'us-east-1' }), noSleep);
    const report = await redriveExecutions(source, { filter: { statuses: ['FAILED'] }, now: () => NOW });

    expect(report.results[0]).toMatchObject({
      action: 'restart',
      newExecution: `${old?.name}-r1`,
      outcome: 'done',
    });
    expect(sfnMock).not.toHaveReceivedCommand(RedriveExecutionCommand);
    expect(sfnMock).toHaveReceivedCommandWith(StartExecutionCommand, {
      stateMachineArn: SM,
      name: `${old?.name}-r1`,
      input: JSON.stringify({ contactId: old?.name, kind: 'full' }),
    });
  });

  it('picks the next free restart name when -r1 exists, and falls back to a restart when redrive is refused', async () => {
    const [execution] = seedFailedExecutions(1, 100);
    sfnMock
      .on(RedriveExecutionCommand)
      .rejects(new ExecutionNotRedrivable({ message: 'not redrivable', $metadata: {} }));
    sfnMock
      .on(StartExecutionCommand)
      .rejectsOnce(new ExecutionAlreadyExists({ message: 'exists', $metadata: {} }))
      .resolves({ executionArn: arnOf(`${execution?.name}-r2`), startDate: NOW });
    const source = new SfnExecutionSource(SM, new SFNClient({ region: 'us-east-1' }), noSleep);
    const report = await redriveExecutions(source, { filter: { statuses: ['FAILED'] }, now: () => NOW });
    expect(report.results[0]).toMatchObject({
      action: 'restart',
      newExecution: `${execution?.name}-r2`,
      outcome: 'done',
    });
  });

  it('--dry-run changes nothing', async () => {
    seedFailedExecutions(5, 2);
    const source = new SfnExecutionSource(SM, new SFNClient({ region: 'us-east-1' }), noSleep);
    const report = await redriveExecutions(source, {
      filter: { statuses: ['FAILED'] },
      dryRun: true,
      now: () => NOW,
    });
    expect(report.results.map((r) => r.outcome)).toEqual(Array(5).fill('dry-run'));
    expect(sfnMock).not.toHaveReceivedCommand(RedriveExecutionCommand);
    expect(sfnMock).not.toHaveReceivedCommand(StartExecutionCommand);
  });

  it('retries throttled calls with backoff', async () => {
    seedFailedExecutions(3, 100);
    const throttled = Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' });
    sfnMock
      .on(RedriveExecutionCommand)
      .rejectsOnce(throttled)
      .rejectsOnce(throttled)
      .resolves({ redriveDate: NOW });
    const source = new SfnExecutionSource(
      SM,
      new SFNClient({ region: 'us-east-1', maxAttempts: 1 }),
      noSleep,
    );
    const report = await redriveExecutions(source, {
      filter: { statuses: ['FAILED'] },
      concurrency: 1,
      now: () => NOW,
    });
    expect(report.failed).toBe(0);
    expect(sfnMock).toHaveReceivedCommandTimes(RedriveExecutionCommand, 5);
  });

  it('only touches the named contacts and the time window', async () => {
    const executions = seedFailedExecutions(10, 4);
    sfnMock.on(RedriveExecutionCommand).resolves({ redriveDate: NOW });
    const source = new SfnExecutionSource(SM, new SFNClient({ region: 'us-east-1' }), noSleep);
    const target = executions[3]?.name ?? '';
    const byContact = await redriveExecutions(source, {
      filter: { statuses: ['FAILED'] },
      contactIds: [target],
      now: () => NOW,
    });
    expect(byContact.results.map((r) => r.contactId)).toEqual([target]);

    sfnMock.resetHistory();
    const since = executions[4]?.startDate;
    const windowed = await redriveExecutions(source, {
      filter: { statuses: ['FAILED'], since },
      dryRun: true,
      now: () => NOW,
    });
    expect(windowed.results).toHaveLength(5);
    // Newest first: paging stops once the window is passed (pages of 4: the second page ends it).
    expect(sfnMock).toHaveReceivedCommandTimes(ListExecutionsCommand, 2);
  });
});

describe('npm run redrive', () => {
  it('reports a redrive that fails and exits non-zero', async () => {
    seedFailedExecutions(3, 100);
    sfnMock
      .on(RedriveExecutionCommand)
      .resolves({ redriveDate: NOW })
      .on(RedriveExecutionCommand, { executionArn: arnOf(contactId(1)) })
      .rejects(Object.assign(new Error('boom'), { name: 'ExecutionLimitExceeded' }));
    const out: string[] = [];
    const err: string[] = [];
    const code = await runRedriveCli(
      ['--status', 'FAILED', '--concurrency', '2'],
      async () => new SfnExecutionSource(SM, new SFNClient({ region: 'us-east-1' }), noSleep),
      lineStreams({ out: (l) => out.push(l), err: (l) => err.push(l) }),
    );
    expect(code).toBe(1);
    const table = out.join('\n');
    expect(table).toMatch(/contact\s+old status\s+action\s+new execution\s+result/);
    expect(table).toContain(`failed: ExecutionLimitExceeded: boom`);
    expect(table).toContain('3 execution(s) matched, 2 handled, 1 failed');
    expect(err.filter((l) => l.startsWith('['))).toHaveLength(3);
  });

  it('rejects bad options with exit code 2', async () => {
    const err: string[] = [];
    const code = await runRedriveCli(
      ['--status', 'BROKEN'],
      async () => {
        throw new Error('must not open a source');
      },
      lineStreams({ out: () => {}, err: (l) => err.push(l) }),
    );
    expect(code).toBe(2);
    expect(err.join('\n')).toContain('unknown status "BROKEN"');
  });
});
