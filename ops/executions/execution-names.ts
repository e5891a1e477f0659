/**
 * Execution names are `<ContactId>` (full run), `<ContactId>-<version>` (CTR refresh) or
 * `<ContactId>-r<n>` (restart by `npm run redrive`). Connect contact ids are UUIDs, which contain
 * `-` themselves, so the id is recognised by its shape rather than by splitting.
 */
const UUID_PREFIX = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

/** The ContactId an execution name carries (`<ContactId>` or `<ContactId>-<suffix>`). */
export function contactIdFromExecutionName(name: string): string {
  return UUID_PREFIX.exec(name)?.[0] ?? name.replace(/-r\d+$/, '');
}

/** True when the execution belongs to one of `contactIds` (any kind of run). */
export function belongsToContact(name: string, contactIds?: readonly string[]): boolean {
  if (!contactIds || contactIds.length === 0) return true;
  return contactIds.some((id) => name === id || name.startsWith(`${id}-`));
}

/**
 * A short label for an execution beside its contact's id: "contact" for the execution named by
 * the ContactId, the suffix (`…-r1`, `…-<version>`) for a restart or a refresh.
 */
export function executionLabel(contactId: string, executionName: string): string {
  if (executionName === contactId) return 'contact';
  return executionName.startsWith(`${contactId}-`)
    ? `…${executionName.slice(contactId.length)}`
    : executionName;
}
