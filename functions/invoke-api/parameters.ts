/**
 * Reading an operation's parameters with errors that name the operation and the parameter.
 *
 * @example
 * ```ts
 * const p = new OperationParameters('update', { sf_object: 'Case', sf_id: '500…', Status: 'Closed' });
 * p.required('sf_object');              // 'Case'
 * p.others(['sf_object', 'sf_id']);     // [['Status', 'Closed']]
 * ```
 */
import { MissingParameterError, UnexpectedParameterError } from './errors.js';
import type { InvokeApiParameters } from './types.js';

/**
 * An operation's parameters, read with errors that name the operation and the parameter.
 *
 * @example
 * ```ts
 * const p = new OperationParameters('update', { sf_object: 'Case', sf_id: '500…', Status: 'Closed' });
 * p.required('sf_object'); // 'Case'
 * ```
 */
export class OperationParameters {
  readonly operation: string;
  private readonly values: InvokeApiParameters;

  constructor(operation: string, values: InvokeApiParameters) {
    this.operation = operation;
    this.values = values;
  }

  /** The value; throws {@link MissingParameterError} when absent or blank. */
  required(name: string): string {
    const value = this.optional(name);
    if (value === undefined) throw new MissingParameterError(this.operation, name);
    return value;
  }

  /** The value, or `undefined` when absent or blank (Connect sends '' for an unset attribute). */
  optional(name: string): string | undefined {
    const value = Object.hasOwn(this.values, name) ? this.values[name] : undefined;
    return value === undefined || value.trim() === '' ? undefined : value;
  }

  /** Every parameter not named in `consumed`, in the order the flow sent them. */
  others(consumed: readonly string[]): Array<[string, string]> {
    return Object.entries(this.values).filter(([key]) => !consumed.includes(key));
  }

  /** Throws {@link UnexpectedParameterError} naming the first parameter not in `accepted`. */
  rejectOthers(accepted: readonly string[]): void {
    const [extra] = this.others(accepted);
    if (extra !== undefined) throw new UnexpectedParameterError(this.operation, extra[0], accepted);
  }
}
