/**
 * Turns one `/composite` upsert subresponse into its result, or into the typed Salesforce error
 * the state machine's Retry/Catch match on (`shared/salesforce/composite-failure.ts`).
 *
 * @example
 * ```ts
 * const { id, created } = upsertOutcome(subresponse, 'AC_ContactTraceRecord__c');
 * ```
 */
import { subresponseError } from '../../shared/salesforce/composite-failure.js';
import type { CompositeSubresponse } from '../../shared/salesforce/types.js';

/** The result of one upsert subrequest: the record's id and whether it was created. */
export interface UpsertOutcome {
  /** Record id; undefined only for pre-v46 204 answers, which carry no body. */
  id?: string;
  created: boolean;
}

/** Reads an upsert subresponse (201 created, 200 updated, 204 updated on API ≤ v45). */
export function upsertOutcome(subresponse: CompositeSubresponse, what: string): UpsertOutcome {
  if (subresponse.httpStatusCode >= 300) throw subresponseError(subresponse, what);
  const body = subresponse.body as { id?: unknown; created?: unknown } | null | undefined;
  const id = typeof body?.id === 'string' ? body.id : undefined;
  return { id, created: subresponse.httpStatusCode === 201 || body?.created === true };
}
