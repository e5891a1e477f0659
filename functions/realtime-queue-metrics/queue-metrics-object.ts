/**
 * What `AC_QueueMetrics__c` looks like in the org, from the client's describe (cached per
 * container, so one call serves every refresh): the original described the object once per queue per
 * refresh to decide whether `Region__c` exists (the original described it on every refresh).
 *
 * @example
 * ```ts
 * const object = await queueMetricsObject(salesforce, 'amazonconnect__');
 * object.field('Region__c'); // → 'amazonconnect__Region__c' or undefined
 * ```
 */
import type { DescribeField, DescribeResult, SalesforceApi } from '../../shared/salesforce/types.js';
import { QueueMetricsObjectError } from './errors.js';

/** The queue metrics object (without namespace). */
export const QUEUE_METRICS_OBJECT = 'AC_QueueMetrics__c';
/** The queue metrics object's external id field (without namespace). */
export const QUEUE_ID_FIELD = 'Queue_Id__c';

/**
 * `AC_QueueMetrics__c` as the org has it (from the cached describe): its real name, external id
 * field and which optional fields exist.
 */
export class QueueMetricsObject {
  readonly sobject: string;
  readonly namespacePrefix: string;
  /** The real name of `<ns>Queue_Id__c`, the external id. */
  readonly externalIdField: string;
  private readonly byLowerName: Map<string, DescribeField>;

  constructor(sobject: string, namespacePrefix: string, fields: DescribeField[]) {
    this.sobject = sobject;
    this.namespacePrefix = namespacePrefix;
    this.byLowerName = new Map(fields.map((f) => [f.name.toLowerCase(), f]));
    const externalId = this.byLowerName.get((namespacePrefix + QUEUE_ID_FIELD).toLowerCase());
    if (!externalId) {
      throw new QueueMetricsObjectError(
        `${sobject} has no ${namespacePrefix + QUEUE_ID_FIELD} field: check SF_ADAPTER_NAMESPACE against the CTI Adapter package`,
      );
    }
    this.externalIdField = externalId.name;
  }

  /** Real API name of a custom field given without namespace (`Region__c`), or of a standard field (`Name`). */
  field(name: string, standard = false): string | undefined {
    return this.describeOf(name, standard)?.name;
  }

  /** The text length of a field, when describe gives one. */
  lengthOf(name: string, standard = false): number | undefined {
    return this.describeOf(name, standard)?.length;
  }

  private describeOf(name: string, standard: boolean): DescribeField | undefined {
    return this.byLowerName.get((standard ? name : this.namespacePrefix + name).toLowerCase());
  }
}

/** Describes `<ns>AC_QueueMetrics__c` (the client caches the describe per container, failures excepted). */
export async function queueMetricsObject(
  salesforce: SalesforceApi,
  namespacePrefix: string,
): Promise<QueueMetricsObject> {
  const sobject = namespacePrefix + QUEUE_METRICS_OBJECT;
  let describe: DescribeResult;
  try {
    describe = await salesforce.describe(sobject);
  } catch (err) {
    if (err instanceof Error && err.name === 'Salesforce.Request') {
      throw new QueueMetricsObjectError(
        `Cannot describe ${sobject} (${err.message}): check SF_ADAPTER_NAMESPACE against the CTI Adapter package`,
        { cause: err },
      );
    }
    throw err;
  }
  return new QueueMetricsObject(describe.name || sobject, namespacePrefix, describe.fields);
}
