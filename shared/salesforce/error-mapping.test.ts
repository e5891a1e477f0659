import { describe, expect, it } from 'vitest';
import { describeDetails, errorDetails, mapResponseError } from './error-mapping.js';
import { SalesforceRateLimitedError, SalesforceTransientError } from './errors.js';
import { parseLimitInfo } from './limit-info.js';
import { RetryPolicy } from './retry-policy.js';

const context = { operation: 'POST /services/data/v62.0/sobjects/Case', authMode: 'password' as const };
const map = (status: number, body: unknown, authMode: 'password' | 'client_credentials' = 'password') =>
  mapResponseError(status, body, { ...context, authMode });

describe('mapResponseError', () => {
  it.each([
    [503, [{ errorCode: 'SERVER_UNAVAILABLE', message: 'x' }], 'Salesforce.Transient'],
    [500, 'upstream error page', 'Salesforce.Transient'],
    [
      400,
      [{ errorCode: 'UNABLE_TO_LOCK_ROW', message: 'unable to obtain exclusive access' }],
      'Salesforce.Transient',
    ],
    [
      403,
      [{ errorCode: 'REQUEST_LIMIT_EXCEEDED', message: 'TotalRequests Limit exceeded.' }],
      'Salesforce.RateLimited',
    ],
    [403, [{ errorCode: 'INSUFFICIENT_ACCESS', message: 'no' }], 'Salesforce.AccessDenied'],
    [403, [{ errorCode: 'SOMETHING', message: 'refused' }], 'Salesforce.AccessDenied'],
    [403, [{ errorCode: 'FUNCTIONALITY_NOT_ENABLED', message: 'Chatter is off' }], 'Salesforce.Request'],
    [400, [{ errorCode: 'INSUFFICIENT_ACCESS_OR_READONLY', message: 'x' }], 'Salesforce.AccessDenied'],
    [
      400,
      [{ errorCode: 'INSUFFICIENT_ACCESS_ON_CROSS_REFERENCE_ENTITY', message: 'x' }],
      'Salesforce.AccessDenied',
    ],
    [
      400,
      [
        {
          errorCode: 'FIELD_CUSTOM_VALIDATION_EXCEPTION',
          message: 'Insufficient Privileges: trigger says no',
        },
      ],
      'Salesforce.AccessDenied',
    ],
    [
      400,
      [{ errorCode: 'FIELD_CUSTOM_VALIDATION_EXCEPTION', message: 'Phone must be E.164' }],
      'Salesforce.Request',
    ],
    [
      400,
      [{ errorCode: 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST', message: 'bad value' }],
      'Salesforce.Request',
    ],
    [400, [{ errorCode: 'MALFORMED_QUERY', message: 'unexpected token' }], 'Salesforce.Request'],
    [
      404,
      [{ errorCode: 'NOT_FOUND', message: 'The requested resource does not exist' }],
      'Salesforce.Request',
    ],
    [
      300,
      ['/services/data/v62.0/sobjects/Account/001A', '/services/data/v62.0/sobjects/Account/001B'],
      'Salesforce.Request',
    ],
    [403, { error: 'invalid_grant', error_description: 'authentication failure' }, 'Salesforce.Auth'],
  ])('HTTP %i %j → %s', (status, body, name) => {
    expect(map(status, body).name).toBe(name);
  });

  it('carries errorCode, details, status and a readable message', () => {
    const error = map(400, [
      {
        errorCode: 'REQUIRED_FIELD_MISSING',
        message: 'Required fields are missing: [Subject]',
        fields: ['Subject'],
      },
      { errorCode: 'STRING_TOO_LONG', message: 'too long', fields: [] },
    ]);
    expect(error).toMatchObject({ status: 400, errorCode: 'REQUIRED_FIELD_MISSING' });
    expect(error.details).toHaveLength(2);
    expect(error.message).toBe(
      'POST /services/data/v62.0/sobjects/Case failed: REQUIRED_FIELD_MISSING: Required fields are missing: [Subject] (fields: Subject); STRING_TOO_LONG: too long',
    );
    expect(map(300, ['/a', '/b']).errorCode).toBe('MULTIPLE_CHOICES');
  });

  it('adds Run As guidance to access denied in client_credentials mode only', () => {
    const body = [{ errorCode: 'INSUFFICIENT_ACCESS', message: 'no' }];
    expect(map(403, body, 'client_credentials').message).toMatch(/Run As user.*AC_Administrator/);
    expect(map(403, body, 'password').message).not.toMatch(/Run As/);
  });

  it('reads SaveResult-style statusCode entries too', () => {
    expect(errorDetails([{ statusCode: 'DUPLICATE_VALUE', message: 'dup', fields: ['Ext__c'] }])).toEqual([
      { errorCode: 'DUPLICATE_VALUE', message: 'dup', fields: ['Ext__c'] },
    ]);
    expect(describeDetails([{ errorCode: '', message: 'plain' }])).toBe('plain');
  });
});

describe('parseLimitInfo', () => {
  it('reads api-usage and ignores per-app usage', () => {
    expect(parseLimitInfo('api-usage=18/5000')).toEqual({ used: 18, max: 5000 });
    expect(parseLimitInfo('per-app-api-usage=17/250(appName=x); api-usage=19/5000')).toEqual({
      used: 19,
      max: 5000,
    });
    expect(parseLimitInfo('per-app-api-usage=17/250(appName=x)')).toBeUndefined();
    expect(parseLimitInfo(undefined)).toBeUndefined();
  });
});

describe('RetryPolicy', () => {
  it('retries only transient errors, within maxAttempts, with full-jitter exponential backoff', () => {
    const policy = new RetryPolicy({
      maxAttempts: 4,
      baseDelayMs: 100,
      maxDelayMs: 300,
      random: () => 0.999,
    });
    expect(policy.shouldRetry(new SalesforceTransientError('x'), 1)).toBe(true);
    expect(policy.shouldRetry(new SalesforceTransientError('x'), 4)).toBe(false);
    expect(policy.shouldRetry(new SalesforceRateLimitedError('x'), 1)).toBe(false);
    expect(policy.shouldRetry(new Error('x'), 1)).toBe(false);
    expect([1, 2, 3].map((attempt) => policy.delayMs(attempt))).toEqual([99, 199, 299]);
    expect(new RetryPolicy(false).maxAttempts).toBe(1);
  });
});
