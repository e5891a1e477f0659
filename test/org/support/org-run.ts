/**
 * One contract run against the org in SF_*: a tag that every record it creates carries, the
 * package's API names for the org's namespace, and the records to delete afterwards.
 *
 * @example
 * ```ts
 * const run = new OrgRun();
 * const id = await client.create('Contact', { LastName: run.tag });
 * run.created('Contact', id);
 * afterAll(() => run.cleanUp(client));
 * ```
 */
import { randomUUID } from 'node:crypto';
import { namespacePrefix } from '../../../shared/salesforce/namespace.js';
import type { SalesforceApi } from '../../../shared/salesforce/types.js';

export class OrgRun {
  /** `TESTORG-1a2b3c4d`: in a name, subject or external id of every record this run creates. */
  readonly tag = `TESTORG-${randomUUID().slice(0, 8)}`;
  readonly #created: Array<{ sobject: string; id: string }> = [];

  /** `AC_ContactTraceRecord__c` → `amazonconnect__AC_ContactTraceRecord__c` (SF_ADAPTER_NAMESPACE). */
  apiName(name: string): string {
    return name.endsWith('__c') ? `${namespacePrefix(process.env.SF_ADAPTER_NAMESPACE)}${name}` : name;
  }

  created(sobject: string, id: string): void {
    this.#created.push({ sobject, id });
  }

  /** Deletes what this run created, newest first (children before parents); reports what it could not. */
  async cleanUp(client: SalesforceApi): Promise<void> {
    const failures: string[] = [];
    for (const { sobject, id } of this.#created.reverse()) {
      try {
        await client.delete(sobject, id);
      } catch (error) {
        const code = (error as { errorCode?: string }).errorCode;
        if (code !== 'ENTITY_IS_DELETED' && code !== 'NOT_FOUND')
          failures.push(`${sobject} ${id}: ${code ?? error}`);
      }
    }
    this.#created.length = 0;
    if (failures.length > 0)
      throw new Error(`Could not delete records of ${this.tag}: ${failures.join('; ')}`);
  }
}
