/**
 * The shape of the contact version table, shared by the stack and the offline stand-in so both
 * create the same table: partition key `contactId` (string), TTL attribute `expiresAt`.
 *
 * @example
 * ```ts
 * new Table(this, 'ContactVersions', { partitionKey: { name: CONTACT_VERSION_KEY, type: AttributeType.STRING },
 *   timeToLiveAttribute: CONTACT_VERSION_TTL_ATTRIBUTE });
 * ```
 */
export const CONTACT_VERSION_KEY = 'contactId';
export const CONTACT_VERSION_TTL_ATTRIBUTE = 'expiresAt';
