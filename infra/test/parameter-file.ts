/**
 * What CloudFormation checks when a stack is created with a parameter file, evaluated offline:
 * every key is a parameter of the template, every value fits its Type, AllowedPattern (matched
 * against the whole value), AllowedValues, MinValue/MaxValue and MinLength/MaxLength, required
 * parameters (no Default) are given, and no Rules assertion breaks.
 *
 * @example
 * ```ts
 * const problems = parameterFileProblems(template, [{ ParameterKey: 'SalesforceHost', ParameterValue: 'https://acme.my.salesforce.com' }]);
 * ```
 */
import { brokenRules, type TemplateJson } from './template-conditions.js';

/** One entry of a `aws cloudformation create-stack --parameters file://…` JSON file. */
export interface ParameterFileEntry {
  readonly ParameterKey: string;
  readonly ParameterValue: string;
}

export interface ParameterDefinition {
  readonly Type: string;
  readonly Default?: string | number;
  readonly AllowedPattern?: string;
  readonly AllowedValues?: Array<string | number>;
  readonly MinValue?: number;
  readonly MaxValue?: number;
  readonly MinLength?: number;
  readonly MaxLength?: number;
}

/** Why `value` is refused for `definition` (undefined: accepted). */
export function valueProblem(
  name: string,
  definition: ParameterDefinition,
  value: string,
): string | undefined {
  if (definition.Type === 'Number') {
    if (!/^-?\d+(\.\d+)?$/.test(value.trim())) return `${name}: "${value}" is not a number`;
    const number = Number(value);
    if (definition.MinValue !== undefined && number < definition.MinValue)
      return `${name}: ${value} is below MinValue ${definition.MinValue}`;
    if (definition.MaxValue !== undefined && number > definition.MaxValue)
      return `${name}: ${value} is above MaxValue ${definition.MaxValue}`;
  }
  if (definition.MinLength !== undefined && value.length < definition.MinLength)
    return `${name}: shorter than MinLength ${definition.MinLength}`;
  if (definition.MaxLength !== undefined && value.length > definition.MaxLength)
    return `${name}: longer than MaxLength ${definition.MaxLength}`;
  if (definition.AllowedValues && !definition.AllowedValues.map(String).includes(value))
    return `${name}: "${value}" is not one of ${definition.AllowedValues.join(', ')}`;
  if (definition.AllowedPattern !== undefined) {
    const values = definition.Type === 'CommaDelimitedList' ? value.split(',') : [value];
    const pattern = new RegExp(`^(?:${definition.AllowedPattern})$`);
    const bad = values.find((v) => !pattern.test(v));
    if (bad !== undefined)
      return `${name}: "${bad}" does not match AllowedPattern ${definition.AllowedPattern}`;
  }
  return undefined;
}

/** Every reason CloudFormation would refuse these parameters for this template (empty: accepted). */
export function parameterFileProblems(
  template: TemplateJson,
  entries: readonly ParameterFileEntry[],
): string[] {
  const definitions = (template.Parameters ?? {}) as unknown as Record<string, ParameterDefinition>;
  const problems: string[] = [];
  const given = new Map(entries.map((entry) => [entry.ParameterKey, entry.ParameterValue]));
  for (const key of given.keys()) {
    if (!(key in definitions)) problems.push(`${key}: not a parameter of the template`);
  }
  const values: Record<string, string | string[]> = {};
  for (const [name, definition] of Object.entries(definitions)) {
    const value = given.get(name);
    if (value === undefined) {
      if (definition.Default === undefined) problems.push(`${name}: required, no value given`);
      continue;
    }
    const problem = valueProblem(name, definition, value);
    if (problem) problems.push(problem);
    values[name] = definition.Type === 'CommaDelimitedList' ? value.split(',') : value;
  }
  if (problems.length > 0) return problems;
  return brokenRules(template, values).map((rule) => `Rules: ${rule}`);
}
