/**
 * `npm run test:org` refuses a production org unless told: it reads the Organization record
 * (IsSandbox, OrganizationType) before any test creates anything.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { emulatorClient } from '../../local/emulator-connection/emulator-client.js';
import { startSalesforceEmulator } from '../../local/salesforce-emulator/index.js';
import type { EmulatorOptions, SalesforceEmulator } from '../../local/salesforce-emulator/types.js';
import { readOrgInfo, refusalReason } from '../org/support/org-guard.js';

let emulator: SalesforceEmulator | undefined;
afterEach(async () => {
  await emulator?.stop();
  emulator = undefined;
});

async function orgOf(organization: EmulatorOptions['organization']) {
  emulator = await startSalesforceEmulator({ seed: false, organization });
  const client = emulatorClient(emulator);
  try {
    return await readOrgInfo(client);
  } finally {
    await client.close();
  }
}

describe('test:org production guard', () => {
  it('allows a Developer Edition org and a sandbox', async () => {
    const developer = await orgOf({});
    expect(developer).toMatchObject({ organizationType: 'Developer Edition', isSandbox: false });
    expect(refusalReason(developer, {})).toBeUndefined();
    await emulator?.stop();
    const sandbox = await orgOf({ organizationType: 'Enterprise Edition', isSandbox: true });
    expect(refusalReason(sandbox, {})).toBeUndefined();
  });

  it('refuses a production org unless SF_TEST_ORG_ALLOW_PRODUCTION=true', async () => {
    const production = await orgOf({
      name: 'Acme',
      organizationType: 'Enterprise Edition',
      isSandbox: false,
    });
    expect(refusalReason(production, {})).toMatch(
      /Refusing to run the contract suite against Acme \(Enterprise Edition, not a sandbox\).*SF_TEST_ORG_ALLOW_PRODUCTION=true/,
    );
    expect(refusalReason(production, { SF_TEST_ORG_ALLOW_PRODUCTION: 'yes' })).toBeDefined();
    expect(refusalReason(production, { SF_TEST_ORG_ALLOW_PRODUCTION: 'true' })).toBeUndefined();
  });
});
