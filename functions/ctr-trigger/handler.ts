/**
 * Lambda handler of the Kinesis CTR stream (event source mapping with `ReportBatchItemFailures`):
 * a thin middy composition around `handleKinesisBatch`. Records to retry become batch item
 * failures through Powertools' `processPartialResponse` (Lambda checkpoints before the lowest
 * failed sequence number and re-delivers from there); everything else counts as handled.
 *
 * The whole batch is handled first because duplicates of a contact are collapsed across the batch
 * and StartExecution calls run concurrently with a bound; the per-record handler then only reports
 * each record's outcome.
 *
 * @example
 * ```ts
 * // infra: new NodejsFunction(this, 'CtrTrigger', { entry: 'functions/ctr-trigger/handler.ts' })
 * const response = await handler(kinesisEvent, context); // { batchItemFailures: [{ itemIdentifier }] }
 * ```
 */
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { SFNClient } from '@aws-sdk/client-sfn';
import { SQSClient } from '@aws-sdk/client-sqs';
import type { Context, KinesisStreamBatchResponse, KinesisStreamEvent } from 'aws-lambda';
import { optionalEnv } from '../../shared/config/environment.js';
import { contactVersionFenceFromEnvironment } from '../../shared/contact-versions/from-environment.js';
import { createLogger } from '../../shared/logging/logger.js';
import { FunctionObservability } from '../../shared/observability/function-observability.js';
import { ctrTriggerSettingsFromEnvironment } from './settings.js';
import { toBatchResponse } from './batch-response.js';
import { handleKinesisBatch } from './handle-batch.js';

const logger = createLogger('ctr-trigger');
const observability = new FunctionObservability('ctr-trigger');
const sfn = observability.awsClient(new SFNClient({}));
const sqs = observability.awsClient(new SQSClient({}));

async function lambdaHandler(
  event: KinesisStreamEvent,
  context: Context,
): Promise<KinesisStreamBatchResponse> {
  const settings = ctrTriggerSettingsFromEnvironment();
  const outcomes = await handleKinesisBatch(event, {
    sfn,
    sqs,
    settings,
    // The import enforces the order; this read only skips superseded versions before a start.
    fence: optionalEnv('CONTACT_VERSION_TABLE') ? contactVersionFenceFromEnvironment() : undefined,
    logger,
    metrics: { addMetric: (name, _unit, value) => observability.count(name, value) },
  });
  return toBatchResponse(event, outcomes, context);
}

export const handler = observability.handler(lambdaHandler).use(injectLambdaContext(logger));
