/**
 * Which org a contract run talks to, and whether it may: a sandbox or a Developer Edition org,
 * or any org when `SF_TEST_ORG_ALLOW_PRODUCTION=true` says so explicitly.
 *
 * @example
 * ```ts
 * const org = await readOrgInfo(client);
 * const refusal = refusalReason(org, process.env);
 * if (refusal) throw new Error(refusal);
 * ```
 */
import type { SalesforceApi } from '../../../shared/salesforce/types.js';

export interface OrgInfo {
  id: string;
  name: string;
  isSandbox: boolean;
  organizationType: string;
}

export const ALLOW_PRODUCTION_VARIABLE = 'SF_TEST_ORG_ALLOW_PRODUCTION';

export async function readOrgInfo(client: SalesforceApi): Promise<OrgInfo> {
  const { records } = await client.query('SELECT Id, Name, IsSandbox, OrganizationType FROM Organization');
  const [org] = records;
  if (org === undefined) throw new Error('The org answered no Organization record');
  return {
    id: String(org.Id),
    name: String(org.Name),
    isSandbox: org.IsSandbox === true,
    organizationType: String(org.OrganizationType),
  };
}

/** Why this org must not be used (undefined: it may). */
export function refusalReason(org: OrgInfo, env: Record<string, string | undefined>): string | undefined {
  if (org.isSandbox || org.organizationType === 'Developer Edition') return undefined;
  if (env[ALLOW_PRODUCTION_VARIABLE] === 'true') return undefined;
  return (
    `Refusing to run the contract suite against ${org.name} (${org.organizationType}, not a sandbox): ` +
    `it creates and deletes records. Use a Developer Edition org or a sandbox, or set ${ALLOW_PRODUCTION_VARIABLE}=true.`
  );
}
