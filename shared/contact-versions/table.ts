/**
 * The shape of the contact version table, shared by the stack and the offline stand-in so both
 * create the same table: partition key `contactId` (string), TTL attribute `expiresAt`; and the
 * environment variable through which the stack tells the functions its name.
 *
 * @example
 * ```ts
 * new Table(this, 'ContactVersions', { partitionKey: { name: CONTACT_VERSION_KEY, type: AttributeType.STRING },
 *   timeToLiveAttribute: CONTACT_VERSION_TTL_ATTRIBUTE });
 * ```
 */
/** The environment variable naming the contact version table (DynamoDB). */
export const CONTACT_VERSION_TABLE_ENV = 'CONTACT_VERSION_TABLE';

/** The table's partition key: one item per ContactId. */
export const CONTACT_VERSION_KEY = 'contactId';
/**
 * The table's time-to-live attribute (epoch seconds, refreshed on every claim): DynamoDB deletes a
 * contact's item some time after it, so the table does not grow with every contact ever seen.
 */
export const CONTACT_VERSION_TTL_ATTRIBUTE = 'expiresAt';
