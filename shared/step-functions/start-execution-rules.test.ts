import { describe, expect, it } from 'vitest';
import { fullExecutionName, refreshExecutionName } from '../ctr/execution-name.js';
import {
  executionArnFor,
  isAcceptedExecutionName,
  MAX_EXECUTION_INPUT_BYTES,
  startExecutionRejection,
} from './start-execution-rules.js';

describe('StartExecution rules', () => {
  it('refuses the names Step Functions refuses', () => {
    for (const name of ['', 'a'.repeat(81), 'has space', 'a:b', 'x/y', 'tab\t', 'ctl\u0085', 'q?', 'b[1]']) {
      expect(isAcceptedExecutionName(name), JSON.stringify(name)).toBe(false);
      expect(startExecutionRejection(name, '{}')?.errorName).toBe('InvalidName');
    }
    for (const name of ['c-1', 'a'.repeat(80), 'dots.are_ok', 'ünïcode']) {
      expect(isAcceptedExecutionName(name), name).toBe(true);
    }
  });

  it('refuses an input over 256 KiB or not JSON', () => {
    const big = JSON.stringify('x'.repeat(MAX_EXECUTION_INPUT_BYTES));
    expect(startExecutionRejection('c-1', big)?.errorName).toBe('InvalidExecutionInput');
    expect(startExecutionRejection('c-1', '{not json')?.errorName).toBe('InvalidExecutionInput');
    expect(startExecutionRejection('c-1', '{"a":1}')).toBeUndefined();
  });

  it("accepts every name the trigger gives a contact's executions", () => {
    for (const contactId of ['5c0b2a3e-8f41-4d6a-b7c9-1e2f3a4b5c61', 'x'.repeat(200), 'a b:c/d?é']) {
      expect(isAcceptedExecutionName(fullExecutionName(contactId))).toBe(true);
      const refresh = refreshExecutionName(contactId, '2026-11-28T10:09:00Z');
      expect(refresh !== null && isAcceptedExecutionName(refresh)).toBe(true);
    }
  });

  it('derives execution ARNs from state machine ARNs', () => {
    const arn = 'arn:aws:states:us-east-1:123456789012:stateMachine:PostCall';
    expect(executionArnFor(`${arn}:live`, 'c-1')).toBe(
      'arn:aws:states:us-east-1:123456789012:execution:PostCall:c-1',
    );
  });
});
