/**
 * The emulator seed behind `npm run invoke`: the sample org (`local/salesforce-emulator/seed/sample-org.json`) plus the two records
 * that the `delete` and `createChatterComment` sample events point at, so every event in
 * `functions/invoke-api/events/` runs as shipped (like the seeded Contact and Case that the
 * upstream phoneLookup/create/update events use).
 *
 * @example
 * ```ts
 * const emulator = await startSalesforceEmulator({ seed: sampleEventSeed() });
 * ```
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { SeedData } from '../../local/salesforce-emulator/types.js';

const SAMPLE_ORG = new URL('../../local/salesforce-emulator/seed/sample-org.json', import.meta.url);

/** Case deleted by `event-delete.json`. */
export const DELETE_SAMPLE_CASE_ID = '5001r000023P6WRAA0';
/** Feed item commented on by `event-createChatterComment.json`. */
export const COMMENT_SAMPLE_FEED_ITEM_ID = '0D51r000000RcYwCAK';
/** Case updated by `event-update.json` (in the sample org). */
export const UPDATE_SAMPLE_CASE_ID = '5001r000023P6WQAA0';

/** The sample org plus the records the sample events refer to, so every sample answers offline. */
export function sampleEventSeed(): SeedData {
  const sample = JSON.parse(readFileSync(fileURLToPath(SAMPLE_ORG), 'utf8')) as SeedData;
  return {
    ...sample,
    Case: [
      ...(sample.Case ?? []),
      {
        Id: DELETE_SAMPLE_CASE_ID,
        Subject: 'Case for the sfInvokeAPI delete sample event (event-delete.json)',
        Status: 'New',
        Origin: 'Phone',
      },
    ],
    FeedItem: [
      ...(sample.FeedItem ?? []),
      {
        Id: COMMENT_SAMPLE_FEED_ITEM_ID,
        ParentId: UPDATE_SAMPLE_CASE_ID,
        Body: 'Feed item for the sfInvokeAPI createChatterComment sample event',
        Type: 'TextPost',
      },
    ],
  };
}
