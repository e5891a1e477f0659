/**
 * `{{ key }}` templates of the Chatter operations (original `text_replace_string`): each
 * placeholder (key trimmed) is replaced by the parameter of that name. A placeholder without a
 * parameter, unbalanced braces, or a value that itself contains `{{` is an error naming the problem
 * (the original said only "string is improperly formatted"). Only parameters the flow sent are
 * looked up: `{{constructor}}`, `{{__proto__}}`, `{{toString}}` name no parameter unless the flow
 * sent one of that name.
 *
 * @example
 * ```ts
 * renderMessageTemplate('createChatterPost', 'sf_message', 'Call from {{ phone }}', { phone: '+4411…' });
 * // 'Call from +4411…'
 * ```
 */
import { InvalidParameterError } from './errors.js';

/**
 * Fills a Chatter message's `{{ key }}` placeholders from the flow's parameters; a placeholder
 * without a parameter, unbalanced braces or a value containing `{{` is an error naming it.
 *
 * @example
 * ```ts
 * renderMessageTemplate('createChatterPost', 'sf_message', 'Call from {{phone}}', { phone: '+15551234567' });
 * // 'Call from +15551234567'
 * ```
 */
export function renderMessageTemplate(
  operation: string,
  parameter: string,
  template: string,
  values: Readonly<Record<string, string>>,
): string {
  let out = '';
  let rest = template;
  for (;;) {
    const open = rest.indexOf('{{');
    const strayClose = rest.indexOf('}}');
    if (open === -1) {
      if (strayClose !== -1) throw new InvalidParameterError(operation, parameter, "has '}}' without '{{'");
      return out + rest;
    }
    if (strayClose !== -1 && strayClose < open) {
      throw new InvalidParameterError(operation, parameter, "has '}}' without '{{'");
    }
    const close = rest.indexOf('}}', open + 2);
    if (close === -1) throw new InvalidParameterError(operation, parameter, "has '{{' without '}}'");
    const key = rest.slice(open + 2, close).trim();
    if (key.includes('{{')) throw new InvalidParameterError(operation, parameter, "has '{{' without '}}'");
    // Own properties only: `{{constructor}}` or `{{toString}}` must not find Object.prototype's.
    const value = Object.hasOwn(values, key) ? values[key] : undefined;
    if (typeof value !== 'string') {
      throw new InvalidParameterError(
        operation,
        parameter,
        `uses {{${key.slice(0, 80)}}} but no parameter '${key.slice(0, 80)}' was given`,
      );
    }
    if (value.includes('{{')) {
      throw new InvalidParameterError(
        operation,
        key,
        "contains '{{', which a message template value may not contain",
      );
    }
    out += rest.slice(0, open) + value;
    rest = rest.slice(close + 2);
  }
}
