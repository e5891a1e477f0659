/** State shared by every route of one emulator instance. */

import type { IdGenerator } from './ids.js';
import type { OrgAutomation } from './org-behaviour.js';
import type { Schema } from './schema/registry.js';
import type { RecordStore } from './store/record-store.js';
import type { EmulatorCredentials } from './types.js';

/** State shared by every route of one emulator instance: schema, records, ids, credentials, clock. */
export interface EmulatorContext {
  readonly schema: Schema;
  readonly store: RecordStore;
  readonly ids: IdGenerator;
  readonly credentials: EmulatorCredentials;
  /** Clock (ms since the epoch); injectable for rolling-window and expiry tests. */
  readonly now: () => number;
  readonly orgId: string;
  /** Id of the API user (the User whose Username is credentials.username). */
  apiUserId: string;
  /** Base URL, filled once the server listens. */
  url: string;
  /** Validation rules and trigger errors checked on every API write. */
  readonly automation: OrgAutomation;
  /** Max characters of base64 accepted for a blob field in a JSON body (37.5 MB). */
  readonly maxBase64Length: number;
}

/** Salesforce's datetime format: `2024-01-02T03:04:05.000+0000`. */
export function formatDateTime(ms: number): string {
  return new Date(ms).toISOString().replace('Z', '+0000');
}
