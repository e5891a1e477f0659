/**
 * Reads the deployed stack's outputs, so operators can name the stack (`--stack-name`) instead
 * of copying the state machine ARN or the dead-letter queue URL from the console.
 *
 * @example
 * ```ts
 * const outputs = await readStackOutputs('connect-salesforce', new CloudFormationClient({}));
 * const arn = requireOutput(outputs, STATE_MACHINE_OUTPUT, 'connect-salesforce');
 * ```
 */
import {
  CloudFormationClient,
  DescribeStacksCommand,
  type DescribeStacksCommandOutput,
} from '@aws-sdk/client-cloudformation';
import { UsageError } from '../cli/errors.js';

/** Output keys of infra/lib/connect-salesforce-stack.ts. */
export const STATE_MACHINE_OUTPUT = 'PostCallStateMachineArn';
/** The stack output holding the dead-letter queue's URL. */
export const DEAD_LETTER_QUEUE_OUTPUT = 'ContactRecordDeadLetterQueueUrl';
/** The payload bucket: CTRs and dead-letter data too large to pass inline. */
export const PAYLOAD_BUCKET_OUTPUT = 'ContactPayloadBucketName';

/** A deployed stack's outputs, by output key. */
export type StackOutputs = Readonly<Record<string, string>>;

/** The outputs of `stackName` (its name or stack id), keyed by OutputKey. */
export async function readStackOutputs(
  stackName: string,
  cloudFormation: Pick<CloudFormationClient, 'send'>,
): Promise<StackOutputs> {
  let stacks: DescribeStacksCommandOutput['Stacks'];
  try {
    ({ Stacks: stacks } = await cloudFormation.send(new DescribeStacksCommand({ StackName: stackName })));
  } catch (error) {
    // CloudFormation answers a missing stack with a ValidationError "Stack with id … does not exist".
    if ((error as Error).name === 'ValidationError' && /does not exist/.test((error as Error).message)) {
      throw new UsageError(
        `stack "${stackName}" does not exist in this account and region (check AWS_REGION)`,
      );
    }
    throw error;
  }
  const outputs: Record<string, string> = {};
  for (const output of stacks?.[0]?.Outputs ?? []) {
    if (output.OutputKey !== undefined && output.OutputValue !== undefined)
      outputs[output.OutputKey] = output.OutputValue;
  }
  return outputs;
}

/** {@link readStackOutputs} with a client for the environment's account and region (the commands). */
export const describeStackOutputs = (stackName: string): Promise<StackOutputs> =>
  readStackOutputs(stackName, new CloudFormationClient({}));

/** One output, or a usage error naming the stack and the output. */
export function requireOutput(outputs: StackOutputs, key: string, stackName: string): string {
  const value = outputs[key];
  if (value === undefined || value === '') {
    throw new UsageError(
      `stack "${stackName}" has no output ${key} (is it this product's stack, fully deployed?)`,
    );
  }
  return value;
}
