/** The fence against dynalite (a real DynamoDB implementation): conditional writes decide every case. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalDynamoDb, startLocalDynamoDb } from '../../local/aws-stand-ins/local-dynamodb.js';
import { ContactVersionFence, fenceVersion, UNVERSIONED } from './version-fence.js';

let dynamodb: LocalDynamoDb;
let clock = 1_800_000_000_000;
let fence: ContactVersionFence;
let contactNumber = 0;
const nextContact = () => `contact-${++contactNumber}`;
const V1 = '2026-11-28T10:07:05Z';
const V2 = '2026-11-28T10:08:00Z';
const V3 = '2026-11-28T10:09:00Z';
const LEASE = 60_000;

beforeAll(async () => {
  dynamodb = await startLocalDynamoDb();
  fence = new ContactVersionFence(dynamodb.client, dynamodb.tableName, { now: () => clock });
});
afterAll(async () => {
  await dynamodb.stop();
});

async function write(contactId: string, timestamp: string, token: string) {
  const claim = await fence.claim({ contactId, lastUpdateTimestamp: timestamp, token, leaseMs: LEASE });
  if (claim.status !== 'claimed') return claim;
  expect(await fence.commit(contactId, token, claim.version, timestamp)).toBe(true);
  return claim;
}

describe('ContactVersionFence', () => {
  it('orders versions by LastUpdateTimestamp; none is older than any', () => {
    expect(fenceVersion(V1)).toBeLessThan(fenceVersion(V2));
    expect(fenceVersion(undefined)).toBe(UNVERSIONED);
    expect(fenceVersion('')).toBeLessThan(fenceVersion('1970-01-01T00:00:00Z'));
  });

  it('v1, v3, v2: the older version after a newer write is superseded, naming the newer one', async () => {
    const contactId = nextContact();
    expect((await write(contactId, V1, 'a')).status).toBe('claimed');
    expect((await write(contactId, V3, 'b')).status).toBe('claimed');
    expect(await write(contactId, V2, 'c')).toEqual({ status: 'superseded', by: V3 });
    expect(await fence.written(contactId)).toEqual({ version: fenceVersion(V3), lastUpdateTimestamp: V3 });
  });

  it('the same version may be written again (Retry, redrive)', async () => {
    const contactId = nextContact();
    await write(contactId, V2, 'a');
    expect((await write(contactId, V2, 'b')).status).toBe('claimed');
  });

  it('a version without a timestamp never overwrites one with a timestamp', async () => {
    const contactId = nextContact();
    await write(contactId, V1, 'a');
    expect(await write(contactId, '', 'b')).toEqual({ status: 'superseded', by: V1 });
  });

  it('while a write is in flight another claimant is busy, even a newer one; its own retry is not', async () => {
    const contactId = nextContact();
    const held = await fence.claim({ contactId, lastUpdateTimestamp: V1, token: 'a', leaseMs: LEASE });
    expect(held.status).toBe('claimed');
    expect(
      await fence.claim({ contactId, lastUpdateTimestamp: V3, token: 'b', leaseMs: LEASE }),
    ).toMatchObject({
      status: 'busy',
      heldBy: 'a',
      heldVersion: fenceVersion(V1),
    });
    expect(
      (await fence.claim({ contactId, lastUpdateTimestamp: V1, token: 'a', leaseMs: LEASE })).status,
    ).toBe('claimed');
  });

  it('two claims at once: exactly one gets the lease', async () => {
    const contactId = nextContact();
    const claims = await Promise.all(
      ['a', 'b', 'c', 'd'].map((token) =>
        fence.claim({ contactId, lastUpdateTimestamp: V2, token, leaseMs: LEASE }),
      ),
    );
    expect(claims.filter((claim) => claim.status === 'claimed')).toHaveLength(1);
    expect(claims.filter((claim) => claim.status === 'busy')).toHaveLength(3);
  });

  it('a failed write abandons the lease and leaves the written version; the same version can try again', async () => {
    const contactId = nextContact();
    await write(contactId, V1, 'a');
    const claim = await fence.claim({ contactId, lastUpdateTimestamp: V2, token: 'b', leaseMs: LEASE });
    expect(claim.status).toBe('claimed');
    await fence.abandon(contactId, 'b');
    expect(await fence.written(contactId)).toMatchObject({ lastUpdateTimestamp: V1 });
    expect((await write(contactId, V2, 'c')).status).toBe('claimed');
  });

  it('a crashed claimant blocks the contact only until its lease expires; its late commit is refused', async () => {
    const contactId = nextContact();
    await fence.claim({ contactId, lastUpdateTimestamp: V1, token: 'crashed', leaseMs: LEASE });
    expect(
      (await fence.claim({ contactId, lastUpdateTimestamp: V2, token: 'b', leaseMs: LEASE })).status,
    ).toBe('busy');
    clock += LEASE + 1;
    expect((await write(contactId, V2, 'b')).status).toBe('claimed');
    expect(await fence.commit(contactId, 'crashed', fenceVersion(V1), V1)).toBe(false);
    expect(await fence.written(contactId)).toMatchObject({ lastUpdateTimestamp: V2 });
  });

  it('a commit or abandon frees the lease at once when no earlier attempt is in doubt', async () => {
    const contactId = nextContact();
    await fence.claim({ contactId, lastUpdateTimestamp: V1, token: 'a', leaseMs: LEASE });
    expect(await fence.abandon(contactId, 'a')).toBe('released');
    // Claimed again after a clean release: nothing of the first attempt can land.
    await fence.claim({ contactId, lastUpdateTimestamp: V1, token: 'a', leaseMs: LEASE });
    expect(await fence.commit(contactId, 'a', fenceVersion(V1), V1)).toBe(true);
    expect((await write(contactId, V3, 'b')).status).toBe('claimed');
  });

  it('a write whose outcome is unknown keeps the lease for its whole length: a newer version waits it out', async () => {
    const contactId = nextContact();
    const start = clock;
    await fence.claim({ contactId, lastUpdateTimestamp: V1, token: 'lost', leaseMs: LEASE });
    // The answer was lost: neither commit nor abandon.
    clock += LEASE - 1;
    expect(await fence.claim({ contactId, lastUpdateTimestamp: V3, token: 'b', leaseMs: LEASE })).toEqual({
      status: 'busy',
      heldBy: 'lost',
      heldVersion: fenceVersion(V1),
      expiresAt: start + LEASE,
    });
    clock += 2;
    expect((await write(contactId, V3, 'b')).status).toBe('claimed');
  });

  it("a retry that succeeds after its own lost attempt keeps the lease until the lost attempt's lease ends", async () => {
    const contactId = nextContact();
    const start = clock;
    await fence.claim({ contactId, lastUpdateTimestamp: V1, token: 'a', leaseMs: LEASE });
    clock += 5_000; // the attempt timed out; the state machine retries the same execution
    expect(
      (await fence.claim({ contactId, lastUpdateTimestamp: V1, token: 'a', leaseMs: LEASE })).status,
    ).toBe('claimed');
    expect(await fence.commit(contactId, 'a', fenceVersion(V1), V1)).toBe(true);
    expect(await fence.written(contactId)).toMatchObject({ lastUpdateTimestamp: V1 });
    // The first attempt may still commit until its lease ends: the newer version waits until then.
    expect(
      await fence.claim({ contactId, lastUpdateTimestamp: V3, token: 'b', leaseMs: LEASE }),
    ).toMatchObject({ status: 'busy', heldBy: 'a', expiresAt: start + LEASE });
    clock = start + LEASE + 1;
    expect((await write(contactId, V3, 'b')).status).toBe('claimed');
    expect(await fence.written(contactId)).toMatchObject({ lastUpdateTimestamp: V3 });
  });

  it('a refused retry after a lost attempt holds the lease too; a third attempt still knows of the first', async () => {
    const contactId = nextContact();
    const start = clock;
    await fence.claim({ contactId, lastUpdateTimestamp: V1, token: 'a', leaseMs: LEASE });
    clock += 1_000;
    await fence.claim({ contactId, lastUpdateTimestamp: V1, token: 'a', leaseMs: LEASE });
    expect(await fence.abandon(contactId, 'a')).toBe('held');
    expect(
      await fence.claim({ contactId, lastUpdateTimestamp: V2, token: 'b', leaseMs: LEASE }),
    ).toMatchObject({ status: 'busy', expiresAt: start + LEASE });
    clock += 1_000;
    await fence.claim({ contactId, lastUpdateTimestamp: V1, token: 'a', leaseMs: LEASE });
    expect(await fence.commit(contactId, 'a', fenceVersion(V1), V1)).toBe(true);
    expect(
      await fence.claim({ contactId, lastUpdateTimestamp: V2, token: 'b', leaseMs: LEASE }),
    ).toMatchObject({ status: 'busy', expiresAt: start + LEASE });
    clock = start + LEASE + 1;
    expect((await write(contactId, V2, 'b')).status).toBe('claimed');
  });

  it("after an in-doubt lease ran out, the next claimant's release is immediate", async () => {
    const contactId = nextContact();
    await fence.claim({ contactId, lastUpdateTimestamp: V1, token: 'a', leaseMs: LEASE });
    clock += 1_000;
    await fence.claim({ contactId, lastUpdateTimestamp: V1, token: 'a', leaseMs: LEASE });
    expect(await fence.abandon(contactId, 'a')).toBe('held');
    clock += 2 * LEASE;
    await fence.claim({ contactId, lastUpdateTimestamp: V2, token: 'b', leaseMs: LEASE });
    expect(await fence.abandon(contactId, 'b')).toBe('released');
    expect((await write(contactId, V2, 'c')).status).toBe('claimed');
  });

  it('remembers the attachments a committed write left, for the next claim; a commit without names keeps them', async () => {
    const contactId = nextContact();
    const first = await fence.claim({ contactId, lastUpdateTimestamp: V1, token: 'a', leaseMs: LEASE });
    expect(first).toMatchObject({ status: 'claimed', attachments: [] });
    expect(await fence.commit(contactId, 'a', fenceVersion(V1), V1, ['Attributes__c.json'])).toBe(true);
    const second = await fence.claim({ contactId, lastUpdateTimestamp: V2, token: 'b', leaseMs: LEASE });
    expect(second).toMatchObject({ status: 'claimed', attachments: ['Attributes__c.json'] });
    // A refused write (abandon) leaves the names as they were.
    expect(await fence.abandon(contactId, 'b')).toBe('released');
    const third = await fence.claim({ contactId, lastUpdateTimestamp: V2, token: 'c', leaseMs: LEASE });
    expect(third).toMatchObject({ attachments: ['Attributes__c.json'] });
    expect(await fence.commit(contactId, 'c', fenceVersion(V2), V2)).toBe(true);
    const fourth = await fence.claim({ contactId, lastUpdateTimestamp: V3, token: 'd', leaseMs: LEASE });
    expect(fourth).toMatchObject({ attachments: ['Attributes__c.json'] });
    expect(await fence.commit(contactId, 'd', fenceVersion(V3), V3, [])).toBe(true);
    const fifth = await fence.claim({ contactId, lastUpdateTimestamp: V3, token: 'e', leaseMs: LEASE });
    expect(fifth).toMatchObject({ attachments: [] });
  });
});
