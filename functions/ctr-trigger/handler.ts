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
import { contactVersionFenceFromEnvironment } from '../../shared/contact-versions/from-environment.js';
import { createLogger } from '../../shared/logging/logger.js';
import { FunctionObservability } from '../../shared/observability/function-observability.js';
import { payloadWriterFromEnvironment } from '../../shared/payloads/from-environment.js';
import { toBatchResponse } from './batch-response.js';
import { handleKinesisBatch } from './ctr-trigger.js';
import { readCtrTriggerSettings } from './settings.js';

/** What the handler works with; tests and local runs inject their own. */
export interface CtrTriggerHandlerDependencies {
  /** Defaults to one (traced) Step Functions client per container. */
  sfn: SFNClient;
  /** Defaults to one (traced) SQS client per container: the dead-letter queue. */
  sqs: SQSClient;
}

const logger = createLogger('ctr-trigger');
const observability = new FunctionObservability('ctr-trigger');

/**
 * Builds the Kinesis trigger's Lambda handler: one post-call execution per contact of the batch,
 * a partial batch response listing only the records to retry.
 *
 * @example
 * ```ts
 * const handler = createHandler({ sfn: new SFNClient({}), sqs: new SQSClient({}) });
 * const { batchItemFailures } = await handler(kinesisEvent, context);
 * ```
 */
export function createHandler(dependencies: Partial<CtrTriggerHandlerDependencies> = {}) {
  const sfn = dependencies.sfn ?? observability.awsClient(new SFNClient({}));
  const sqs = dependencies.sqs ?? observability.awsClient(new SQSClient({}));
  return observability
    .handler(async (event: KinesisStreamEvent, context: Context): Promise<KinesisStreamBatchResponse> => {
      const settings = readCtrTriggerSettings(process.env);
      const outcomes = await handleKinesisBatch(event, {
        sfn,
        sqs,
        settings,
        // The import enforces the order; this read only skips superseded versions before a start.
        fence:
          settings.contactVersionTable === undefined
            ? undefined
            : contactVersionFenceFromEnvironment(process.env),
        payloads:
          settings.payloadBucket === undefined ? undefined : payloadWriterFromEnvironment(process.env),
        logger,
        metrics: { addMetric: (name, _unit, value) => observability.count(name, value) },
      });
      return toBatchResponse(event, outcomes, context);
    })
    .use(injectLambdaContext(logger, { resetKeys: true }));
}

/** The deployed handler (`functions/ctr-trigger/handler.handler`). */
export const handler = createHandler();
