/** A stored record in the REST shape of `GET /sobjects/{Obj}/{id}`. */
import type { EmulatorContext } from '../context.js';
import { invalidField } from '../errors.js';
import { findField } from '../schema/registry.js';
import type { FieldSchema, ObjectSchema } from '../schema/types.js';
import { recordUrl } from '../soql/record-shape.js';
import type { StoredRecord } from '../store/record-store.js';

/** A stored record as the REST API returns it: `attributes` first, then the requested fields. */
export function restRecord(
  _context: EmulatorContext,
  version: string,
  object: ObjectSchema,
  record: StoredRecord,
  fieldNames?: string[],
): Record<string, unknown> {
  const fields: FieldSchema[] =
    fieldNames === undefined
      ? object.fields
      : fieldNames.map((name) => {
          const field = findField(object, name);
          if (field === undefined) {
            throw invalidField(
              `No such column '${name}' on entity '${object.name}'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names.`,
              [name],
            );
          }
          return field;
        });
  const url = recordUrl(version, object.name, record.Id);
  const output: Record<string, unknown> = { attributes: { type: object.name, url } };
  for (const field of fields) {
    const value = record[field.name] ?? null;
    output[field.name] = field.type === 'base64' && value !== null ? `${url}/${field.name}` : value;
  }
  return output;
}

/** `?fields=A,B` → ['A','B'] (undefined when absent). */
export function fieldsParam(query: URLSearchParams): string[] | undefined {
  const raw = query.get('fields');
  if (raw === null || raw.trim() === '') return undefined;
  return raw
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name !== '');
}
