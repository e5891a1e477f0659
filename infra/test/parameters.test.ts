/**
 * The environment a switch parameter feeds is `'true'`/`'false'` from its `<Id>Condition`: every
 * switch with an environment variable has that condition, and one without it fails the synth.
 */
import { App, Stack } from 'aws-cdk-lib';
import { describe, expect, it } from 'vitest';
import {
  BOOLEAN_PATTERN,
  PARAMETER_SPECS,
  type ParameterField,
  type ParameterSpec,
} from '../lib/parameter-specs.js';
import { StackParameters } from '../lib/parameters.js';

const SWITCHES = (PARAMETER_SPECS as readonly ParameterSpec[]).filter(
  (spec) => spec.pattern === BOOLEAN_PATTERN && spec.env !== undefined,
);

describe('StackParameters.environmentOf', () => {
  it.each(SWITCHES.map((spec) => [spec.id, spec] as const))(
    '%s feeds its env from <Id>Condition',
    (_, spec) => {
      const stack = new Stack(new App(), 'Switches');
      const params = new StackParameters(stack, 'Parameters');
      const environment = params.environmentOf(spec.field as ParameterField);
      expect(stack.resolve(environment[spec.env as string])).toEqual({
        'Fn::If': [`${spec.id}Condition`, 'true', 'false'],
      });
    },
  );

  it('refuses a switch whose condition does not exist, at synth', () => {
    const [spec] = SWITCHES;
    if (!spec) throw new Error('no switch parameter with an environment variable');
    const stack = new Stack(new App(), 'MissingCondition');
    const params = new StackParameters(stack, 'Parameters');
    stack.node.tryRemoveChild(`${spec.id}Condition`);
    expect(() => params.environmentOf(spec.field as ParameterField)).toThrow(
      `switch parameter ${spec.id} has no condition ${spec.id}Condition`,
    );
  });
});
