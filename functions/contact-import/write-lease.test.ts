import { describe, expect, it } from 'vitest';
import { SALESFORCE_CALL_TIMEOUT_MS } from '../../shared/salesforce/write-outcome.js';
import { LEASE_MARGIN_MS, writeLeaseMs } from './write-lease.js';

describe('writeLeaseMs', () => {
  it("outlasts a write sent at the invocation's last moment by Salesforce's whole request timeout", () => {
    for (const remainingMs of [0, 1, 59_000, 60_000]) {
      expect(writeLeaseMs(remainingMs)).toBe(remainingMs + SALESFORCE_CALL_TIMEOUT_MS + LEASE_MARGIN_MS);
    }
    expect(writeLeaseMs(60_000)).toBe(12 * 60 * 1000);
  });

  it('never shorter than the request timeout, even when the clock says the time is up', () => {
    expect(writeLeaseMs(-5_000)).toBe(SALESFORCE_CALL_TIMEOUT_MS + LEASE_MARGIN_MS);
  });
});
