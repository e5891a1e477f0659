/**
 * One Powertools logger per function. Level from `LOG_LEVEL`/`POWERTOOLS_LOG_LEVEL`
 * (the stack maps `LambdaLoggingLevel` onto it). Payloads are logged only at DEBUG, and
 * never credentials: see `redact.ts`.
 *
 * @example
 * ```ts
 * const logger = createLogger('ctr-trigger');
 * logger.info('started execution', { contactId });
 * ```
 */
import { Logger } from '@aws-lambda-powertools/logger';

export function createLogger(serviceName: string): Logger {
  return new Logger({ serviceName });
}
