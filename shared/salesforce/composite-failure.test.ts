import { describe, expect, it } from 'vitest';
import { compositeFailure, isConsequentialFailure } from './composite-failure.js';
import type { CompositeSubresponse } from './types.js';

const ok = (referenceId: string): CompositeSubresponse => ({
  referenceId,
  httpStatusCode: 201,
  httpHeaders: {},
  body: { id: 'a0B000000000001AAA', success: true },
});
const failed = (referenceId: string, status: number, body: unknown): CompositeSubresponse => ({
  referenceId,
  httpStatusCode: status,
  httpHeaders: {},
  body,
});
const halted = (referenceId: string) =>
  failed(referenceId, 400, [{ errorCode: 'PROCESSING_HALTED', message: 'The transaction was rolled back' }]);
const describeAs = (referenceId: string) => `upsert ${referenceId}`;

describe('compositeFailure', () => {
  it('is undefined when every subrequest succeeded', () => {
    expect(compositeFailure([ok('ctr'), ok('analytics')], describeAs)).toBeUndefined();
  });

  it('names the root cause, not the subrequests that only echo the rollback', () => {
    const lock = failed('analytics', 400, [
      { errorCode: 'UNABLE_TO_LOCK_ROW', message: 'unable to obtain exclusive access' },
    ]);
    expect(isConsequentialFailure(halted('ctr'))).toBe(true);
    expect(isConsequentialFailure(lock)).toBe(false);
    const error = compositeFailure([halted('ctr'), lock], describeAs);
    expect(error).toMatchObject({ name: 'Salesforce.Transient', status: 400 });
    expect(error?.message).toBe(
      'upsert analytics failed: UNABLE_TO_LOCK_ROW: unable to obtain exclusive access',
    );
  });

  it.each([
    [
      400,
      [{ errorCode: 'REQUEST_LIMIT_EXCEEDED', message: 'TotalRequests Limit exceeded.' }],
      'Salesforce.RateLimited',
    ],
    [
      403,
      [{ errorCode: 'INSUFFICIENT_ACCESS_OR_READONLY', message: 'no access' }],
      'Salesforce.AccessDenied',
    ],
    [400, [{ errorCode: 'INVALID_FIELD', message: "No such column 'Region__c'" }], 'Salesforce.Request'],
    [503, undefined, 'Salesforce.Transient'],
  ])('classifies a %i subresponse like any REST answer', (status, body, name) => {
    expect(compositeFailure([failed('ctr', status, body)], describeAs)).toMatchObject({ name });
  });

  it('a failure without an error body still names its status', () => {
    expect(compositeFailure([failed('ctr', 500, null)], describeAs)?.message).toBe(
      'upsert ctr failed: HTTP_500: no error body',
    );
  });
});
