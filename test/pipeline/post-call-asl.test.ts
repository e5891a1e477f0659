/**
 * The post-call state machine itself: the real ASL file, validated by asl-validator and run by
 * aws-local-stepfunctions through the local runner. The Lambda tasks are answered by small
 * scripted handlers here, to drive routing, Retry, failure causes and redrive precisely; the
 * acceptance tests (pipeline-*.test.ts) run the same ASL with the real handlers.
 */
import { readFileSync } from 'node:fs';
import aslValidator from 'asl-validator';
import { describe, expect, it } from 'vitest';
import { plannedBranches } from '../../functions/contact-import/planned-branches.js';
import type { ContactImportEvent } from '../../functions/contact-import/types.js';
import { writeLeaseMs } from '../../functions/contact-import/write-lease.js';
import { POST_CALL_DEFINITION_FILE, PostCallRunner } from '../../local/runner/post-call-runner.js';
import type { ContactPlan, PostCallExecutionInput } from '../../shared/ctr/execution-input.js';
import {
  SalesforceAuthError,
  SalesforceRateLimitedError,
  SalesforceRequestError,
  SalesforceTransientError,
} from '../../shared/salesforce/errors.js';
import { contactPlan } from '../support/contact-plan.js';

const CONTACT = '11111111-2222-4333-8444-555555555555';

function plan(overrides: Partial<ContactPlan> = {}): ContactPlan {
  return contactPlan({ recordingLocation: 'bucket/connect/x.wav', ...overrides });
}

function input(overrides: Partial<PostCallExecutionInput> = {}): string {
  return JSON.stringify({
    contactId: CONTACT,
    lastUpdateTimestamp: '2026-11-28T10:00:00Z',
    kind: 'full',
    plan: plan(),
    ctr: { ContactId: CONTACT, Channel: 'VOICE' },
    ...overrides,
  });
}

interface Calls {
  imports: unknown[];
  uploads: unknown[];
}

function runnerWith(
  importer: (event: unknown, attempt: number) => unknown,
  uploader: (event: unknown, attempt: number) => unknown = () => ({
    status: 'uploaded',
    contentVersionId: '068x',
  }),
): { runner: PostCallRunner; calls: Calls } {
  const calls: Calls = { imports: [], uploads: [] };
  const runner = new PostCallRunner({
    lambdaHandlers: {
      ContactImportFunctionArn: async (event: unknown) => {
        calls.imports.push(event);
        const result = (await importer(event, calls.imports.length)) as typeof imported;
        // The branches are decided as the real contact import decides them.
        const { contactId, kind, plan, ctr } = event as ContactImportEvent;
        return { ...result, branches: plannedBranches({ contactId, kind, plan, ctr, ...result }) };
      },
      RecordingUploadFunctionArn: async (event: unknown) => {
        calls.uploads.push(event);
        return uploader(event, calls.uploads.length);
      },
    },
    defaultRetryIntervalMs: 0,
  });
  return { runner, calls };
}

const imported = {
  ctrRecordId: 'a0A000000000001AAA',
  analyticsRecordId: 'a0B000000000001AAA',
  recordingLocation: 'bucket/connect/x.wav',
  ctrImport: 'imported',
  oversizeFields: [],
};

describe('post-call.asl.json', () => {
  const definition = JSON.parse(readFileSync(POST_CALL_DEFINITION_FILE, 'utf8')) as {
    States: Record<string, Record<string, unknown>>;
  };

  it('is valid ASL (asl-validator, paths and ARNs checked)', () => {
    const { isValid, errors } = aslValidator(definition, { checkPaths: true, checkArn: true });
    expect(errors).toEqual([]);
    expect(isValid).toBe(true);
  });

  it('invokes every Lambda through lambda:invoke with a substituted ARN, and retries Salesforce and Lambda service errors with jitter', () => {
    const tasks: Array<[string, Record<string, unknown>]> = [];
    const walk = (states: Record<string, Record<string, unknown>>): void => {
      for (const [name, state] of Object.entries(states)) {
        if (state.Type === 'Task') tasks.push([name, state]);
        for (const branch of (state.Branches as Array<{ States: Record<string, Record<string, unknown>> }>) ??
          []) {
          walk(branch.States);
        }
      }
    };
    walk(definition.States);
    expect(tasks.map(([name]) => name)).toEqual(
      expect.arrayContaining(['Import contact trace record and recording', 'Upload recording to Salesforce']),
    );
    for (const [name, task] of tasks.filter(([, t]) => t.Resource === 'arn:aws:states:::lambda:invoke')) {
      const parameters = task.Parameters as Record<string, unknown>;
      expect(parameters.FunctionName, name).toMatch(/^\$\{[A-Za-z]+FunctionArn\}$/);
      expect(parameters.Payload, name).toBeTypeOf('object');
      expect(JSON.stringify(task.ResultSelector), name).toContain('$.Payload.');
      const retry = task.Retry as Array<{
        ErrorEquals: string[];
        JitterStrategy?: string;
        MaxDelaySeconds?: number;
        IntervalSeconds: number;
      }>;
      const retried = retry.flatMap((retrier) => retrier.ErrorEquals);
      for (const error of [
        'Salesforce.Transient',
        'Salesforce.RateLimited',
        'Lambda.ServiceException',
        'Lambda.AWSLambdaException',
        'Lambda.SdkClientException',
        'Lambda.TooManyRequestsException',
      ]) {
        expect(retried, `${name} retries ${error}`).toContain(error);
      }
      expect(retried, name).not.toContain('States.ALL');
      for (const retrier of retry) {
        // A single retry after a fixed pause (Salesforce.Auth) has nothing to spread out; a busy
        // contact waits out a lease of known length, which random pauses could cut short.
        const waitsOutLease = retrier.ErrorEquals.includes('PostCall.ContactBusy');
        if ((retrier as { MaxAttempts?: number }).MaxAttempts !== 1 && !waitsOutLease)
          expect(retrier.JitterStrategy).toBe('FULL');
        expect(retrier.MaxDelaySeconds).toBeGreaterThan(0);
      }
      const rateLimited = retry.find((retrier) => retrier.ErrorEquals.includes('Salesforce.RateLimited'));
      const transient = retry.find((retrier) => retrier.ErrorEquals.includes('Salesforce.Transient'));
      expect(rateLimited?.IntervalSeconds).toBeGreaterThan(
        transient?.IntervalSeconds ?? Number.POSITIVE_INFINITY,
      );
    }
  });

  it('retries ContactBusy for longer than the longest version fence lease, whatever the jitter', () => {
    const definition = JSON.parse(readFileSync(POST_CALL_DEFINITION_FILE, 'utf8')) as {
      States: Record<string, { TimeoutSeconds: number; Retry: Array<Record<string, unknown>> }>;
    };
    const task = definition.States['Import contact trace record and recording'];
    const busy = task.Retry.find((retrier) =>
      (retrier.ErrorEquals as string[]).includes('PostCall.ContactBusy'),
    );
    expect(busy?.JitterStrategy).toBe('NONE');
    const { IntervalSeconds, BackoffRate, MaxAttempts, MaxDelaySeconds } = busy as Record<string, number>;
    let pausesMs = 0;
    for (let k = 0; k < MaxAttempts; k++)
      pausesMs += Math.min(IntervalSeconds * BackoffRate ** k, MaxDelaySeconds) * 1000;
    // The task timeout bounds the function's: no invocation can hold a longer lease than this.
    expect(pausesMs).toBeGreaterThan(writeLeaseMs(task.TimeoutSeconds * 1000));
  });

  it('a CTR-only contact visits only the import and the end, and the output says why each branch was skipped', async () => {
    const { runner, calls } = runnerWith(() => ({ ...imported, analyticsRecordId: null }));
    const ctrOnly = plan({ recordingImport: false, recordingLocation: null });
    runner.startExecution({ name: CONTACT, input: input({ plan: ctrOnly }) });
    const execution = await runner.wait(CONTACT);

    expect(execution.status).toBe('SUCCEEDED');
    expect(calls.imports).toEqual([
      {
        contactId: CONTACT,
        kind: 'full',
        plan: ctrOnly,
        ctr: { ContactId: CONTACT, Channel: 'VOICE' },
        // The claimant of the contact's version fence: the same across Retry and redrive.
        executionId: execution.executionArn,
      },
    ]);
    expect(calls.uploads).toEqual([]);
    expect(execution.statesVisited).toEqual([
      'Import contact trace record and recording',
      'Next step after import?',
      'Summarise contact',
    ]);
    expect(JSON.parse(execution.output ?? 'null')).toEqual({
      contactId: CONTACT,
      kind: 'full',
      ctrRecordId: imported.ctrRecordId,
      ctrImport: 'imported',
      oversizeFields: [],
      analyticsRecordId: null,
      branches: {
        recordingUpload: { status: 'notPlanned', reason: 'recording upload not requested' },
        transcription: { status: 'notPlanned', reason: 'transcription not requested' },
        contactLens: { status: 'notPlanned', reason: 'Contact Lens import not requested' },
      },
    });
  });

  it('a CTR + recording-path contact ends right after the import too', async () => {
    const { runner } = runnerWith(() => imported);
    runner.startExecution({ name: CONTACT, input: input() });
    const execution = await runner.wait(CONTACT);
    expect(execution.status).toBe('SUCCEEDED');
    expect(execution.statesVisited).toEqual([
      'Import contact trace record and recording',
      'Next step after import?',
      'Summarise contact',
    ]);
    expect(JSON.parse(execution.output ?? '{}').analyticsRecordId).toBe(imported.analyticsRecordId);
  });

  it('skips a planned branch the contact cannot run, and says why', async () => {
    const { runner, calls } = runnerWith(() => ({ ...imported, recordingLocation: null }));
    runner.startExecution({
      name: CONTACT,
      input: input({ plan: plan({ recordingUpload: true, contactLens: true, recordingLocation: null }) }),
    });
    const execution = await runner.wait(CONTACT);
    expect(execution.status).toBe('SUCCEEDED');
    expect(calls.uploads).toEqual([]);
    expect(execution.statesVisited).toHaveLength(3);
    expect(JSON.parse(execution.output ?? '{}').branches).toMatchObject({
      recordingUpload: { status: 'notPlanned', reason: 'no recording in S3 for this contact' },
      contactLens: {
        status: 'notPlanned',
        reason: 'no agent took the contact: Contact Lens has nothing to analyse',
      },
    });
  });

  it('uploads the recording when planned, passing the analytics record id and location', async () => {
    const { runner, calls } = runnerWith(() => imported);
    runner.startExecution({ name: CONTACT, input: input({ plan: plan({ recordingUpload: true }) }) });
    const execution = await runner.wait(CONTACT);
    expect(execution.status).toBe('SUCCEEDED');
    expect(calls.uploads).toEqual([
      {
        contactId: CONTACT,
        analyticsRecordId: imported.analyticsRecordId,
        recordingLocation: 'bucket/connect/x.wav',
      },
    ]);
    expect(JSON.parse(execution.output ?? '{}').branches.recordingUpload).toEqual({
      status: 'uploaded',
      contentVersionId: '068x',
    });
  });

  it('a ctrRefresh execution only runs the import', async () => {
    const { runner, calls } = runnerWith(() => ({
      ...imported,
      analyticsRecordId: null,
      recordingLocation: null,
    }));
    const name = `${CONTACT}-20261128T100900000Z`;
    runner.startExecution({
      name,
      input: input({ kind: 'ctrRefresh', plan: plan({ recordingImport: false }) }),
    });
    const execution = await runner.wait(name);
    expect(execution.status).toBe('SUCCEEDED');
    expect(calls.imports).toHaveLength(1);
    expect(execution.statesVisited).toEqual([
      'Import contact trace record and recording',
      'Next step after import?',
      'Contact trace record refreshed',
    ]);
    expect(JSON.parse(execution.output ?? '{}')).toEqual({
      contactId: CONTACT,
      kind: 'ctrRefresh',
      ctrRecordId: imported.ctrRecordId,
      ctrImport: 'imported',
      oversizeFields: [],
    });
  });

  it('retries Salesforce.Transient and Salesforce.RateLimited, then succeeds', async () => {
    const { runner, calls } = runnerWith((_event, attempt) => {
      if (attempt === 1)
        throw new SalesforceTransientError('UNABLE_TO_LOCK_ROW: unable to obtain exclusive access');
      if (attempt === 2)
        throw new SalesforceRateLimitedError('REQUEST_LIMIT_EXCEEDED: TotalRequests Limit exceeded.');
      return imported;
    });
    runner.startExecution({ name: CONTACT, input: input() });
    const execution = await runner.wait(CONTACT);
    expect(execution.status).toBe('SUCCEEDED');
    expect(calls.imports).toHaveLength(3);
    expect(execution.history.filter((event) => event.type === 'StateRetried')).toHaveLength(2);
  });

  it('retries Salesforce.Auth once after a pause (a password reset settles), then succeeds', async () => {
    const { runner, calls } = runnerWith((_event, attempt) => {
      if (attempt === 1) throw new SalesforceAuthError('invalid_grant: authentication failure');
      return imported;
    });
    runner.startExecution({ name: CONTACT, input: input() });
    const execution = await runner.wait(CONTACT);
    expect(execution.status).toBe('SUCCEEDED');
    expect(calls.imports).toHaveLength(2);
  });

  it('a frozen API user (Salesforce.Auth again after the pause) fails the execution with the error as Cause', async () => {
    const { runner, calls } = runnerWith(() => {
      throw new SalesforceAuthError('INVALID_SESSION_ID: Session expired or invalid (after a token refresh)');
    });
    runner.startExecution({ name: CONTACT, input: input() });
    const execution = await runner.wait(CONTACT);
    expect(execution.status).toBe('FAILED');
    expect(calls.imports).toHaveLength(2);
    expect(execution.error).toBe('Salesforce.Auth');
    expect(execution.cause).toContain('INVALID_SESSION_ID');
  });

  it('every Salesforce task retries Salesforce.Auth exactly once, after a pause', () => {
    const tasks = Object.entries(
      JSON.parse(readFileSync(POST_CALL_DEFINITION_FILE, 'utf8')) as { States: Record<string, unknown> },
    );
    const found: string[] = [];
    const visit = (states: Record<string, unknown>) => {
      for (const [name, state] of Object.entries(states)) {
        const s = state as {
          Retry?: Array<Record<string, unknown>>;
          Branches?: Array<{ States: Record<string, unknown> }>;
        };
        for (const branch of s.Branches ?? []) visit(branch.States);
        const retry = s.Retry ?? [];
        if (!retry.some((r) => (r.ErrorEquals as string[]).includes('Salesforce.RateLimited'))) continue;
        const auth = retry.find((r) => (r.ErrorEquals as string[]).includes('Salesforce.Auth'));
        expect(auth, name).toMatchObject({ MaxAttempts: 1 });
        expect(Number(auth?.IntervalSeconds), name).toBeGreaterThanOrEqual(30);
        found.push(name);
      }
    };
    visit((Object.fromEntries(tasks) as { States: Record<string, unknown> }).States);
    expect(found.length).toBeGreaterThanOrEqual(4);
  });

  it('fails the execution on a non-retryable Salesforce error, with its code and message in the Cause', async () => {
    const { runner, calls } = runnerWith(() => {
      throw new SalesforceRequestError(
        "INVALID_FIELD: No such column 'Foo__c' on entity 'AC_ContactTraceRecord__c'",
      );
    });
    runner.startExecution({ name: CONTACT, input: input() });
    const execution = await runner.wait(CONTACT);
    expect(calls.imports).toHaveLength(1);
    expect(execution.status).toBe('FAILED');
    expect(execution.error).toBe('Salesforce.Request');
    expect(JSON.parse(execution.cause ?? '{}')).toEqual({
      errorType: 'Salesforce.Request',
      errorMessage: "INVALID_FIELD: No such column 'Foo__c' on entity 'AC_ContactTraceRecord__c'",
    });
  });

  it('models StartExecution idempotency: same name and input while running is accepted, anything else is ExecutionAlreadyExists', async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const { runner, calls } = runnerWith(async () => {
      await gate;
      return imported;
    });
    const first = runner.startExecution({ name: CONTACT, input: input() });
    expect(runner.startExecution({ name: CONTACT, input: input() }).executionArn).toBe(first.executionArn);
    expect(() =>
      runner.startExecution({ name: CONTACT, input: input({ lastUpdateTimestamp: 'later' }) }),
    ).toThrow(expect.objectContaining({ name: 'ExecutionAlreadyExists' }));
    release();
    await runner.settle();
    expect(() => runner.startExecution({ name: CONTACT, input: input() })).toThrow(
      expect.objectContaining({ name: 'ExecutionAlreadyExists' }),
    );
    expect(() => runner.startExecution({ name: 'has space', input: input() })).toThrow(
      expect.objectContaining({ name: 'InvalidName' }),
    );
    expect(calls.imports).toHaveLength(1);
  });

  it('redrives a failed execution from the failed state without re-running the import', async () => {
    let uploadFails = true;
    const { runner, calls } = runnerWith(
      () => imported,
      () => {
        if (uploadFails)
          throw new SalesforceRequestError('FIELD_CUSTOM_VALIDATION_EXCEPTION: blocked by a rule');
        return { status: 'uploaded', contentVersionId: '068y' };
      },
    );
    runner.startExecution({ name: CONTACT, input: input({ plan: plan({ recordingUpload: true }) }) });
    expect((await runner.wait(CONTACT)).status).toBe('FAILED');

    uploadFails = false;
    runner.redriveExecution(CONTACT);
    const execution = await runner.wait(CONTACT);
    expect(execution.status).toBe('SUCCEEDED');
    expect(execution.redriveCount).toBe(1);
    expect(calls.imports).toHaveLength(1);
    expect(calls.uploads).toHaveLength(2);
    expect(JSON.parse(execution.output ?? '{}').analyticsRecordId).toBe(imported.analyticsRecordId);
    expect(() => runner.redriveExecution(CONTACT)).toThrow(
      expect.objectContaining({ name: 'ExecutionNotRedrivable' }),
    );
  });

  it('refuses to run a Task state that has no local handler', () => {
    expect(() => new PostCallRunner({ lambdaHandlers: {} })).toThrow(/no local handler/);
  });
});
