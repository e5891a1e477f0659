import { SFNClient, SFNServiceException } from '@aws-sdk/client-sfn';
import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { kinesisEventOf } from '../../local/aws-stand-ins/kinesis-event.js';
import { lambdaContext } from '../../local/aws-stand-ins/lambda-context.js';
import { StepFunctionsFake } from '../../local/aws-stand-ins/step-functions-fake.js';
import { loadCtrFixture } from '../../local/samples/ctr-fixtures.js';
import { handler } from './handler.js';

const sfnMock = mockClient(SFNClient);
const sqsMock = mockClient(SQSClient);

const context = lambdaContext({ functionName: 'ctr-trigger', timeoutMs: 60_000 });

beforeEach(() => {
  sfnMock.reset();
  sqsMock.reset();
  sqsMock.on(SendMessageCommand).resolves({ MessageId: 'm-1' });
  vi.stubEnv('POSTCALL_STATE_MACHINE_ARN', 'arn:aws:states:us-east-1:123456789012:stateMachine:PostCall');
  vi.stubEnv('CTR_DLQ_URL', 'https://sqs.us-east-1.amazonaws.com/123456789012/ctr-dlq');
  vi.stubEnv('POWERTOOLS_LOG_LEVEL', 'ERROR');
});

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('ctr-trigger handler', () => {
  it('returns a partial batch response that lists only the retryable records', async () => {
    const chatId = loadCtrFixture('chat')['ContactId'];
    new StepFunctionsFake({
      beforeStart: (input) => {
        if (input.name === chatId) {
          throw new SFNServiceException({
            name: 'ServiceUnavailable',
            $fault: 'server',
            message: 'try later',
            $metadata: { httpStatusCode: 503 },
          });
        }
      },
    }).attach(sfnMock);
    const event = kinesisEventOf([
      loadCtrFixture('inbound-voice-agent-recording'),
      { rawData: 'not json at all' },
      loadCtrFixture('chat'),
      loadCtrFixture('agentless-voice'),
    ]);

    const response = await handler(event, context);

    expect(response).toEqual({
      batchItemFailures: [{ itemIdentifier: event.Records[2]!.kinesis.sequenceNumber }],
    });
    expect(sqsMock.commandCalls(SendMessageCommand)).toHaveLength(1);
  });

  it('reports every record when all must be retried (no exception, same retry point)', async () => {
    new StepFunctionsFake({
      beforeStart: () => {
        throw new SFNServiceException({
          name: 'ThrottlingException',
          $fault: 'client',
          message: 'Rate exceeded',
          $metadata: { httpStatusCode: 400 },
        });
      },
    }).attach(sfnMock);
    const event = kinesisEventOf([loadCtrFixture('chat'), loadCtrFixture('agentless-voice')]);
    const response = await handler(event, context);
    expect(response?.batchItemFailures.map((f) => f.itemIdentifier)).toEqual(
      event.Records.map((r) => r.kinesis.sequenceNumber),
    );
  });

  it('an empty response for a fully handled batch', async () => {
    new StepFunctionsFake().attach(sfnMock);
    const response = await handler(kinesisEventOf([loadCtrFixture('chat'), loadCtrFixture('chat')]), context);
    expect(response).toEqual({ batchItemFailures: [] });
  });

  it('fails the invocation with the variable name when the state machine ARN is missing', async () => {
    vi.stubEnv('POSTCALL_STATE_MACHINE_ARN', '');
    await expect(handler(kinesisEventOf([loadCtrFixture('chat')]), context)).rejects.toThrow(
      /POSTCALL_STATE_MACHINE_ARN/,
    );
  });
});
