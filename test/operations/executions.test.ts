import {
  DescribeExecutionCommand,
  GetExecutionHistoryCommand,
  ListExecutionsCommand,
  SFNClient,
} from '@aws-sdk/client-sfn';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { SfnExecutionSource } from '../../ops/aws/sfn-execution-source.js';
import { runExecutionsCli } from '../../ops/executions/executions-cli.js';
import { lineStreams } from '../support/command-streams.js';

const SM = 'arn:aws:states:us-east-1:123456789012:stateMachine:post-call';
const OK = '11111111-1111-4111-8111-111111111111';
const BAD = '22222222-2222-4222-8222-222222222222';
const sfnMock = mockClient(SFNClient);
const t = (s: number) => new Date(Date.UTC(2026, 10, 28, 10, 0, s));

beforeEach(() => {
  sfnMock.reset();
  sfnMock.on(ListExecutionsCommand).callsFake((input: { statusFilter?: string }) => ({
    executions: [
      {
        executionArn: `${SM}:${OK}`,
        stateMachineArn: SM,
        name: OK,
        status: 'SUCCEEDED',
        startDate: t(0),
        stopDate: t(4),
      },
      {
        executionArn: `${SM}:${BAD}`,
        stateMachineArn: SM,
        name: BAD,
        status: 'FAILED',
        startDate: t(1),
        stopDate: t(9),
      },
    ].filter((e) => e.status === input.statusFilter),
  }));
  sfnMock
    .on(DescribeExecutionCommand)
    .resolves({ input: JSON.stringify({ contactId: BAD }), status: 'FAILED', startDate: t(1) });
  sfnMock.on(GetExecutionHistoryCommand).resolves({
    events: [
      { id: 1, timestamp: t(1), type: 'ExecutionStarted' },
      {
        id: 2,
        previousEventId: 1,
        timestamp: t(2),
        type: 'TaskStateEntered',
        stateEnteredEventDetails: { name: 'Import contact into Salesforce' },
      },
      { id: 3, previousEventId: 2, timestamp: t(3), type: 'TaskScheduled' },
      {
        id: 4,
        previousEventId: 3,
        timestamp: t(8),
        type: 'TaskFailed',
        taskFailedEventDetails: {
          resourceType: 'lambda',
          resource: 'invoke',
          error: 'Salesforce.Request',
          cause: 'INVALID_FIELD: No such column Foo__c',
        },
      },
      {
        id: 5,
        previousEventId: 4,
        timestamp: t(9),
        type: 'ExecutionFailed',
        executionFailedEventDetails: {
          error: 'Salesforce.Request',
          cause: 'INVALID_FIELD: No such column Foo__c',
        },
      },
    ],
  });
});

const open = async () => new SfnExecutionSource(SM, new SFNClient({ region: 'us-east-1' }));

describe('npm run executions', () => {
  it('lists executions with duration, failed state and cause; reads history only for failures', async () => {
    const out: string[] = [];
    const code = await runExecutionsCli(
      ['--verbose'],
      open,
      lineStreams({ out: (l) => out.push(l), err: () => {} }),
    );
    expect(code).toBe(0);
    const text = out.join('\n');
    expect(text).toMatch(new RegExp(`${OK}\\s+${OK}\\s+SUCCEEDED\\s+4`));
    expect(text).toMatch(
      new RegExp(
        `${BAD}\\s+${BAD}\\s+FAILED\\s+8\\s+Import contact into Salesforce\\s+Salesforce.Request: INVALID_FIELD`,
      ),
    );
    expect(sfnMock).toHaveReceivedCommandTimes(GetExecutionHistoryCommand, 1);
  });

  it('fits 120 columns without --verbose, the contact id whole, the execution by its label', async () => {
    const out: string[] = [];
    expect(await runExecutionsCli([], open, lineStreams({ out: (l) => out.push(l), err: () => {} }))).toBe(0);
    for (const line of out) expect(line.length).toBeLessThanOrEqual(120);
    expect(out.join('\n')).toMatch(new RegExp(`${BAD}\\s+contact\\s+FAILED\\s+8\\s+Import contact`));
  });

  it('--json prints the rows as one JSON document', async () => {
    const out: string[] = [];
    expect(
      await runExecutionsCli(['--json'], open, lineStreams({ out: (l) => out.push(l), err: () => {} })),
    ).toBe(0);
    expect(out).toHaveLength(1);
    expect(JSON.parse(out[0] ?? '')).toMatchObject({
      executions: expect.arrayContaining([
        expect.objectContaining({
          contactId: BAD,
          status: 'FAILED',
          failedState: 'Import contact into Salesforce',
        }),
      ]),
    });
  });

  it('prints one contact as a timeline', async () => {
    const out: string[] = [];
    const code = await runExecutionsCli(
      ['--contact-id', BAD, '--verbose'],
      open,
      lineStreams({
        out: (l) => out.push(l),
        err: () => {},
      }),
    );
    expect(code).toBe(0);
    const text = out.join('\n');
    expect(text).toContain(`${BAD}  FAILED`);
    expect(text).toMatch(
      /TaskFailed\s+Import contact into Salesforce\s+→ Salesforce.Request: INVALID_FIELD: No such column Foo__c/,
    );
    expect(text).not.toContain(OK);
  });

  it('wraps a long cause of the timeline onto indented lines without --verbose', async () => {
    const out: string[] = [];
    const code = await runExecutionsCli(
      ['--contact-id', BAD],
      open,
      lineStreams({ out: (l) => out.push(l), err: () => {} }),
    );
    expect(code).toBe(0);
    for (const line of out) expect(line.length).toBeLessThanOrEqual(120);
    expect(out.join('\n')).toMatch(
      /TaskFailed\s+Import contact into Salesforce\s+→ Salesforce.Request:\s+INVALID_FIELD: No such column Foo__c/,
    );
  });

  it('says so when the contact has no execution', async () => {
    const err: string[] = [];
    const code = await runExecutionsCli(
      ['--contact-id', 'nope'],
      open,
      lineStreams({
        out: () => {},
        err: (l) => err.push(l),
      }),
    );
    expect(code).toBe(1);
    expect(err.join('')).toContain('no execution found for nope');
  });
});

describe('readableCause', () => {
  it("shows a Lambda task's error message instead of its JSON envelope", async () => {
    const { readableCause } = await import('../../ops/executions/list-executions.js');
    expect(
      readableCause(
        '{"errorType":"Salesforce.RateLimited","errorMessage":"REQUEST_LIMIT_EXCEEDED: TotalRequests Limit exceeded."}',
      ),
    ).toBe('REQUEST_LIMIT_EXCEEDED: TotalRequests Limit exceeded.');
    expect(readableCause('INVALID_FIELD: No such column')).toBe('INVALID_FIELD: No such column');
    expect(readableCause('{not json')).toBe('{not json');
  });
});
