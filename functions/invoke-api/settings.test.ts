import { describe, expect, it } from 'vitest';
import { clientBudget } from './client-budget.js';
import { readInvokeApiSettings } from './settings.js';

describe('readInvokeApiSettings', () => {
  it('defaults: 7 s deadline, the request timeout sized to it, US numbers, 1000 records', () => {
    expect(readInvokeApiSettings({})).toEqual({
      timeoutMs: 7000,
      requestTimeoutMs: clientBudget(7000).requestTimeoutMs,
      namespacePrefix: 'amazonconnect__',
      phoneDefaultRegion: 'US',
      maxRecords: 1000,
      maxResponseBytes: 32_768,
    });
    expect(readInvokeApiSettings({}).requestTimeoutMs).toBe(3350);
  });

  it('sizes the request timeout to a configured deadline unless SF_REQUEST_TIMEOUT_MS is set', () => {
    expect(readInvokeApiSettings({ SF_INVOKE_API_TIMEOUT_MS: '2000' }).requestTimeoutMs).toBe(850);
    expect(
      readInvokeApiSettings({ SF_INVOKE_API_TIMEOUT_MS: '2000', SF_REQUEST_TIMEOUT_MS: '5000' })
        .requestTimeoutMs,
    ).toBe(5000);
  });

  it('names the variable of an invalid value', () => {
    for (const [env, setting] of [
      [{ SF_INVOKE_API_TIMEOUT_MS: '7s' }, 'SF_INVOKE_API_TIMEOUT_MS'],
      [{ SF_REQUEST_TIMEOUT_MS: '50' }, 'SF_REQUEST_TIMEOUT_MS'],
      [{ SF_INVOKE_API_MAX_RECORDS: '0' }, 'SF_INVOKE_API_MAX_RECORDS'],
      [{ SF_PHONE_DEFAULT_REGION: 'XX' }, 'SF_PHONE_DEFAULT_REGION'],
    ] as const) {
      expect(() => readInvokeApiSettings(env)).toThrow(
        expect.objectContaining({ name: 'Configuration', setting }),
      );
    }
  });
});
