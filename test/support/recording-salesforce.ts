/**
 * A `SalesforceApi` for unit tests of the operations: records every call and answers from
 * canned results. Integration tests use the real client against the emulator instead.
 */
import type {
  ClientStats,
  QueryResult,
  SalesforceApi,
  SalesforceRecord,
  UpsertResult,
} from '../../shared/salesforce/types.js';

export interface RecordedCall {
  method: string;
  args: unknown[];
}

export class RecordingSalesforce implements SalesforceApi {
  readonly calls: RecordedCall[] = [];
  readonly stats: ClientStats = { apiCalls: 0, tokenRequests: 0 };
  queryResult: QueryResult = { records: [], totalSize: 0, done: true };
  searchResult: SalesforceRecord[] = [];
  createdId = '500000000000001AAA';
  /** Makes every call wait for this promise (deadline tests). */
  gate?: Promise<void>;
  /** Makes every call fail with this error. */
  failure?: Error;

  private async record<T>(method: string, args: unknown[], result: T): Promise<T> {
    this.calls.push({ method, args });
    this.stats.apiCalls++;
    if (this.gate !== undefined) await this.gate;
    if (this.failure !== undefined) throw this.failure;
    return result;
  }

  query<T = SalesforceRecord>(soql: string, options?: { maxRecords?: number }): Promise<QueryResult<T>> {
    return this.record('query', [soql, options], this.queryResult as QueryResult<T>);
  }
  search(sosl: string): Promise<SalesforceRecord[]> {
    return this.record('search', [sosl], this.searchResult);
  }
  parameterizedSearch(body: Record<string, unknown>): Promise<SalesforceRecord[]> {
    return this.record('parameterizedSearch', [body], this.searchResult);
  }
  get(sobject: string, id: string, fields?: string[]): Promise<SalesforceRecord> {
    return this.record('get', [sobject, id, fields], { Id: id });
  }
  create(sobject: string, fields: Record<string, unknown>): Promise<string> {
    return this.record('create', [sobject, fields], this.createdId);
  }
  update(sobject: string, id: string, fields: Record<string, unknown>): Promise<void> {
    return this.record('update', [sobject, id, fields], undefined);
  }
  upsert(
    sobject: string,
    field: string,
    value: string,
    fields: Record<string, unknown>,
  ): Promise<UpsertResult> {
    return this.record('upsert', [sobject, field, value, fields], { id: this.createdId, created: true });
  }
  delete(sobject: string, id: string): Promise<void> {
    return this.record('delete', [sobject, id], undefined);
  }
  chatterPost(body: Record<string, unknown>): Promise<string> {
    return this.record('chatterPost', [body], '0D5000000000001AAA');
  }
  chatterComment(feedElementId: string, body: Record<string, unknown>): Promise<string> {
    return this.record('chatterComment', [feedElementId, body], '0D7000000000001AAA');
  }
  describe(): never {
    throw new Error('not used by sfInvokeAPI');
  }
  composite(): never {
    throw new Error('not used by sfInvokeAPI');
  }
  createMany(): never {
    throw new Error('not used by sfInvokeAPI');
  }
  updateMany(): never {
    throw new Error('not used by sfInvokeAPI');
  }
  upsertMany(): never {
    throw new Error('not used by sfInvokeAPI');
  }
  uploadContentVersion(): never {
    throw new Error('not used by sfInvokeAPI');
  }
  limits(): never {
    throw new Error('not used by sfInvokeAPI');
  }
}
