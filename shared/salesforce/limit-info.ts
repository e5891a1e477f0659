/**
 * `Sforce-Limit-Info: api-usage=18/5000[; per-app-api-usage=17/250(appName=x)]`, the header Salesforce adds to every REST response.
 *
 * @example
 * ```ts
 * parseLimitInfo('api-usage=18/5000'); // { used: 18, max: 5000 }
 * ```
 */
const API_USAGE = /(?:^|[;\s])api-usage=(\d+)\/(\d+)/;

/**
 * The org's daily API usage from a `Sforce-Limit-Info` header; undefined when the header is absent
 * or carries no `api-usage`.
 *
 * @example
 * ```ts
 * parseLimitInfo('api-usage=18/5000'); // { used: 18, max: 5000 }
 * ```
 */
export function parseLimitInfo(
  header: string | string[] | undefined,
): { used: number; max: number } | undefined {
  if (header === undefined) return undefined;
  const text = Array.isArray(header) ? header.join(';') : header;
  const match = API_USAGE.exec(text);
  if (match === null) return undefined;
  const used = Number(match[1]);
  const max = Number(match[2]);
  return max > 0 ? { used, max } : undefined;
}
