import { describe, expect, it } from 'vitest';
import { executionArnFor } from '../../shared/step-functions/start-execution-rules.js';
import { StepFunctionsFake } from './step-functions-fake.js';

const ARN = 'arn:aws:states:us-east-1:123456789012:stateMachine:PostCall';

async function errorName(run: () => Promise<unknown> | unknown): Promise<string> {
  try {
    await run();
  } catch (error) {
    return (error as Error).name;
  }
  return 'no error';
}

describe('StepFunctionsFake (Standard workflow name semantics)', () => {
  it('is idempotent for the same name and input while running, refuses otherwise', async () => {
    const fake = new StepFunctionsFake();
    const first = await fake.startExecution({ stateMachineArn: ARN, name: 'c-1', input: '{"a":1}' });
    const again = await fake.startExecution({ stateMachineArn: ARN, name: 'c-1', input: '{"a":1}' });
    expect(again.executionArn).toBe(first.executionArn);
    expect(
      await errorName(() => fake.startExecution({ stateMachineArn: ARN, name: 'c-1', input: '{"a": 1}' })),
    ).toBe('ExecutionAlreadyExists');
    fake.close('c-1', 'FAILED');
    expect(
      await errorName(() => fake.startExecution({ stateMachineArn: ARN, name: 'c-1', input: '{"a":1}' })),
    ).toBe('ExecutionAlreadyExists');
    expect(fake.describeExecution({ executionArn: first.executionArn }).status).toBe('FAILED');
    expect(fake.executions()).toHaveLength(1);
  });

  it('validates names and input size, and describes only existing executions', async () => {
    const fake = new StepFunctionsFake();
    for (const name of ['', 'a'.repeat(81), 'has space', 'a:b', 'x/y', 'tab\t', 'ctl\u0085']) {
      expect(await errorName(() => fake.startExecution({ stateMachineArn: ARN, name, input: '{}' }))).toBe(
        'InvalidName',
      );
    }
    expect(
      await errorName(() =>
        fake.startExecution({ stateMachineArn: ARN, name: 'big', input: 'x'.repeat(262_145) }),
      ),
    ).toBe('InvalidExecutionInput');
    expect(
      await errorName(() => fake.describeExecution({ executionArn: executionArnFor(ARN, 'nope') })),
    ).toBe('ExecutionDoesNotExist');
  });
});

describe('executionArnFor', () => {
  it('derives the execution ARN, also from a version or alias ARN', () => {
    expect(executionArnFor(ARN, 'c-1')).toBe('arn:aws:states:us-east-1:123456789012:execution:PostCall:c-1');
    expect(executionArnFor(`${ARN}:3`, 'c-1')).toBe(
      'arn:aws:states:us-east-1:123456789012:execution:PostCall:c-1',
    );
    expect(() => executionArnFor('arn:aws:lambda:us-east-1:1:function:f', 'c')).toThrow(
      /not a state machine ARN/,
    );
  });
});
