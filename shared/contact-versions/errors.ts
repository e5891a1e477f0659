/**
 * Errors of the contact version fence. Each `name` is what the state machine's Retry matches on.
 *
 * @example
 * ```ts
 * try { await fence.claim(request); } catch (error) { if (error instanceof ContactBusyError) … }
 * ```
 */

/**
 * Another import of the same contact holds the fence (its Salesforce write is in flight):
 * retry after a pause. Never a failure of the data: no Salesforce call was made.
 */
export class ContactBusyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PostCall.ContactBusy';
  }
}

/** DynamoDB refused or failed a fence call (throttling, an outage): worth retrying later. */
export class VersionStoreUnavailableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'PostCall.VersionStoreUnavailable';
  }
}
