/**
 * The stack's GlobalAnalyticsEnabled switch, read by the reporting functions.
 *
 * @example
 * ```ts
 * readGlobalAnalytics(process.env); // false when unset
 * ```
 */
import { flag } from './template-flag.js';

/** The stack's GlobalAnalyticsEnabled switch (write `Region__c = 'global'`, ids without a region). */
export const GLOBAL_ANALYTICS_ENV = 'GLOBAL_ANALYTICS_ENABLED';

/** On only for the template's `true` (any case); off when unset or anything else (default false). */
export function readGlobalAnalytics(env: Record<string, string | undefined>): boolean {
  return flag(env[GLOBAL_ANALYTICS_ENV], false);
}
