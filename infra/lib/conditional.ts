/**
 * Resources that exist only under a CloudFormation condition (feature switches, optional ARNs).
 *
 * @example
 * ```ts
 * const policy = conditionalPolicy(this, 'KinesisRead', params.conditions.ctrPipeline, role, [statement]);
 * onlyWhen(params.conditions.realtimeReporting, rule, permission);
 * ```
 */
import { type CfnCondition, CfnResource } from 'aws-cdk-lib';
import { type IRole, Policy, type PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { Construct, IConstruct } from 'constructs';

/** Sets `condition` on every CloudFormation resource in (and under) the given constructs. */
export function onlyWhen(condition: CfnCondition, ...constructs: IConstruct[]): void {
  for (const construct of constructs) {
    for (const child of construct.node.findAll()) {
      if (CfnResource.isCfnResource(child)) child.cfnOptions.condition = condition;
    }
  }
}

/** An `AWS::IAM::Policy` attached to `role` that exists only when `condition` holds. */
export function conditionalPolicy(
  scope: Construct,
  id: string,
  condition: CfnCondition,
  role: IRole,
  statements: PolicyStatement[],
): Policy {
  const policy = new Policy(scope, id, { statements, roles: [role] });
  onlyWhen(condition, policy);
  return policy;
}
