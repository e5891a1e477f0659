/**
 * `npm run replay-dlq -- [--stack-name NAME | --queue-url URL --state-machine-arn ARN | --local] [--dry-run] [--max N]`
 * See ops/replay-dlq/replay-dlq-cli.ts and the README's Operations section.
 */
import '../local/start-environment.js';
import '../local/runner/promise-with-resolvers.js';
import { KinesisClient } from '@aws-sdk/client-kinesis';
import { S3Client } from '@aws-sdk/client-s3';
import { SFNClient } from '@aws-sdk/client-sfn';
import { SQSClient } from '@aws-sdk/client-sqs';
import { handleKinesisBatch, readCtrTriggerSettings } from '../functions/ctr-trigger/index.js';
import { LocalKinesisStream } from '../local/aws-stand-ins/local-kinesis-stream.js';
import { PayloadReader } from '../shared/payloads/payload-reader.js';
import { PayloadWriter } from '../shared/payloads/payload-writer.js';
import { SqsDeadLetterQueue } from './aws/sqs-dead-letter-queue.js';
import {
  DEAD_LETTER_QUEUE_OUTPUT,
  describeStackOutputs,
  PAYLOAD_BUCKET_OUTPUT,
  requireOutput,
  type StackOutputs,
} from './aws/stack-outputs.js';
import { resolveStateMachineArn } from './cli/cli-options.js';
import { UsageError } from './cli/errors.js';
import { FileDeadLetterQueue } from './local/file-dead-letter-queue.js';
import { openLocalStack } from './local/local-stack.js';
import { nonReparkingSqsClient } from './replay-dlq/replay-dlq.js';
import { runReplayDlqCli } from './replay-dlq/replay-dlq-cli.js';
import { readStreamBatch } from './replay-dlq/stream-batch.js';

process.exitCode = await runReplayDlqCli(
  process.argv.slice(2),
  async ({ queueUrl, stateMachineArn, stackName, local }) => {
    if (local) {
      const queue = new FileDeadLetterQueue();
      const stack = await openLocalStack();
      // The stream npm start kept, answering GetShardIterator/GetRecords like Kinesis.
      const kinesis = new KinesisClient({ region: process.env.AWS_REGION ?? 'us-east-1' });
      const restoreKinesis = LocalKinesisStream.load().attach(kinesis);
      return {
        queue,
        // The real trigger logic in the local pipeline; the record keeps its original data.
        startBatch: async (event, source) => {
          const parkedBefore = stack.pipeline.deadLettered.length;
          const outcomes = await stack.pipeline.handleBatch(event);
          // Records of a stream batch that can never succeed are parked as messages of their own;
          // a parked record that is still malformed just keeps its message.
          if (source === 'stream') {
            for (const parked of stack.pipeline.deadLettered.slice(parkedBefore))
              queue.append(parked.messageBody);
          }
          return outcomes;
        },
        readStreamBatch: (batch) => readStreamBatch(kinesis, batch),
        // Dead letters too large for SQS: their data in the local payload bucket (.local-state/s3).
        readPayload: (ref) => stack.pipeline.payloadReader.read(ref),
        close: async () => {
          restoreKinesis();
          await stack.close();
        },
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
    const settings = readCtrTriggerSettings({
      ...process.env,
      POSTCALL_STATE_MACHINE_ARN: await resolveStateMachineArn(
        { stateMachineArn, stackName },
        readOutputsOnce,
      ),
      CTR_DLQ_URL: url,
      // Where a replayed CTR too large for the execution input is stored, like the trigger does.
      CONTACT_PAYLOAD_BUCKET:
        (stackName ? (await readOutputsOnce(stackName))[PAYLOAD_BUCKET_OUTPUT] : undefined) ??
        process.env.CONTACT_PAYLOAD_BUCKET,
    });
    const sfn = new SFNClient({});
    const sqsClient = new SQSClient({});
    const kinesis = new KinesisClient({});
    const s3 = new S3Client({});
    const payloads = settings.payloadBucket ? new PayloadWriter(s3, settings.payloadBucket) : undefined;
    const payloadReader = new PayloadReader(s3);
    const noReparking = nonReparkingSqsClient();
    return {
      queue: new SqsDeadLetterQueue(url, sqsClient),
      // A parked record is never parked twice; one read back from the stream may be, like any delivery.
      startBatch: (event, source) =>
        handleKinesisBatch(event, {
          sfn,
          sqs: source === 'stream' ? sqsClient : noReparking,
          settings,
          payloads,
        }),
      readStreamBatch: (batch) => readStreamBatch(kinesis, batch),
      readPayload: (ref) => payloadReader.read(ref),
    };
  },
);
