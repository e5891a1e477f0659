/**
 * Deterministic fault injection. Each API call draws the same number of random values from a
 * seeded PRNG, so a given seed and call order always yields the same faults. Faults are decided
 * and answered BEFORE the request is routed: a faulted call never applies any write (a 503 or
 * UNABLE_TO_LOCK_ROW never leaves a half-done write behind), just like a request Salesforce
 * rejected up front.
 */
import { SalesforceApiError } from './errors.js';
import { type EmulatorRequest, type EmulatorResponse, json, WRITE_METHODS } from './http-types.js';
import { seededRandom } from './prng.js';
import type { FaultConfig, FaultKind } from './types.js';

/**
 * Decides, from a seeded random sequence or an explicit list, which API calls fail and how
 * (limits, unavailability, row locks…); a faulted call is answered before routing, so it never
 * applies a write.
 */
export class FaultInjector {
  #config: FaultConfig = {};
  #random: () => number = seededRandom(1);
  #sequence: Array<FaultKind | null> = [];
  #lostAnswers = 0;

  constructor(config: FaultConfig = {}) {
    this.configure(config);
  }

  configure(config: FaultConfig): void {
    this.#config = { ...config };
    this.#random = seededRandom(config.seed ?? 1);
    this.#sequence = [...(config.sequence ?? [])];
    this.#lostAnswers = config.loseWriteAnswers?.count ?? 0;
  }

  /** How to lose the answer of this write (`loseWriteAnswers`), or undefined to answer it. */
  loseAnswer(write: boolean): 'none' | 'reset' | undefined {
    if (!write || this.#lostAnswers <= 0) return undefined;
    this.#lostAnswers -= 1;
    return this.#config.loseWriteAnswers?.answer ?? 'none';
  }

  get rejectAllSessions(): boolean {
    return this.#config.rejectAllSessions === true;
  }

  get lockRowInsideComposite(): boolean {
    return this.#config.lockRowInsideComposite === true;
  }

  get latencyMs(): number {
    return this.#config.latencyMs ?? 0;
  }

  /** The fault for this call, if any. `write` = POST/PATCH/PUT/DELETE. */
  decide(write: boolean): SalesforceApiError | undefined {
    // Always draw three values so the random stream does not depend on earlier outcomes.
    const limitDraw = this.#random();
    const unavailableDraw = this.#random();
    const lockDraw = this.#random();
    if (this.#sequence.length > 0) {
      const scripted = this.#sequence.shift();
      if (scripted === 'UNABLE_TO_LOCK_ROW' && !write) return undefined;
      return scripted ? faultError(scripted) : undefined;
    }
    if (limitDraw < (this.#config.requestLimitExceededRate ?? 0)) return faultError('REQUEST_LIMIT_EXCEEDED');
    if (unavailableDraw < (this.#config.serverUnavailableRate ?? 0)) return faultError('SERVER_UNAVAILABLE');
    if (write && lockDraw < (this.#config.unableToLockRowRate ?? 0)) return faultError('UNABLE_TO_LOCK_ROW');
    return undefined;
  }
}

/** The error Salesforce answers for a fault kind (status, error code and message). */
export function faultError(kind: FaultKind): SalesforceApiError {
  switch (kind) {
    case 'REQUEST_LIMIT_EXCEEDED':
      return new SalesforceApiError(403, 'REQUEST_LIMIT_EXCEEDED', 'TotalRequests Limit exceeded.');
    case 'SERVER_UNAVAILABLE':
      return new SalesforceApiError(
        503,
        'SERVER_UNAVAILABLE',
        'Server temporarily unavailable, please retry',
      );
    case 'UNABLE_TO_LOCK_ROW':
      return new SalesforceApiError(
        400,
        'UNABLE_TO_LOCK_ROW',
        'unable to obtain exclusive access to this record or 1 records',
        [],
      );
  }
}

const LOCK_MESSAGE = 'unable to obtain exclusive access to this record or 1 records';

/**
 * The answer of a composite request hit by UNABLE_TO_LOCK_ROW when faults are reported inside
 * composite bodies (nothing is executed), or undefined for other requests / unreadable bodies.
 */
export function compositeLockResponse(request: EmulatorRequest): EmulatorResponse | undefined {
  const [first, second] = request.segments;
  if (first !== 'composite') return undefined;
  let body: Record<string, unknown> = {};
  try {
    if (request.body.length > 0) body = JSON.parse(request.body.toString('utf8')) as Record<string, unknown>;
  } catch {
    return undefined;
  }
  if (second === undefined && Array.isArray(body.compositeRequest)) {
    const items = body.compositeRequest as Array<{ method?: unknown; referenceId?: unknown }>;
    const victim = items.findIndex(
      (item) => typeof item.method === 'string' && WRITE_METHODS.has(item.method.toUpperCase()),
    );
    return json(200, {
      compositeResponse: items.map((item, index) => ({
        body:
          index === victim
            ? [{ errorCode: 'UNABLE_TO_LOCK_ROW', message: LOCK_MESSAGE, fields: [] }]
            : [
                {
                  errorCode: 'PROCESSING_HALTED',
                  message:
                    'The transaction was rolled back since another operation in the same transaction failed.',
                },
              ],
        httpHeaders: {},
        httpStatusCode: 400,
        referenceId: String(item.referenceId ?? ''),
      })),
    });
  }
  if (second === 'sobjects') {
    const count = Array.isArray(body.records)
      ? body.records.length
      : (request.query.get('ids') ?? '').split(',').filter((id) => id !== '').length;
    return json(
      200,
      Array.from({ length: count }, () => ({
        success: false,
        errors: [{ statusCode: 'UNABLE_TO_LOCK_ROW', message: LOCK_MESSAGE, fields: [] }],
      })),
    );
  }
  return undefined;
}
