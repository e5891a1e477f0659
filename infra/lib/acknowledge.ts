/**
 * cdk-nag acknowledgements that name exactly the wildcard being accepted.
 *
 * cdk-nag reports IAM5 once per wildcard resource, with the resource rendered from the template
 * (`<LogicalId.Arn>`, `<ParameterName>`, `<AWS::Partition>`); acknowledging the bare rule id would
 * not match, and acknowledging everything would hide the next wildcard someone adds. This renders
 * a resource value the way cdk-nag does, so each acknowledgement covers one known wildcard.
 *
 * @example
 * ```ts
 * acknowledgeWildcards(policy, [`${logGroup.logGroupArn}:*`], 'log streams are created at runtime');
 * ```
 */
import { Stack, Validations } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';

type Resolved = string | number | boolean | null | Resolved[] | { [key: string]: Resolved };

function render(value: Resolved): string {
  if (typeof value === 'string') return value;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return String(value);
  if (typeof value.Ref === 'string') return `<${value.Ref}>`;
  const getAtt = value['Fn::GetAtt'];
  if (Array.isArray(getAtt)) return `<${getAtt.join('.')}>`;
  const join = value['Fn::Join'];
  if (Array.isArray(join) && typeof join[0] === 'string' && Array.isArray(join[1])) {
    return join[1].map(render).join(join[0]);
  }
  return JSON.stringify(value);
}

/** The cdk-nag finding id of an IAM5 wildcard on `resource` (a token string or literal). */
export function wildcardResourceFinding(scope: IConstruct, resource: string): string {
  return `AwsSolutions-IAM5[Resource::${render(Stack.of(scope).resolve(resource) as Resolved)}]`;
}

/** Acknowledge IAM5 for exactly these wildcard resources on `scope` (and its children). */
export function acknowledgeWildcards(scope: IConstruct, resources: string[], reason: string): void {
  for (const resource of resources) {
    Validations.of(scope).acknowledge({ id: wildcardResourceFinding(scope, resource), reason });
  }
}
