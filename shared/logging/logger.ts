/**
 * One Powertools logger per function. Level from `LOG_LEVEL`/`POWERTOOLS_LOG_LEVEL`
 * (the stack maps `LambdaLoggingLevel` onto it). Above DEBUG a line carries identifiers, counts
 * and error names/codes, never a customer's values (see `error-summary.ts`); payloads are logged
 * only at DEBUG, and never credentials (see `redact.ts`). Every line is capped at
 * {@link MAX_LOG_LINE_BYTES}: a runaway value cannot flood CloudWatch or hide the lines around it.
 *
 * @example
 * ```ts
 * const logger = createLogger('ctr-trigger');
 * logger.info('started execution', { contactId });
 * ```
 */

import type { LogItem } from '@aws-lambda-powertools/logger';
import { Logger } from '@aws-lambda-powertools/logger';
import type { ConstructorOptions } from '@aws-lambda-powertools/logger/types';

/** The most one log line may take, in UTF-8 bytes (CloudWatch accepts 256 KB per event). */
export const MAX_LOG_LINE_BYTES = 8192;
/** Strings longer than this are shortened first when a line is over the cap. */
const LONG_STRING_CHARS = 512;
/** Keys kept when even shortened strings do not fit. */
const ESSENTIAL_KEYS = [
  'level',
  'message',
  'timestamp',
  'service',
  'sampling_rate',
  'cold_start',
  'function_name',
  'function_arn',
  'function_memory_size',
  'function_request_id',
  'xray_trace_id',
];

/** A Powertools logger whose every line fits in {@link MAX_LOG_LINE_BYTES}. */
export class CappedLogger extends Logger {
  protected override printLog(logLevel: number, log: LogItem): void {
    log.prepareForPrint();
    const attributes = log.getAttributes();
    // The replacer tracks ancestors to drop circular references: a fresh one per serialisation.
    if (lineBytes(attributes, this.getJsonReplacer()) > MAX_LOG_LINE_BYTES) {
      log.setAttributes(capAttributes(attributes, () => this.getJsonReplacer()));
    }
    super.printLog(logLevel, log);
  }

  protected override createLogger(options?: ConstructorOptions): Logger {
    return new CappedLogger(options);
  }
}

/**
 * The function's Powertools logger, named by `serviceName` (the function's folder), with every line
 * capped in size.
 *
 * @example
 * ```ts
 * const logger = createLogger('ctr-trigger');
 * ```
 */
export function createLogger(serviceName: string): Logger {
  return new CappedLogger({ serviceName });
}

type Replacer = (key: string, value: unknown) => unknown;

function lineBytes(value: unknown, replacer: Replacer): number {
  return Buffer.byteLength(
    JSON.stringify(value, replacer as (key: string, value: unknown) => unknown),
    'utf8',
  );
}

/**
 * The attributes of an over-long line made to fit: first every long string is shortened (saying
 * how much was cut); if that is not enough, only the essential keys stay (the message shortened
 * too) and `truncated` names the keys left out.
 */
export function capAttributes(
  attributes: Record<string, unknown>,
  makeReplacer: () => Replacer = () => (_key, value) => value,
  maxBytes = MAX_LOG_LINE_BYTES,
): Record<string, unknown> {
  const originalBytes = lineBytes(attributes, makeReplacer());
  const replacer = makeReplacer();
  const shortened = JSON.parse(
    JSON.stringify(attributes, (key, value) => {
      const replaced = replacer(key, value);
      return typeof replaced === 'string' ? shorten(replaced, LONG_STRING_CHARS) : replaced;
    }),
  ) as Record<string, unknown>;
  const first = { ...shortened, truncated: { originalBytes } };
  if (lineBytes(first, makeReplacer()) <= maxBytes) return first;

  const essential: Record<string, unknown> = {};
  for (const key of ESSENTIAL_KEYS) {
    if (key in shortened) essential[key] = shortened[key];
  }
  const dropped = Object.keys(shortened).filter((key) => !ESSENTIAL_KEYS.includes(key));
  const fallback = {
    ...essential,
    message: shorten(String(shortened.message ?? ''), 256),
    truncated: { originalBytes, droppedKeys: dropped.slice(0, 50).map((key) => shorten(key, 64)) },
  };
  return fallback;
}

function shorten(text: string, maxChars: number): string {
  return text.length <= maxChars ? text : `${text.slice(0, maxChars)}…[${text.length - maxChars} more chars]`;
}
