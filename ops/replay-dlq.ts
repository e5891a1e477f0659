/**
 * `npm run replay-dlq -- [--stack-name NAME | --queue-url URL --state-machine-arn ARN | --local] [--dry-run] [--max N]`
 * See ops/replay-dlq/replay-dlq-cli.ts and the README's Operations section.
 */
import '../local/start-environment.js';
import '../local/runner/promise-with-resolvers.js';
import { SFNClient } from '@aws-sdk/client-sfn';
import { SQSClient } from '@aws-sdk/client-sqs';
import { ctrTriggerSettingsFromEnvironment, handleKinesisBatch } from '../functions/ctr-trigger/index.js';
import { resolveStateMachineArn, UsageError } from './cli/cli-options.js';
import { FileDeadLetterQueue } from './local/file-dead-letter-queue.js';
import { openLocalStack } from './local/local-stack.js';
import { nonReparkingSqsClient } from './replay-dlq/replay-dlq.js';
import { runReplayDlqCli } from './replay-dlq/replay-dlq-cli.js';
import { SqsDeadLetterQueue } from './aws/sqs-dead-letter-queue.js';
import {
  DEAD_LETTER_QUEUE_OUTPUT,
  describeStackOutputs,
  requireOutput,
  type StackOutputs,
} from './aws/stack-outputs.js';

process.exitCode = await runReplayDlqCli(
  process.argv.slice(2),
  async ({ queueUrl, stateMachineArn, stackName, local }) => {
    if (local) {
      const queue = new FileDeadLetterQueue();
      const stack = await openLocalStack();
      return {
        queue,
        // The local pipeline runs the real trigger logic; the record keeps its original data.
        startBatch: async (event) => {
          const { outcomes } = await stack.pipeline.deliver(
            event.Records.map((r) => ({ rawData: r.kinesis.data })),
          );
          return outcomes.slice(-event.Records.length);
        },
        close: () => stack.close(),
      };
    }
    // One DescribeStacks for both values when the stack is named.
    let outputs: Promise<StackOutputs> | undefined;
    const readOutputsOnce = (name: string) => {
      outputs ??= describeStackOutputs(name);
      return outputs;
    };
    const url =
      queueUrl ??
      (stackName
        ? requireOutput(await readOutputsOnce(stackName), DEAD_LETTER_QUEUE_OUTPUT, stackName)
        : process.env.CTR_DLQ_URL);
    if (!url)
      throw new UsageError(
        `no queue: pass --stack-name, --queue-url (the stack output ${DEAD_LETTER_QUEUE_OUTPUT}) or set CTR_DLQ_URL`,
      );
    const settings = ctrTriggerSettingsFromEnvironment({
      ...process.env,
      POSTCALL_STATE_MACHINE_ARN: await resolveStateMachineArn(
        { stateMachineArn, stackName },
        readOutputsOnce,
      ),
      CTR_DLQ_URL: url,
    });
    const sfn = new SFNClient({});
    const sqs = nonReparkingSqsClient();
    return {
      queue: new SqsDeadLetterQueue(url, new SQSClient({})),
      startBatch: (event) => handleKinesisBatch(event, { sfn, sqs, settings }),
    };
  },
);
