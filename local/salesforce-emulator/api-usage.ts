/**
 * The org's API request allocation: a rolling 24-hour counter, as Salesforce keeps it, reported in
 * `Sforce-Limit-Info: api-usage=N/MAX` and `/limits`, plus per-endpoint counts for tests.
 */
import type { ApiUsage } from './types.js';

const WINDOW_MS = 24 * 60 * 60 * 1000;
const BUCKET_MS = 60 * 1000;

/**
 * Counts the emulated org's API requests over a rolling 24 hours, as Salesforce does, for
 * `Sforce-Limit-Info` and `/limits`, plus token requests and per-endpoint counts for tests.
 */
export class ApiUsageMeter {
  /** Minute bucket start → calls, pruned to the last 24 hours. */
  readonly #buckets = new Map<number, number>();
  #apiCalls = 0;
  #tokenRequests = 0;
  #byEndpoint: Record<string, number> = {};

  constructor(
    readonly dailyLimit: number,
    private readonly now: () => number,
  ) {}

  /** Calls in the last 24 hours. */
  used(): number {
    const cutoff = this.now() - WINDOW_MS;
    let total = 0;
    for (const [start, count] of this.#buckets) {
      if (start + BUCKET_MS <= cutoff) this.#buckets.delete(start);
      else total += count;
    }
    return total;
  }

  exhausted(): boolean {
    return this.used() >= this.dailyLimit;
  }

  countApiCall(endpoint: string): void {
    const bucket = Math.floor(this.now() / BUCKET_MS) * BUCKET_MS;
    this.#buckets.set(bucket, (this.#buckets.get(bucket) ?? 0) + 1);
    this.#apiCalls += 1;
    this.#byEndpoint[endpoint] = (this.#byEndpoint[endpoint] ?? 0) + 1;
  }

  countTokenRequest(): void {
    this.#tokenRequests += 1;
  }

  /** `api-usage=N/MAX` */
  header(): string {
    return `api-usage=${this.used()}/${this.dailyLimit}`;
  }

  snapshot(): ApiUsage {
    return {
      apiCalls: this.#apiCalls,
      tokenRequests: this.#tokenRequests,
      byEndpoint: { ...this.#byEndpoint },
    };
  }

  reset(): void {
    this.#buckets.clear();
    this.#apiCalls = 0;
    this.#tokenRequests = 0;
    this.#byEndpoint = {};
  }
}
