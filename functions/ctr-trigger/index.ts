/**
 * The Kinesis trigger's logic for callers other than Lambda (`npm start`, benchmarks, tests).
 * `handler.ts` is the Lambda entry point.
 *
 * @example
 * ```ts
 * import { handleKinesisBatch, toBatchResponse } from '../functions/ctr-trigger/index.js';
 * const outcomes = await handleKinesisBatch(event, { sfn, sqs, settings });
 * ```
 */

export { executionArnFor } from '../../shared/step-functions/start-execution-rules.js';
export { toBatchResponse } from './batch-response.js';
export { handleKinesisBatch } from './ctr-trigger.js';
export {
  AVAILABLE_BRANCHES,
  DEFAULT_MAX_CONCURRENCY,
  MAX_CONCURRENCY_LIMIT,
  readCtrTriggerSettings,
} from './settings.js';
export type * from './types.js';
