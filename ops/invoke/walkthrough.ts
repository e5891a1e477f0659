/**
 * The seed guide's validation of an installation, as one command: look the caller up by phone,
 * create a Case for the Contact found, close it, and confirm it is Closed — with the same sample
 * events the guide has admins paste into the Lambda console (ContactId and sf_id filled in from
 * the previous steps). Stops at the first failing step; each step is reported as it finishes.
 *
 * @example
 * ```ts
 * const ok = await runWalkthrough(invoker, await loadWalkthroughEvents(), (step) => console.log(step.detail));
 * ```
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { InvokeOutcome, Invoker } from './invokers.js';

/** The contact flow events of the walkthrough: look up the caller, create a case, update it. */
export interface WalkthroughEvents {
  phoneLookup: ContactFlowEvent;
  create: ContactFlowEvent;
  update: ContactFlowEvent;
}

/** A Connect contact flow event as sfInvokeAPI receives it. */
export interface ContactFlowEvent {
  Details: { ContactData?: Record<string, unknown>; Parameters: Record<string, string> };
  Name?: string;
}

/** One step of the walkthrough and how it went. */
export interface WalkthroughStep {
  step: number;
  of: number;
  name: string;
  ok: boolean;
  detail: string;
  outcome: InvokeOutcome;
}

const EVENTS_DIR = new URL('../../functions/invoke-api/events/', import.meta.url);
const STEPS = 4;

/** The sample events shipped with the function. */
export async function loadWalkthroughEvents(): Promise<WalkthroughEvents> {
  const read = async (name: string) =>
    JSON.parse(await readFile(fileURLToPath(new URL(name, EVENTS_DIR)), 'utf8')) as ContactFlowEvent;
  return {
    phoneLookup: await read('event-phoneLookup.json'),
    create: await read('event-create.json'),
    update: await read('event-update.json'),
  };
}

/** Runs the four steps; true when all passed. */
export async function runWalkthrough(
  invoker: Invoker,
  events: WalkthroughEvents,
  report: (step: WalkthroughStep) => void,
): Promise<boolean> {
  const finish = (
    step: number,
    name: string,
    outcome: InvokeOutcome,
    check: (result: Record<string, unknown>) => string | Error,
  ) => {
    let ok = false;
    let detail: string;
    if ('error' in outcome) {
      detail = `${outcome.error.name}: ${outcome.error.message}`;
    } else {
      const checked = check(outcome.result);
      ok = !(checked instanceof Error);
      detail = checked instanceof Error ? checked.message : checked;
    }
    report({ step, of: STEPS, name, ok, detail, outcome });
    return ok ? (outcome as { result: Record<string, unknown> }).result : undefined;
  };

  const phone = events.phoneLookup.Details.Parameters.sf_phone;
  const found = finish(
    1,
    'Look up the caller by phone (phoneLookup)',
    await invoker.invoke(events.phoneLookup),
    (r) =>
      Number(r.sf_count) >= 1 && typeof r.Id === 'string'
        ? `found ${String(r.Name ?? 'record')} ${r.Id} for ${phone} (sf_count ${r.sf_count})`
        : new Error(`no record found for ${phone} (sf_count ${String(r.sf_count)})`),
  );
  if (found === undefined) return false;

  const createEvent = withParameters(events.create, { ContactId: String(found.Id) });
  const created = finish(
    2,
    'Create a Case for the Contact (create)',
    await invoker.invoke(createEvent),
    (r) =>
      typeof r.Id === 'string' && r.Id !== ''
        ? `created ${createEvent.Details.Parameters.sf_object} ${r.Id} (Status ${createEvent.Details.Parameters.Status ?? '?'})`
        : new Error(`no Id in the answer ${JSON.stringify(r)}`),
  );
  if (created === undefined) return false;
  const caseId = String(created.Id);

  const updateEvent = withParameters(events.update, { sf_id: caseId });
  const updated = finish(3, 'Close the Case (update)', await invoker.invoke(updateEvent), (r) =>
    String(r.Status) === '204'
      ? `updated ${caseId}: Status ${updateEvent.Details.Parameters.Status ?? '?'} (HTTP 204)`
      : new Error(`expected Status 204, got ${JSON.stringify(r)}`),
  );
  if (updated === undefined) return false;

  const sobject = updateEvent.Details.Parameters.sf_object ?? 'Case';
  const expected = updateEvent.Details.Parameters.Status ?? 'Closed';
  const confirmEvent: ContactFlowEvent = {
    Details: {
      ContactData: events.update.Details.ContactData,
      Parameters: {
        sf_operation: 'queryOne',
        query: `SELECT Id, Status, Subject, ContactId FROM ${sobject} WHERE Id = 'recordid'`,
        recordid: caseId,
      },
    },
    Name: 'ContactFlowEvent',
  };
  const confirmed = finish(
    4,
    `Confirm the Case is ${expected} (queryOne)`,
    await invoker.invoke(confirmEvent),
    (r) =>
      Number(r.sf_count) === 1 && r.Status === expected && r.ContactId === found.Id
        ? `${caseId} is ${expected}, subject "${String(r.Subject)}", contact ${String(r.ContactId)}`
        : new Error(
            `expected one ${sobject} with Status ${expected} for contact ${String(found.Id)}, got ${JSON.stringify(r)}`,
          ),
  );
  return confirmed !== undefined;
}

function withParameters(event: ContactFlowEvent, parameters: Record<string, string>): ContactFlowEvent {
  return {
    ...event,
    Details: { ...event.Details, Parameters: { ...event.Details.Parameters, ...parameters } },
  };
}
