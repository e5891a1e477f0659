/**
 * Seed data: `{ "<sObject>": [ {fields…}, … ], … }`, applied in file order. A record may carry
 * `"$ref": "name"` so later records can point at it with `"@{name}"`, and an explicit 15/18-char
 * `Id` (e.g. the ids of the upstream sample events). Packaged object names may omit the
 * namespace.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { EmulatorContext } from './context.js';
import type { RecordService } from './store/record-service.js';
import type { SeedData } from './types.js';

/** The sample org the emulator is seeded with by default. */
export const SAMPLE_ORG_PATH = fileURLToPath(new URL('./seed/sample-org.json', import.meta.url));

/**
 * The seed records to load: the given data, the JSON file at a path, the sample org when
 * undefined, nothing when `false`.
 */
export function loadSeed(seed: SeedData | string | false | undefined): SeedData {
  if (seed === false) return {};
  if (seed === undefined || typeof seed === 'string') {
    return JSON.parse(readFileSync(seed ?? SAMPLE_ORG_PATH, 'utf8')) as SeedData;
  }
  return seed;
}

/**
 * Inserts seed records in order, resolving `@{reference}` values to the ids of records inserted
 * before them.
 */
export function applySeed(context: EmulatorContext, records: RecordService, seed: SeedData): void {
  const references = new Map<string, string>();
  const resolve = (value: unknown): unknown => {
    if (typeof value !== 'string') return value;
    const match = /^@\{([^}]+)\}$/.exec(value);
    if (!match) return value;
    const id = references.get(match[1]);
    if (id === undefined) throw new Error(`Seed reference @{${match[1]}} is not defined earlier in the seed`);
    return id;
  };
  for (const [objectName, rows] of Object.entries(seed)) {
    const object = context.schema.objectLenient(objectName);
    if (object === undefined) throw new Error(`Seed object ${objectName} is not in the emulator schema`);
    for (const row of rows) {
      const { $ref: reference, ...fields } = row as Record<string, unknown> & { $ref?: string };
      const values = Object.fromEntries(Object.entries(fields).map(([key, value]) => [key, resolve(value)]));
      let id: string;
      if (object.name === 'User' && values.Username === context.credentials.username) {
        id = records.update(object, context.apiUserId, values, { system: true }).Id;
      } else {
        try {
          id = records.create(object, values, { system: true }).Id;
        } catch (error) {
          throw new Error(`Seed record of ${objectName} is invalid: ${(error as Error).message}`);
        }
      }
      if (typeof reference === 'string') references.set(reference, id);
    }
  }
}
