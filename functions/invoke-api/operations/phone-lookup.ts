/**
 * `phoneLookup`: finds the caller by phone number with one parameterizedSearch call.
 *
 * - `sf_phone`: E.164 or a national number (read in SF_PHONE_DEFAULT_REGION); `anonymous` answers
 *   `{ sf_count: 0 }` without calling Salesforce.
 * - `sf_fields`: fields to return (comma-separated, whitespace trimmed).
 * - `sf_object` (optional, new): the object(s) to search, comma-separated, e.g. `Contact, Lead`;
 *   default `Contact` as in the original.
 *
 * Answers the first hit flattened (`Id`, `Name`, `Account.Name`…) with `sf_count` = all hits.
 *
 * @example
 * ```ts
 * await phoneLookup({ sf_phone: '+441122334455', sf_fields: 'Id, Name, Email' }, context);
 * // { Id: '003…', Name: 'Jane Doe', Email: 'jane@example.com', sf_count: 1 }
 * ```
 */
import { soslContent } from '../escaping.js';
import { flattenFirstRecord } from '../flatten.js';
import { requireSObjectName, splitFieldList } from '../identifiers.js';
import { OperationParameters } from '../parameters.js';
import { isAnonymousCaller, nationalSearchDigits } from '../phone-number.js';
import type { ConnectResponse, InvokeApiParameters, OperationContext } from '../types.js';

/**
 * `phoneLookup`: finds the caller by phone number in one parameterized search (Contact unless
 * `sf_object` names others); `anonymous` answers `{ sf_count: 0 }` without calling Salesforce.
 */
export async function phoneLookup(
  parameters: InvokeApiParameters,
  context: OperationContext,
): Promise<ConnectResponse> {
  const operation = context.operation;
  const p = new OperationParameters(operation, parameters);
  const phone = p.required('sf_phone');
  const fields = splitFieldList(operation, 'sf_fields', p.required('sf_fields'));
  const sobjects = (p.optional('sf_object') ?? 'Contact')
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name !== '')
    .map((name) => ({ name: requireSObjectName(operation, 'sf_object', name) }));
  if (isAnonymousCaller(phone)) return { sf_count: 0 };

  const digits = nationalSearchDigits(operation, 'sf_phone', phone, context.settings.phoneDefaultRegion);
  const records = await context.sf.parameterizedSearch({
    q: soslContent(digits),
    in: 'PHONE',
    fields,
    sobjects,
  });
  return flattenFirstRecord(records[0], records.length);
}
