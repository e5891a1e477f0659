/**
 * The fields an sObject has, from the client's describe (cached per container): the original
 * described the object on every invocation (and per row for `Region__c`). Lookups are case-insensitive and return the field's real API name, like the
 * original's `get_field_mapping`/`get_filtered_fields`; unlike it, a failed describe fails the
 * import instead of silently filtering out every field.
 *
 * @example
 * ```ts
 * const fields = await objectFields(salesforce, 'amazonconnect__AC_AgentPerformance__c');
 * fields.resolve('AMAZONCONNECT__REGION__C'); // → 'amazonconnect__Region__c' (or undefined)
 * ```
 */
import type { DescribeField, DescribeResult, SalesforceApi } from '../../shared/salesforce/types.js';

/**
 * An object's fields from its describe, looked up case-insensitively and answering with the real
 * API name.
 */
export class ObjectFields {
  readonly sobject: string;
  private readonly byLowerName = new Map<string, DescribeField>();

  constructor(describe: DescribeResult) {
    this.sobject = describe.name;
    for (const field of describe.fields) this.byLowerName.set(field.name.toLowerCase(), field);
  }

  /** The field's real API name, or undefined when the object has no such field. */
  resolve(name: string): string | undefined {
    return this.byLowerName.get(name.toLowerCase())?.name;
  }

  field(name: string): DescribeField | undefined {
    return this.byLowerName.get(name.toLowerCase());
  }

  has(name: string): boolean {
    return this.byLowerName.has(name.toLowerCase());
  }
}

/** The fields of `sobject`; the client caches the describe per container, failures excepted. */
export async function objectFields(salesforce: SalesforceApi, sobject: string): Promise<ObjectFields> {
  return new ObjectFields(await salesforce.describe(sobject));
}
