/**
 * What `AC_QueueMetrics__c` looks like in the org, from one describe per Salesforce client (per
 * container), reused by every refresh: the original described the object once per queue per
 * refresh to decide whether `Region__c` exists (upstream §9.2, §16 row 13).
 *
 * @example
 * ```ts
 * const object = await queueMetricsObject(salesforce, 'amazonconnect__');
 * object.field('Region__c'); // → 'amazonconnect__Region__c' or undefined
 * ```
 */
import type { DescribeField, SalesforceApi } from '../../shared/salesforce/types.js';
import { QueueMetricsObjectError } from './errors.js';

export const QUEUE_METRICS_OBJECT = 'AC_QueueMetrics__c';
export const QUEUE_ID_FIELD = 'Queue_Id__c';

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

const cache = new WeakMap<SalesforceApi, Map<string, Promise<QueueMetricsObject>>>();

/** Describes `<ns>AC_QueueMetrics__c` once per client; failures are not cached. */
export function queueMetricsObject(
  salesforce: SalesforceApi,
  namespacePrefix: string,
): Promise<QueueMetricsObject> {
  const sobject = namespacePrefix + QUEUE_METRICS_OBJECT;
  let perClient = cache.get(salesforce);
  if (!perClient) {
    perClient = new Map();
    cache.set(salesforce, perClient);
  }
  const cached = perClient.get(sobject);
  if (cached) return cached;
  const pending = salesforce.describe(sobject).then(
    (d) => new QueueMetricsObject(d.name || sobject, namespacePrefix, d.fields),
    (err: unknown) => {
      if (err instanceof Error && err.name === 'Salesforce.Request') {
        throw new QueueMetricsObjectError(
          `Cannot describe ${sobject} (${err.message}): check SF_ADAPTER_NAMESPACE against the CTI Adapter package`,
          { cause: err },
        );
      }
      throw err;
    },
  );
  perClient.set(sobject, pending);
  pending.catch(() => perClient.delete(sobject));
  return pending;
}
