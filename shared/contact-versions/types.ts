/**
 * Types of the contact version fence (one DynamoDB item per ContactId).
 *
 * @example
 * ```ts
 * const claim: FenceClaim = await fence.claim({ contactId, lastUpdateTimestamp, token, leaseMs: 180_000 });
 * if (claim.status === 'superseded') console.log(`superseded by ${claim.by}`);
 * ```
 */

/** What the import asks for before its Salesforce write. */
export interface ClaimRequest {
  contactId: string;
  /** The version's LastUpdateTimestamp as Connect published it ('' or null when absent). */
  lastUpdateTimestamp: string | null | undefined;
  /** Identifies the claimant across its own retries (the execution ARN): it may re-claim its own lease. */
  token: string;
  /**
   * How long the lease holds without a release: longer than any request the claimant sends can
   * still be applied by Salesforce (its remaining time plus Salesforce's own request timeout).
   */
  leaseMs: number;
}

/**
 * The answer of {@link ContactVersionFence.claim}: the lease was taken, a newer version is already
 * written, or another claimant holds the lease.
 */
export type FenceClaim =
  /** The lease is ours: write, then {@link ContactVersionFence.commit} or {@link ContactVersionFence.abandon}. */
  | {
      status: 'claimed';
      version: number;
      /**
       * Names of the attachments the last committed write left on the record (its fields too long
       * for Salesforce), so this write can remove the ones it no longer needs; `[]` when none.
       */
      attachments: string[];
    }
  /** A newer version is already written: skip the write. `by` is its LastUpdateTimestamp. */
  | { status: 'superseded'; by: string }
  /** Another claimant holds an unexpired lease. */
  | { status: 'busy'; heldBy: string; heldVersion: number; expiresAt: number };

/**
 * What freeing a lease did: `released` (another import may claim now), `held` (an earlier attempt
 * of the same claimant may still land: the lease stays until `inDoubtUntil`), or `not ours` (it
 * expired and another claimant took it, or DynamoDB could not be reached).
 */
export type FenceRelease = 'released' | 'held' | 'not ours';

/** The newest version written for a contact, as the fence records it. */
export interface WrittenVersion {
  /** Epoch milliseconds of its LastUpdateTimestamp (-1 when it had none). */
  version: number;
  /** Its LastUpdateTimestamp as published ('' when it had none). */
  lastUpdateTimestamp: string;
}

/** The fence item as stored. */
export interface FenceItem {
  contactId: string;
  writtenVersion?: number;
  writtenTimestamp?: string;
  leaseToken?: string;
  leaseVersion?: number;
  leaseExpiresAt?: number;
  /**
   * Epoch ms until which an earlier, never-freed attempt of the lease holder may still be applied
   * by Salesforce (its old lease's end); commit and abandon keep the lease until then.
   */
  inDoubtUntil?: number;
  /** Attachments the written version left on the record, by name (see `FenceClaim`). */
  attachmentNames?: string[];
  /** DynamoDB TTL (epoch seconds): the item is dropped once no older version can still arrive. */
  expiresAt?: number;
}
