import { describe, expect, it } from 'vitest';
import { ConfigurationError } from '../../shared/config/configuration-error.js';
import { DEFAULT_MAX_CONCURRENCY, MAX_CONCURRENCY_LIMIT, readCtrTriggerSettings } from './settings.js';

const REQUIRED = {
  POSTCALL_STATE_MACHINE_ARN: 'arn:aws:states:us-east-1:123456789012:stateMachine:PostCall',
  CTR_DLQ_URL: 'https://sqs.us-east-1.amazonaws.com/123456789012/ctr-dlq',
};

describe('readCtrTriggerSettings', () => {
  it('bounds concurrent calls at the default when CTR_TRIGGER_MAX_CONCURRENCY is unset or blank', () => {
    expect(DEFAULT_MAX_CONCURRENCY).toBe(25);
    expect(readCtrTriggerSettings(REQUIRED).maxConcurrency).toBe(DEFAULT_MAX_CONCURRENCY);
    expect(readCtrTriggerSettings({ ...REQUIRED, CTR_TRIGGER_MAX_CONCURRENCY: '  ' }).maxConcurrency).toBe(
      DEFAULT_MAX_CONCURRENCY,
    );
  });

  it.each([
    ['1', 1],
    [' 40 ', 40],
    [String(MAX_CONCURRENCY_LIMIT), MAX_CONCURRENCY_LIMIT],
  ])('reads CTR_TRIGGER_MAX_CONCURRENCY=%j', (value, expected) => {
    const settings = readCtrTriggerSettings({ ...REQUIRED, CTR_TRIGGER_MAX_CONCURRENCY: value });
    expect(settings.maxConcurrency).toBe(expected);
  });

  it.each(['0', '-3', '2.5', 'ten', '1e3', String(MAX_CONCURRENCY_LIMIT + 1)])(
    'rejects CTR_TRIGGER_MAX_CONCURRENCY=%j with a ConfigurationError naming the variable',
    (value) => {
      const read = () => readCtrTriggerSettings({ ...REQUIRED, CTR_TRIGGER_MAX_CONCURRENCY: value });
      expect(read).toThrow(ConfigurationError);
      expect(read).toThrow(/CTR_TRIGGER_MAX_CONCURRENCY must be an integer between 1 and 50/);
    },
  );

  it('still requires the state machine ARN and the dead-letter queue URL', () => {
    expect(() => readCtrTriggerSettings({ CTR_DLQ_URL: REQUIRED.CTR_DLQ_URL })).toThrow(
      /POSTCALL_STATE_MACHINE_ARN/,
    );
    expect(() =>
      readCtrTriggerSettings({ POSTCALL_STATE_MACHINE_ARN: REQUIRED.POSTCALL_STATE_MACHINE_ARN }),
    ).toThrow(/CTR_DLQ_URL/);
  });

  it('reads the optional contact version table (unset or blank: no fence)', () => {
    expect(readCtrTriggerSettings(REQUIRED).contactVersionTable).toBeUndefined();
    expect(
      readCtrTriggerSettings({ ...REQUIRED, CONTACT_VERSION_TABLE: ' ' }).contactVersionTable,
    ).toBeUndefined();
    expect(
      readCtrTriggerSettings({ ...REQUIRED, CONTACT_VERSION_TABLE: 'contact-versions' }).contactVersionTable,
    ).toBe('contact-versions');
  });
});
