/**
 * What may be logged about an error above DEBUG: its name, the HTTP status, and for Salesforce the
 * error codes and field names. Never the message: Salesforce quotes the values it rejects
 * (`STRING_TOO_LONG: Subject: data value too large: <the caller's text>`, `Mention id is not a
 * user: <value>`), and other services' messages can quote input too. {@link logFailure} writes the
 * summary at the chosen level and the message only at DEBUG.
 *
 * @example
 * ```ts
 * try { await sf.create('Case', fields); }
 * catch (error) { logFailure(logger, 'warn', 'create failed', error, { contactId }); throw error; }
 * // WARN  {"message":"create failed","contactId":"…","errorName":"Salesforce.Request","httpStatus":400,
 * //        "errorCodes":["STRING_TOO_LONG"],"errorFields":["Subject"]}
 * // DEBUG {"message":"create failed (error message)","contactId":"…","errorMessage":"POST … failed: STRING_TOO_LONG: …"}
 * ```
 */

export interface ErrorSummary {
  errorName: string;
  /** HTTP status of the failed call (Salesforce, or an AWS SDK error's `$metadata`). */
  httpStatus?: number;
  /** Salesforce error codes, e.g. `STRING_TOO_LONG`. */
  errorCodes?: string[];
  /** Salesforce field names the error is about. */
  errorFields?: string[];
  /** The same for the error's cause, when it has one. */
  cause?: ErrorSummary;
}

/** The loggable summary of `error` (any thrown value), following `cause` a few levels deep. */
export function errorSummary(error: unknown, depth = 0): ErrorSummary {
  if (!(error instanceof Error)) return { errorName: typeof error };
  const summary: ErrorSummary = { errorName: safeName(error.name) };
  const source = error as Error & {
    status?: unknown;
    details?: unknown;
    $metadata?: { httpStatusCode?: unknown };
  };
  const status = typeof source.status === 'number' ? source.status : source.$metadata?.httpStatusCode;
  if (typeof status === 'number') summary.httpStatus = status;
  if (Array.isArray(source.details)) {
    const codes = new Set<string>();
    const fields = new Set<string>();
    for (const detail of source.details as Array<Record<string, unknown>>) {
      if (typeof detail?.errorCode === 'string' && detail.errorCode !== '')
        codes.add(safeName(detail.errorCode));
      if (Array.isArray(detail?.fields)) {
        for (const field of detail.fields) if (typeof field === 'string') fields.add(safeName(field));
      }
    }
    if (codes.size > 0) summary.errorCodes = [...codes];
    if (fields.size > 0) summary.errorFields = [...fields];
  }
  const code = (error as { errorCode?: unknown }).errorCode;
  if (summary.errorCodes === undefined && typeof code === 'string' && code !== '') {
    summary.errorCodes = [safeName(code)];
  }
  if (error.cause !== undefined && depth < 3) summary.cause = errorSummary(error.cause, depth + 1);
  return summary;
}

/** The parts of a logger {@link logFailure} uses (a Powertools `Logger` has them). */
export interface FailureLogger {
  debug(message: string, extra: Record<string, unknown>): void;
  info(message: string, extra: Record<string, unknown>): void;
  warn(message: string, extra: Record<string, unknown>): void;
  error(message: string, extra: Record<string, unknown>): void;
}

/**
 * Logs a failure: `attributes` (identifiers and counts only) with the {@link errorSummary} at
 * `level`, then the error's message at DEBUG.
 */
export function logFailure(
  logger: FailureLogger | undefined,
  level: 'info' | 'warn' | 'error',
  message: string,
  error: unknown,
  attributes: Record<string, unknown> = {},
): void {
  if (logger === undefined) return;
  logger[level](message, { ...attributes, ...errorSummary(error) });
  logger.debug(`${message} (error message)`, {
    ...attributes,
    errorMessage: error instanceof Error ? error.message : String(error),
  });
}

/** Names and codes are identifiers; anything else is cut to one (they come from other systems). */
function safeName(text: string): string {
  return text.replace(/[^A-Za-z0-9_.:-]/g, '?').slice(0, 80);
}
