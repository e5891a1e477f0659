/**
 * Contract of sfInvokeAPI against the org in SF_* (`npm run test:org`): the handler a contact
 * flow invokes, with the shipped sample events made unique to this run (the caller's phone, the
 * Case subject), through create → phoneLookup → lookup → update → delete. Every record carries the
 * run's tag and is deleted afterwards.
 */
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { handler } from '../../functions/invoke-api/handler.js';
import { lambdaContext } from '../../local/aws-stand-ins/lambda-context.js';
import { getSalesforceClient, resetSalesforceClient } from '../../shared/salesforce/from-environment.js';
import { OrgRun } from './support/org-run.js';

const run = new OrgRun();
afterAll(async () => {
  try {
    await run.cleanUp(getSalesforceClient());
  } finally {
    resetSalesforceClient();
  }
});

type Event = { Details: { ContactData: Record<string, unknown>; Parameters: Record<string, string> } };

function event(name: string, parameters: Record<string, string>): Event {
  const sample = JSON.parse(
    readFileSync(new URL(`../../functions/invoke-api/events/event-${name}.json`, import.meta.url), 'utf8'),
  ) as Event;
  return { ...sample, Details: { ...sample.Details, Parameters: parameters } };
}

const invoke = async (input: Event): Promise<Record<string, unknown>> =>
  (await handler(input as never, lambdaContext({ functionName: 'sfInvokeAPI', timeoutMs: 8_000 }))) as Record<
    string,
    unknown
  >;

describe('sfInvokeAPI contract', () => {
  // A phone number of this run only (555-01xx is reserved for fiction).
  const phone = `+1555010${String(Number.parseInt(run.tag.slice(-4), 16) % 100).padStart(2, '0')}`;

  it('create → phoneLookup → lookup → update → delete on the org', async () => {
    const contact = await invoke(
      event('create', { sf_operation: 'create', sf_object: 'Contact', LastName: run.tag, Phone: phone }),
    );
    expect(contact.Id).toEqual(expect.stringMatching(/^003/));
    run.created('Contact', String(contact.Id));

    const found = await invoke(
      event('phoneLookup', { sf_operation: 'phoneLookup', sf_phone: phone, sf_fields: 'Id, LastName' }),
    );
    expect(found).toMatchObject({ sf_count: 1, Id: contact.Id, LastName: run.tag });

    const created = await invoke(
      event('create', {
        sf_operation: 'create',
        sf_object: 'Case',
        ContactId: String(contact.Id),
        Subject: `${run.tag} contract case`,
        Origin: 'Phone',
        Status: 'New',
      }),
    );
    run.created('Case', String(created.Id));

    const lookup = await invoke(
      event('lookup', {
        sf_operation: 'lookup',
        sf_object: 'Case',
        sf_fields: 'Id, Status',
        Subject: `${run.tag} contract case`,
      }),
    );
    expect(lookup).toMatchObject({ sf_count: 1, Id: created.Id, Status: 'New' });

    const updated = await invoke(
      event('update', {
        sf_operation: 'update',
        sf_object: 'Case',
        sf_id: String(created.Id),
        Status: 'Closed',
      }),
    );
    expect(updated).toMatchObject({ Status: 204 });

    const deleted = await invoke(
      event('delete', { sf_operation: 'delete', sf_object: 'Case', sf_id: String(created.Id) }),
    );
    expect(deleted).toEqual({ Response: 'None' });
  });
});
