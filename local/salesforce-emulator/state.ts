/**
 * Saving and restoring an emulated org across processes: `npm start` saves what the pipeline
 * wrote, and the `--local` operations commands (`npm run redrive -- --local` …) continue from it,
 * so a re-drive finds the records the failed execution already created.
 *
 * @example
 * ```ts
 * writeFileSync(file, JSON.stringify(emulator.exportState()));
 * const again = await startSalesforceEmulator({ state: JSON.parse(readFileSync(file, 'utf8')) });
 * ```
 */
import type { IdGenerator } from './ids.js';
import type { Schema } from './schema/registry.js';
import type { RecordStore, StoredRecord } from './store/record-store.js';
import type { EmulatorState } from './types.js';

/** Blob values (file bodies) as base64 so the state is plain JSON. */
const BLOB_MARKER = '$base64';

function encodeValue(value: unknown): unknown {
  if (value instanceof Uint8Array) return { [BLOB_MARKER]: Buffer.from(value).toString('base64') };
  return value;
}

function decodeValue(value: unknown): unknown {
  if (value !== null && typeof value === 'object' && BLOB_MARKER in value) {
    return Buffer.from(String((value as Record<string, unknown>)[BLOB_MARKER]), 'base64');
  }
  return value;
}

/** The org's records and id counters as JSON, to continue from later (`npm start` saves it). */
export function exportState(schema: Schema, store: RecordStore, ids: IdGenerator): EmulatorState {
  const tables: EmulatorState['tables'] = {};
  for (const object of schema.objects()) {
    const rows = store.all(object.name);
    if (rows.length === 0) continue;
    tables[object.name] = rows.map((row) =>
      Object.fromEntries(Object.entries(row).map(([key, value]) => [key, encodeValue(value)])),
    );
  }
  return { version: 1, counters: ids.counters(), tables };
}

/** Restores records and id counters saved by {@link exportState}. */
export function importState(
  state: EmulatorState,
  schema: Schema,
  store: RecordStore,
  ids: IdGenerator,
): void {
  if (state.version !== 1) throw new Error(`Unsupported emulator state version ${String(state.version)}`);
  ids.restore(state.counters);
  for (const [objectName, rows] of Object.entries(state.tables)) {
    const object = schema.objectLenient(objectName);
    if (object === undefined)
      throw new Error(`Saved state has records of ${objectName}, which this org's schema lacks`);
    for (const row of rows) {
      const record = Object.fromEntries(Object.entries(row).map(([key, value]) => [key, decodeValue(value)]));
      store.put(object.name, record as StoredRecord);
    }
  }
}
