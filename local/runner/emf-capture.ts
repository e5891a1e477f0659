/**
 * Reads the functions' CloudWatch EMF output locally, as CloudWatch Logs would: every stdout
 * line that is an EMF document (a JSON object with `_aws.CloudWatchMetrics`) is kept instead of
 * printed; anything else passes through. `npm start` summarises what it would have published;
 * tests check the values.
 *
 * @example
 * ```ts
 * const capture = captureEmf();
 * await handler(event, context);
 * capture.restore();
 * summariseEmf(capture.documents); // { byService: { 'invoke-api': { salesforceApiCalls: 1, ... } } }
 * ```
 */
import { DIMENSION, METRIC, METRICS_NAMESPACE } from '../../shared/observability/metric-names.js';

/** One EMF document: the metadata plus dimension and metric values at the top level. */
export interface EmfDocument {
  _aws: {
    Timestamp: number;
    CloudWatchMetrics: Array<{
      Namespace: string;
      Dimensions: string[][];
      Metrics: Array<{ Name: string; Unit?: string }>;
    }>;
  };
  [key: string]: unknown;
}

/** A running capture of the functions' EMF output on stdout. */
export interface EmfCapture {
  /** Documents captured so far, in output order. */
  readonly documents: EmfDocument[];
  /** Stops capturing (stdout behaves as before). */
  restore(): void;
}

/** Captures EMF documents written to `stream` (default stdout) until `restore()`. */
export function captureEmf(stream: NodeJS.WriteStream = process.stdout): EmfCapture {
  const documents: EmfDocument[] = [];
  const original = stream.write;
  const write = (chunk: unknown, ...rest: unknown[]): boolean => {
    const text = typeof chunk === 'string' ? chunk : Buffer.isBuffer(chunk) ? chunk.toString('utf8') : '';
    const kept = text === '' ? [] : emfDocumentsIn(text);
    if (kept === undefined) return (original as (...args: unknown[]) => boolean).call(stream, chunk, ...rest);
    documents.push(...kept);
    const callback = rest.find((value) => typeof value === 'function') as (() => void) | undefined;
    callback?.();
    return true;
  };
  stream.write = write as typeof stream.write;
  return {
    documents,
    restore: () => {
      stream.write = original;
    },
  };
}

/** The EMF documents of a chunk made only of them, else undefined (the chunk is printed). */
function emfDocumentsIn(text: string): EmfDocument[] | undefined {
  const lines = text.split('\n').filter((line) => line.trim() !== '');
  if (lines.length === 0) return undefined;
  const documents: EmfDocument[] = [];
  for (const line of lines) {
    if (!line.startsWith('{"_aws"')) return undefined;
    try {
      const parsed = JSON.parse(line) as EmfDocument;
      if (!Array.isArray(parsed._aws?.CloudWatchMetrics)) return undefined;
      documents.push(parsed);
    } catch {
      return undefined;
    }
  }
  return documents;
}

/** A metric's values across documents, with each document's dimensions. */
export interface EmfValue {
  value: number;
  unit?: string;
  dimensions: Record<string, string>;
}

/** Every value of metric `name` in the project's namespace, in output order. */
export function emfValues(documents: readonly EmfDocument[], name: string): EmfValue[] {
  const values: EmfValue[] = [];
  for (const document of documents) {
    for (const directive of document._aws.CloudWatchMetrics) {
      if (directive.Namespace !== METRICS_NAMESPACE) continue;
      const metric = directive.Metrics.find((entry) => entry.Name === name);
      if (metric === undefined) continue;
      const dimensions: Record<string, string> = {};
      for (const key of directive.Dimensions.flat()) dimensions[key] = String(document[key]);
      const raw = document[name];
      // A metric added several times in one document is an array of values.
      for (const value of Array.isArray(raw) ? raw : [raw]) {
        values.push({ value: Number(value), unit: metric.Unit, dimensions });
      }
    }
  }
  return values;
}

/** Per function: API calls by operation, errors by name, newest daily usage. */
export interface ServiceMetricsSummary {
  salesforceApiCalls: number;
  callsByOperation: Record<string, number>;
  errorsByName: Record<string, number>;
  /** The newest reading this function published. */
  dailyApiUsagePercent?: number;
  dailyApiRemaining?: number;
}

/** The Salesforce figures of captured EMF documents: per function and in total. */
export interface EmfSummary {
  byService: Record<string, ServiceMetricsSummary>;
  salesforceApiCalls: number;
  /** The newest daily-usage reading of all functions (the last one published). */
  dailyApiUsagePercent?: number;
  dailyApiRemaining?: number;
}

/** What the functions' EMF output says about Salesforce usage. */
export function summariseEmf(documents: readonly EmfDocument[]): EmfSummary {
  const byService: Record<string, ServiceMetricsSummary> = {};
  const service = (dimensions: Record<string, string>) => {
    const name = dimensions[DIMENSION.service] ?? 'unknown';
    byService[name] ??= { salesforceApiCalls: 0, callsByOperation: {}, errorsByName: {} };
    return byService[name];
  };
  const summary: EmfSummary = { byService, salesforceApiCalls: 0 };
  for (const { value, dimensions } of emfValues(documents, METRIC.salesforceApiCalls)) {
    const entry = service(dimensions);
    const operation = dimensions[DIMENSION.operation] ?? 'unknown';
    entry.salesforceApiCalls += value;
    entry.callsByOperation[operation] = (entry.callsByOperation[operation] ?? 0) + value;
    summary.salesforceApiCalls += value;
  }
  for (const { value, dimensions } of emfValues(documents, METRIC.salesforceErrors)) {
    const entry = service(dimensions);
    const name = dimensions[DIMENSION.errorName] ?? 'unknown';
    entry.errorsByName[name] = (entry.errorsByName[name] ?? 0) + value;
  }
  for (const { value, dimensions } of emfValues(documents, METRIC.salesforceDailyApiUsagePercent)) {
    service(dimensions).dailyApiUsagePercent = value;
    summary.dailyApiUsagePercent = value;
  }
  for (const { value, dimensions } of emfValues(documents, METRIC.salesforceDailyApiRemaining)) {
    service(dimensions).dailyApiRemaining = value;
    summary.dailyApiRemaining = value;
  }
  return summary;
}
