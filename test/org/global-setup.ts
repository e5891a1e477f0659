/**
 * `npm run test:org` starts here: it needs the SF_* variables `npm run invoke` reads, and it
 * refuses a production org unless told (see org-guard.ts).
 */
import { getSalesforceClient, resetSalesforceClient } from '../../shared/salesforce/from-environment.js';
import { readOrgInfo, refusalReason } from './support/org-guard.js';

export default async function setup(): Promise<void> {
  if ((process.env.SF_HOST ?? '').trim() === '') {
    throw new Error(
      'npm run test:org runs against the org in SF_HOST, SF_VERSION, SF_USERNAME, SF_AUTH_MODE and ' +
        'SF_CREDENTIALS_SECRETS_MANAGER_ARN or SF_CREDENTIALS_FILE (the same variables as npm run invoke): none set.',
    );
  }
  try {
    const org = await readOrgInfo(getSalesforceClient());
    const refusal = refusalReason(org, process.env);
    if (refusal !== undefined) throw new Error(refusal);
    console.log(
      `test:org: ${org.name} (${org.organizationType}${org.isSandbox ? ', sandbox' : ''}) at ${process.env.SF_HOST}`,
    );
  } finally {
    resetSalesforceClient();
  }
}
