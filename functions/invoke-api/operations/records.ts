/**
 * `create`, `update` and `delete` of one record. For `create`/`update` every parameter other than
 * `sf_object`/`sf_id` is a field; date expressions (`-1d|datetime`) are evaluated at the time of
 * the call, except on the Contact Channel Analytics object whose `ContactLensMatchedCategories__c`
 * is pipe-delimited text (as in the original).
 *
 * @example
 * ```ts
 * await create({ sf_object: 'Case', ContactId: '003…', Status: 'New' }, context); // { Id: '500…' }
 * await update({ sf_object: 'Case', sf_id: '500…', Status: 'Closed' }, context);  // { Status: 204 }
 * await remove({ sf_object: 'Case', sf_id: '500…' }, context);                    // { Response: 'None' }
 * ```
 */
import { evaluateDateExpression } from '../date-expression.js';
import { requireFieldName, requireRecordId, requireSObjectName } from '../identifiers.js';
import { OperationParameters } from '../parameters.js';
import type { ConnectResponse, InvokeApiParameters, OperationContext } from '../types.js';

const CONTACT_CHANNEL_ANALYTICS = 'AC_ContactChannelAnalytics__c';

/** Creates a record; answers `{ Id }`. */
export async function create(
  parameters: InvokeApiParameters,
  context: OperationContext,
): Promise<ConnectResponse> {
  const p = new OperationParameters(context.operation, parameters);
  const sobject = requireSObjectName(context.operation, 'sf_object', p.required('sf_object'));
  const fields = recordFields(p.others(['sf_object']), sobject, context);
  const id = await context.sf.create(sobject, fields);
  return { Id: id };
}

/** Updates a record by id; answers `{ Status: 204 }` as the original did. */
export async function update(
  parameters: InvokeApiParameters,
  context: OperationContext,
): Promise<ConnectResponse> {
  const p = new OperationParameters(context.operation, parameters);
  const sobject = requireSObjectName(context.operation, 'sf_object', p.required('sf_object'));
  const id = requireRecordId(context.operation, 'sf_id', p.required('sf_id'));
  const fields = recordFields(p.others(['sf_object', 'sf_id']), sobject, context);
  await context.sf.update(sobject, id, fields);
  return { Status: 204 };
}

/**
 * Deletes a record by id. Extra parameters are refused (as in the original), so a flow that meant
 * to update cannot delete by mistake. Answers `{ Response: 'None' }`, the documented output.
 */
export async function remove(
  parameters: InvokeApiParameters,
  context: OperationContext,
): Promise<ConnectResponse> {
  const p = new OperationParameters(context.operation, parameters);
  const sobject = requireSObjectName(context.operation, 'sf_object', p.required('sf_object'));
  const id = requireRecordId(context.operation, 'sf_id', p.required('sf_id'));
  p.rejectOthers(['sf_object', 'sf_id']);
  await context.sf.delete(sobject, id);
  return { Response: 'None' };
}

function recordFields(
  entries: Array<[string, string]>,
  sobject: string,
  context: OperationContext,
): Record<string, string> {
  const evaluateDates = !isContactChannelAnalytics(sobject, context.settings.namespacePrefix);
  // Field names are checked (shape and Salesforce's length) before any call; fromEntries keeps a
  // key such as `__proto__` an ordinary (refused) name rather than a prototype assignment.
  return Object.fromEntries(
    entries.map(([key, value]) => [
      requireFieldName(context.operation, key),
      evaluateDates ? evaluateDateExpression(value, context.now) : value,
    ]),
  );
}

function isContactChannelAnalytics(sobject: string, namespacePrefix: string): boolean {
  const name = sobject.toLowerCase();
  const bare = CONTACT_CHANNEL_ANALYTICS.toLowerCase();
  return name === bare || (namespacePrefix !== '' && name === `${namespacePrefix}${bare}`.toLowerCase());
}
