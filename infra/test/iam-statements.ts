/**
 * The IAM statements a role ends up with in a deployed template: its inline policies and every
 * AWS::IAM::Policy attached to it.
 *
 * @example
 * ```ts
 * const statements = statementsOfRole(deployedResources(template), 'PostCallRoleABC123');
 * ```
 */
import type { DeployedResource } from './template-conditions.js';

export interface Statement {
  readonly Sid?: string;
  readonly Effect: string;
  readonly Action: string | string[];
  readonly Resource: unknown;
  readonly Condition?: Record<string, unknown>;
}

export function actionsOf(statement: Statement): string[] {
  return Array.isArray(statement.Action) ? statement.Action : [statement.Action];
}

export function resourcesOf(statement: Statement): unknown[] {
  return Array.isArray(statement.Resource) ? statement.Resource : [statement.Resource];
}

function documentStatements(document: unknown): Statement[] {
  const statements = (document as { Statement?: Statement[] } | undefined)?.Statement;
  return Array.isArray(statements) ? statements : [];
}

export function statementsOfRole(resources: DeployedResource[], roleLogicalId: string): Statement[] {
  const statements: Statement[] = [];
  for (const resource of resources) {
    if (resource.type === 'AWS::IAM::Role' && resource.logicalId === roleLogicalId) {
      const inline = (resource.properties.Policies ?? []) as Array<{ PolicyDocument?: unknown }>;
      for (const policy of inline) statements.push(...documentStatements(policy.PolicyDocument));
    }
    if (resource.type === 'AWS::IAM::Policy') {
      const roles = (resource.properties.Roles ?? []) as Array<{ Ref?: string }>;
      if (roles.some((r) => r.Ref === roleLogicalId)) {
        statements.push(...documentStatements(resource.properties.PolicyDocument));
      }
    }
  }
  return statements;
}

/** Every statement of every policy in the deployed template. */
export function allStatements(resources: DeployedResource[]): Statement[] {
  const roleIds = resources.filter((r) => r.type === 'AWS::IAM::Role').map((r) => r.logicalId);
  return roleIds.flatMap((id) => statementsOfRole(resources, id));
}

/** The logical id a role property refers to ({ Fn::GetAtt: [id, 'Arn'] }). */
export function roleIdOf(roleArn: unknown): string {
  const getAtt = (roleArn as { 'Fn::GetAtt'?: string[] })['Fn::GetAtt'];
  if (!getAtt) throw new Error(`not a role reference: ${JSON.stringify(roleArn)}`);
  return getAtt[0];
}
