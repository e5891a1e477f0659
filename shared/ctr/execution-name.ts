/**
 * Step Functions execution names of the post-call pipeline: the full execution of a contact is
 * named by its ContactId (an operator finds it in the console by ContactId), a CTR refresh of a
 * newer version by `<ContactId>-<version token>`. Names are deterministic, so a re-delivered
 * record maps onto the same name and Step Functions refuses a second execution.
 *
 * Name rules (`shared/step-functions/start-execution-rules.ts`): 1–80 characters; we only emit `0-9A-Za-z-_`. A ContactId
 * outside that alphabet or longer than 60 characters (never the case for Connect's UUIDs) is
 * replaced by a sanitised prefix plus a hash of the id, which keeps names unique and stable.
 *
 * @example
 * ```ts
 * fullExecutionName('5c0b2a3e-…');                                // '5c0b2a3e-…'
 * refreshExecutionName('5c0b2a3e-…', '2026-11-28T10:09:00Z');    // '5c0b2a3e-…-20261128T100900000Z'
 * ```
 */
import { createHash } from 'node:crypto';
import {
  isAcceptedExecutionName,
  MAX_EXECUTION_NAME_LENGTH,
} from '../step-functions/start-execution-rules.js';
import { ctrVersionToken } from './ctr-version.js';

export { MAX_EXECUTION_NAME_LENGTH };

/** Longest ContactId used verbatim: 60 + '-' + 19-character version token = 80. */
const MAX_VERBATIM_CONTACT_ID = 60;
const NAME_SAFE = /^[0-9A-Za-z_-]+$/;

/** The contact part of every execution name of one contact. */
export function contactNameBase(contactId: string): string {
  if (contactId.length <= MAX_VERBATIM_CONTACT_ID && NAME_SAFE.test(contactId)) return contactId;
  const hash = createHash('sha256').update(contactId, 'utf8').digest('hex').slice(0, 16);
  const prefix = contactId.replace(/[^0-9A-Za-z_-]/g, '_').slice(0, 40);
  return `${prefix}_${hash}`;
}

/** Name of the contact's one full execution. */
export function fullExecutionName(contactId: string): string {
  return contactNameBase(contactId);
}

/**
 * Name of the CTR refresh execution for the version with this `LastUpdateTimestamp`, or `null`
 * when the timestamp is unusable (such a record cannot be shown to be newer).
 */
export function refreshExecutionName(contactId: string, lastUpdateTimestamp: string | null): string | null {
  const token = ctrVersionToken(lastUpdateTimestamp);
  return token === null ? null : `${contactNameBase(contactId)}-${token}`;
}

/** True when `name` satisfies Step Functions' rules in the conservative alphabet used here. */
export function isValidExecutionName(name: string): boolean {
  return NAME_SAFE.test(name) && isAcceptedExecutionName(name);
}
