/**
 * `--stack-name`: the operations commands read the state machine ARN and the dead-letter queue
 * URL from the deployed stack's outputs (CloudFormation mocked: it has no local implementation).
 */

import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  DEAD_LETTER_QUEUE_OUTPUT,
  readStackOutputs,
  requireOutput,
  STATE_MACHINE_OUTPUT,
} from '../../ops/aws/stack-outputs.js';
import { resolveStateMachineArn } from '../../ops/cli/cli-options.js';
import { UsageError } from '../../ops/cli/errors.js';
import { runExecutionsCli } from '../../ops/executions/executions-cli.js';
import { lineStreams } from '../support/command-streams.js';

const STACK = 'connect-salesforce';
const SM = 'arn:aws:states:eu-west-2:123456789012:stateMachine:PostCall-abc';
const DLQ = 'https://sqs.eu-west-2.amazonaws.com/123456789012/ctr-dead-letter';
const cloudFormation = mockClient(CloudFormationClient);
const client = new CloudFormationClient({ region: 'eu-west-2' });

beforeEach(() => {
  cloudFormation.reset();
  cloudFormation.on(DescribeStacksCommand, { StackName: STACK }).resolves({
    Stacks: [
      {
        StackName: STACK,
        StackStatus: 'UPDATE_COMPLETE',
        CreationTime: new Date(),
        Outputs: [
          { OutputKey: STATE_MACHINE_OUTPUT, OutputValue: SM },
          { OutputKey: DEAD_LETTER_QUEUE_OUTPUT, OutputValue: DLQ },
          { OutputKey: 'SfInvokeApiFunctionName', OutputValue: 'sfInvokeAPI' },
        ],
      },
    ],
  });
  cloudFormation
    .on(DescribeStacksCommand, { StackName: 'gone' })
    .rejects(Object.assign(new Error('Stack with id gone does not exist'), { name: 'ValidationError' }));
});

describe('stack outputs', () => {
  it('reads every output of the named stack in one DescribeStacks call', async () => {
    const outputs = await readStackOutputs(STACK, client);
    expect(outputs).toMatchObject({ [STATE_MACHINE_OUTPUT]: SM, [DEAD_LETTER_QUEUE_OUTPUT]: DLQ });
    expect(cloudFormation).toHaveReceivedCommandTimes(DescribeStacksCommand, 1);
  });

  it('a stack that does not exist is a usage error naming it', async () => {
    const error = await readStackOutputs('gone', client).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(UsageError);
    expect((error as Error).message).toMatch(/stack "gone" does not exist in this account and region/);
  });

  it('other failures (e.g. access denied) are not hidden', async () => {
    cloudFormation
      .on(DescribeStacksCommand, { StackName: 'locked' })
      .rejects(
        Object.assign(new Error('not authorized to perform: DescribeStacks'), { name: 'AccessDenied' }),
      );
    await expect(readStackOutputs('locked', client)).rejects.toMatchObject({ name: 'AccessDenied' });
  });

  it('a missing output names the stack and the output', () => {
    expect(() => requireOutput({}, DEAD_LETTER_QUEUE_OUTPUT, STACK)).toThrow(
      `stack "${STACK}" has no output ${DEAD_LETTER_QUEUE_OUTPUT}`,
    );
  });
});

describe('which state machine a command works on', () => {
  const read = (name: string) => readStackOutputs(name, client);
  const env = { POSTCALL_STATE_MACHINE_ARN: 'arn:aws:states:eu-west-2:123456789012:stateMachine:FromEnv' };

  it('--state-machine-arn wins, then --stack-name, then POSTCALL_STATE_MACHINE_ARN', async () => {
    await expect(
      resolveStateMachineArn({ stateMachineArn: 'arn:explicit', stackName: STACK }, read, env),
    ).resolves.toBe('arn:explicit');
    await expect(resolveStateMachineArn({ stackName: STACK }, read, env)).resolves.toBe(SM);
    await expect(resolveStateMachineArn({}, read, env)).resolves.toBe(env.POSTCALL_STATE_MACHINE_ARN);
    expect(cloudFormation).toHaveReceivedCommandTimes(DescribeStacksCommand, 1);
  });

  it('nothing given is a usage error listing the ways to say it', async () => {
    await expect(resolveStateMachineArn({}, read, {})).rejects.toThrow(
      /pass --stack-name, --state-machine-arn .* set POSTCALL_STATE_MACHINE_ARN, or use --local/,
    );
  });

  it('npm run executions -- --stack-name hands the stack name to the command and exits 2 when it is unknown', async () => {
    const errors: string[] = [];
    const code = await runExecutionsCli(
      ['--stack-name', 'gone'],
      async ({ local, ...target }) => {
        expect(local).toBe(false);
        expect(target.stackName).toBe('gone');
        await resolveStateMachineArn(target, read, {});
        throw new Error('unreachable');
      },
      lineStreams({ out: () => {}, err: (line) => errors.push(line) }),
    );
    expect(code).toBe(2);
    expect(errors.join('\n')).toMatch(/stack "gone" does not exist/);
  });
});
