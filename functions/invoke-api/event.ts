/**
 * Reads the Connect contact-flow event: `Details.Parameters` (Connect sends strings; numbers and
 * booleans from other callers are accepted as their text) and `sf_operation`. A name or value that
 * is not well-formed Unicode (a lone UTF-16 surrogate) is refused as `InvokeApi.InvalidParameter`
 * naming the parameter, before anything is sent.
 *
 * @example
 * ```ts
 * parseContactFlowEvent({ Details: { Parameters: { sf_operation: 'phoneLookup', sf_phone: '+4411…' } } });
 * // { operation: 'phoneLookup', parameters: { sf_phone: '+4411…' } }
 * ```
 */

import { isObject } from '../../shared/values/is-object.js';
import { printable } from '../../shared/values/printable.js';
import { InvalidEventError, InvalidParameterError } from './errors.js';
import type { InvokeApiParameters } from './types.js';

/**
 * A contact flow's invocation reduced to what the operations read: the operation and its
 * parameters.
 */
export interface ParsedEvent {
  /** `sf_operation`, trimmed; undefined when absent or blank. */
  operation?: string;
  /** The parameters without `sf_operation`, in the order they came. */
  parameters: InvokeApiParameters;
}

/**
 * Reads `Details.Parameters` of a Connect contact flow event: `sf_operation` and the other
 * parameters, each a string. Anything else is an {@link InvalidEventError}.
 */
export function parseContactFlowEvent(event: unknown): ParsedEvent {
  const details = isObject(event) ? event.Details : undefined;
  const raw = isObject(details) ? details.Parameters : undefined;
  if (!isObject(raw)) {
    throw new InvalidEventError(
      'the event has no Details.Parameters object (expected a Connect contact-flow event)',
    );
  }
  const parameters: InvokeApiParameters = {};
  let operation: string | undefined;
  for (const [key, value] of Object.entries(raw)) {
    const text = parameterText(key, value);
    if (key === 'sf_operation') operation = text.trim() === '' ? undefined : text.trim();
    // defineProperty: a parameter named `__proto__` is kept as a parameter, not taken as a prototype.
    else
      Object.defineProperty(parameters, key, {
        value: text,
        enumerable: true,
        writable: true,
        configurable: true,
      });
  }
  for (const [key, text] of Object.entries(parameters)) {
    if (!isWellFormed(key)) {
      throw new InvalidParameterError(
        operation ?? 'sfInvokeAPI',
        key,
        'has a name that is not well-formed Unicode text',
      );
    }
    if (!isWellFormed(text)) {
      throw new InvalidParameterError(
        operation ?? 'sfInvokeAPI',
        key,
        'is not well-formed Unicode text (it holds a lone UTF-16 surrogate)',
      );
    }
  }
  return { operation, parameters };
}

/** No lone UTF-16 surrogate: such text cannot be encoded as UTF-8 for Salesforce. */
function isWellFormed(text: string): boolean {
  return !/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(text);
}

function parameterText(key: string, value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value === null || value === undefined) return '';
  throw new InvalidEventError(
    `parameter '${printable(key, 80)}' is not a text value (Connect parameters are strings)`,
  );
}
