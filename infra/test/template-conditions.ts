/**
 * Evaluates a synthesized template for given parameter values, the way CloudFormation would:
 * conditions (Fn::Equals/And/Or/Not/Condition, Ref to parameters), resources dropped when their
 * Condition is false, Fn::If resolved and AWS::NoValue removed. Lets one synth answer "what is
 * deployed when the admin sets X".
 *
 * @example
 * ```ts
 * const deployed = deployedResources(template, { PrivateVpcEnabled: 'true' });
 * ```
 */
import { isObject } from '../../shared/values/is-object.js';

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
export type TemplateJson = { [key: string]: Json };
export type ParameterValues = Record<string, string | string[]>;

const NO_VALUE = Symbol('AWS::NoValue');

export function parameterValues(template: TemplateJson, overrides: ParameterValues): ParameterValues {
  const values: ParameterValues = {};
  const parameters = isObject(template.Parameters) ? template.Parameters : {};
  for (const [name, definition] of Object.entries(parameters)) {
    if (!isObject(definition)) continue;
    const fallback = definition.Default === undefined ? '' : String(definition.Default);
    values[name] = definition.Type === 'CommaDelimitedList' ? fallback.split(',') : fallback;
  }
  for (const name of Object.keys(overrides)) {
    if (!(name in values)) throw new Error(`unknown parameter ${name}`);
  }
  return { ...values, ...overrides };
}

export function evaluateConditions(
  template: TemplateJson,
  overrides: ParameterValues = {},
): Map<string, boolean> {
  return conditionEvaluator(template, overrides).all();
}

/** Descriptions of the template Rules assertions these parameter values break (empty: deployable). */
export function brokenRules(template: TemplateJson, overrides: ParameterValues = {}): string[] {
  const evaluator = conditionEvaluator(template, overrides);
  const rules = isObject(template.Rules) ? template.Rules : {};
  const broken: string[] = [];
  for (const rule of Object.values(rules)) {
    if (!isObject(rule)) continue;
    if (rule.RuleCondition !== undefined && !evaluator.evaluate(rule.RuleCondition)) continue;
    for (const assertion of Array.isArray(rule.Assertions) ? rule.Assertions : []) {
      if (isObject(assertion) && !evaluator.evaluate(assertion.Assert))
        broken.push(String(assertion.AssertDescription));
    }
  }
  return broken;
}

function conditionEvaluator(
  template: TemplateJson,
  overrides: ParameterValues,
): { evaluate: (expression: Json) => boolean; all: () => Map<string, boolean> } {
  const values = parameterValues(template, overrides);
  const conditions = isObject(template.Conditions) ? template.Conditions : {};
  const results = new Map<string, boolean>();
  const list = (value: Json): string[] => {
    if (Array.isArray(value)) return value.map((v) => scalar(v));
    if (isObject(value) && typeof value.Ref === 'string') {
      const resolved = values[value.Ref];
      if (resolved === undefined) throw new Error(`rule refers to ${value.Ref}, which is not a parameter`);
      return Array.isArray(resolved) ? resolved : [resolved];
    }
    throw new Error(`unsupported list operand ${JSON.stringify(value)}`);
  };
  const scalar = (value: Json): string => {
    if (typeof value === 'string') return value;
    if (isObject(value) && typeof value.Ref === 'string') {
      const resolved = values[value.Ref];
      if (resolved === undefined)
        throw new Error(`condition refers to ${value.Ref}, which is not a parameter`);
      return Array.isArray(resolved) ? resolved.join(',') : resolved;
    }
    throw new Error(`unsupported condition operand ${JSON.stringify(value)}`);
  };
  const evaluate = (expression: Json): boolean => {
    if (!isObject(expression)) throw new Error(`unsupported condition ${JSON.stringify(expression)}`);
    const [fn, args] = Object.entries(expression)[0];
    const operands = Array.isArray(args) ? args : [args];
    switch (fn) {
      case 'Fn::Equals':
        return scalar(operands[0]) === scalar(operands[1]);
      case 'Fn::And':
        return operands.every(evaluate);
      case 'Fn::Or':
        return operands.some(evaluate);
      case 'Fn::Not':
        return !evaluate(operands[0]);
      case 'Fn::Contains':
        return list(operands[0]).includes(scalar(operands[1]));
      case 'Condition':
        return byName(String(args));
      default:
        throw new Error(`unsupported condition function ${fn}`);
    }
  };
  const byName = (name: string): boolean => {
    const known = results.get(name);
    if (known !== undefined) return known;
    if (!(name in conditions)) throw new Error(`unknown condition ${name}`);
    const value = evaluate(conditions[name]);
    results.set(name, value);
    return value;
  };
  return {
    evaluate,
    all: () => {
      for (const name of Object.keys(conditions)) byName(name);
      return results;
    },
  };
}

/** `value` with every Fn::If decided and AWS::NoValue removed. */
export function resolveIfs(value: Json, conditions: Map<string, boolean>): Json {
  const walk = (node: Json): Json | typeof NO_VALUE => {
    if (Array.isArray(node)) {
      return node.map(walk).filter((item): item is Json => item !== NO_VALUE);
    }
    if (!isObject(node)) return node;
    if (node.Ref === 'AWS::NoValue') return NO_VALUE;
    const fnIf = node['Fn::If'];
    if (Array.isArray(fnIf) && Object.keys(node).length === 1) {
      const decided = conditions.get(String(fnIf[0]));
      if (decided === undefined) throw new Error(`Fn::If on unknown condition ${String(fnIf[0])}`);
      return walk(decided ? fnIf[1] : fnIf[2]);
    }
    const out: { [key: string]: Json } = {};
    for (const [key, child] of Object.entries(node)) {
      const resolved = walk(child);
      if (resolved !== NO_VALUE) out[key] = resolved;
    }
    return out;
  };
  const result = walk(value);
  return result === NO_VALUE ? null : result;
}

export interface DeployedResource {
  readonly logicalId: string;
  readonly type: string;
  readonly properties: { [key: string]: Json };
}

/** The resources CloudFormation would create for these parameter values, Fn::If resolved. */
export function deployedResources(
  template: TemplateJson,
  overrides: ParameterValues = {},
): DeployedResource[] {
  const conditions = evaluateConditions(template, overrides);
  const resources = isObject(template.Resources) ? template.Resources : {};
  const deployed: DeployedResource[] = [];
  for (const [logicalId, resource] of Object.entries(resources)) {
    if (!isObject(resource)) continue;
    if (typeof resource.Condition === 'string' && !conditions.get(resource.Condition)) continue;
    const properties = resolveIfs(isObject(resource.Properties) ? resource.Properties : {}, conditions);
    deployed.push({
      logicalId,
      type: String(resource.Type),
      properties: isObject(properties) ? properties : {},
    });
  }
  return deployed;
}
