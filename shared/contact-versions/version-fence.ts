/**
 * The version fence of a contact's `AC_ContactTraceRecord__c`: one DynamoDB item per ContactId
 * that makes every CTR write monotonic (an older version never overwrites a newer one), whatever
 * order, concurrency, Retry or redrive the versions arrive in.
 *
 * An import **claims** the fence right before its Salesforce write and **commits** right after:
 *
 * - `claim` is one conditional UpdateItem: it takes a lease only if no newer version was written
 *   and no other claimant holds an unexpired lease. So at most one write of a contact is in flight
 *   at a time, and a write starts only while its version is at least the newest written one.
 * - `commit` records the version as written and frees the lease, conditional on still holding
 *   it. `abandon` (after a write Salesforce refused, or one never sent) frees the lease and leaves
 *   the written version alone, so the version can be written again by its own retry or by any
 *   version at least as new.
 * - A write whose outcome is unknown (its answer was lost) is neither committed nor abandoned:
 *   Salesforce may still apply it, so the lease stays until it expires. The lease is sized by the
 *   caller to outlast every request it can send (its own remaining time plus the longest
 *   Salesforce keeps running a request, plus a margin), which also covers a claimant that crashed
 *   mid-write.
 * - When a claimant takes the fence again while its own earlier lease was never freed (its
 *   previous attempt timed out, lost its answer or crashed), that earlier attempt may still land:
 *   the fence remembers the old lease's end as `inDoubtUntil`, and a later `commit` or `abandon`
 *   keeps the lease until then instead of freeing it. Its retry may succeed at once; a newer
 *   version still waits until the lost attempt can no longer overwrite it.
 *
 * Versions are ordered by `LastUpdateTimestamp` (epoch ms); a version without one is -1, older
 * than any with one. Equal versions may be written again (Retry, redrive): the write is an upsert
 * of the same data.
 *
 * @example
 * ```ts
 * const fence = new ContactVersionFence(new DynamoDBClient({}), 'ContactVersions');
 * const claim = await fence.claim({ contactId, lastUpdateTimestamp, token: executionArn, leaseMs });
 * if (claim.status === 'claimed') {
 *   try { await writeToSalesforce(); } catch (error) { await fence.abandon(contactId, executionArn); throw error; }
 *   await fence.commit(contactId, executionArn, claim.version, lastUpdateTimestamp);
 * }
 * ```
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ctrTimestampMillis } from '../ctr/ctr-version.js';
import { VersionStoreUnavailableError } from './errors.js';
import type { ClaimRequest, FenceClaim, FenceItem, FenceRelease, WrittenVersion } from './types.js';

/** Version of a contact record without a usable LastUpdateTimestamp: older than any real one. */
export const UNVERSIONED = -1;

/** `inDoubtUntil` of a lease taken fresh: no earlier attempt of its holder can land. */
const NEVER = 0;

/** How long an item outlives its last write: past every redrive window and dead-letter retention. */
export const FENCE_RETENTION_SECONDS = 90 * 24 * 3600;

/** The fence's number for a LastUpdateTimestamp. */
export function fenceVersion(lastUpdateTimestamp: string | null | undefined): number {
  return ctrTimestampMillis(lastUpdateTimestamp) ?? UNVERSIONED;
}

/** Options of {@link ContactVersionFence}. */
export interface ContactVersionFenceOptions {
  /** Clock in epoch ms (tests pin it). */
  now?: () => number;
}

/**
 * Makes a contact's CTR writes monotonic: `claim` a lease before the Salesforce write, `commit`
 * after it, `abandon` when it failed. One conditional DynamoDB write per step, so an older version
 * can never overwrite a newer one whatever order or concurrency the versions arrive in.
 *
 * @example
 * ```ts
 * const fence = new ContactVersionFence(new DynamoDBClient({}), 'ContactVersions');
 * const claim = await fence.claim({ contactId, lastUpdateTimestamp, token, leaseMs: 60_000 });
 * ```
 */
export class ContactVersionFence {
  readonly #documents: DynamoDBDocumentClient;
  readonly #now: () => number;

  constructor(
    dynamodb: DynamoDBClient,
    readonly tableName: string,
    options: ContactVersionFenceOptions = {},
  ) {
    this.#documents = DynamoDBDocumentClient.from(dynamodb);
    this.#now = options.now ?? Date.now;
  }

  /** Takes the contact's lease for this version, or says why not (superseded, busy). */
  async claim(request: ClaimRequest): Promise<FenceClaim> {
    const version = fenceVersion(request.lastUpdateTimestamp);
    // A condition can fail because of a change that is gone by the time we read the item (a lease
    // released in between): try again a few times before answering.
    for (let attempt = 0; attempt < 3; attempt++) {
      const now = this.#now();
      try {
        const answer = await this.#send('claim', (documents) =>
          documents.send(
            new UpdateCommand({
              TableName: this.tableName,
              Key: { contactId: request.contactId },
              // Right-hand sides read the item as it was: a lease still there when its own holder
              // claims again was never freed, so the attempt under it may still land until its end.
              // (Another holder's lease is only taken once expired: its end is then in the past.)
              UpdateExpression:
                'SET inDoubtUntil = if_not_exists(leaseExpiresAt, :never), leaseToken = :token, ' +
                'leaseVersion = :version, leaseExpiresAt = :leaseExpiresAt, expiresAt = :expiresAt',
              ConditionExpression:
                '(attribute_not_exists(writtenVersion) OR writtenVersion <= :version) AND ' +
                '(attribute_not_exists(leaseToken) OR leaseToken = :token OR ' +
                '(leaseExpiresAt < :now AND (attribute_not_exists(inDoubtUntil) OR inDoubtUntil < :now)))',
              ExpressionAttributeValues: {
                ':token': request.token,
                ':version': version,
                ':leaseExpiresAt': now + request.leaseMs,
                ':expiresAt': Math.ceil(now / 1000) + FENCE_RETENTION_SECONDS,
                ':now': now,
                ':never': NEVER,
              },
              ReturnValues: 'ALL_OLD',
            }),
          ),
        );
        const before = answer.Attributes as FenceItem | undefined;
        return { status: 'claimed', version, attachments: before?.attachmentNames ?? [] };
      } catch (error) {
        if (!isConditionFailure(error)) throw error;
      }
      const item = await this.#read(request.contactId);
      if (item?.writtenVersion !== undefined && item.writtenVersion > version) {
        return { status: 'superseded', by: item.writtenTimestamp ?? '' };
      }
      const heldUntil = Math.max(item?.leaseExpiresAt ?? NEVER, item?.inDoubtUntil ?? NEVER);
      if (item?.leaseToken !== undefined && item.leaseToken !== request.token && heldUntil >= this.#now()) {
        return {
          status: 'busy',
          heldBy: item.leaseToken,
          heldVersion: item.leaseVersion ?? UNVERSIONED,
          expiresAt: heldUntil,
        };
      }
    }
    throw new VersionStoreUnavailableError(
      `the version fence of contact ${request.contactId} kept changing while it was claimed`,
    );
  }

  /**
   * Records `version` as written and frees the lease, or keeps it until `inDoubtUntil` when an
   * earlier attempt of the same claimant may still land. Returns false when the lease was no
   * longer ours (it expired and another claimant took it): the caller cannot know which write
   * landed last. `attachments`, when given, replaces the names of the attachments the written
   * version left on the record (the next claim answers them, so a later write can remove them).
   */
  async commit(
    contactId: string,
    token: string,
    version: number,
    lastUpdateTimestamp: string | null | undefined,
    attachments?: readonly string[],
  ): Promise<boolean> {
    const written = {
      set: `writtenVersion = :version, writtenTimestamp = :timestamp${attachments ? ', attachmentNames = :attachments' : ''}`,
      values: {
        ':version': version,
        ':timestamp': lastUpdateTimestamp ?? '',
        ...(attachments ? { ':attachments': [...attachments] } : {}),
      },
    };
    return (await this.#release('commit', contactId, token, written)) !== 'not ours';
  }

  /**
   * Frees the lease after a write whose outcome is known not to have landed (Salesforce refused
   * it, or it was never sent); the written version stays as it was. Keeps the lease until
   * `inDoubtUntil` when an earlier attempt of the same claimant may still land. Never throws: a
   * lease that cannot be freed expires on its own.
   */
  async abandon(contactId: string, token: string): Promise<FenceRelease> {
    try {
      return await this.#release('abandon', contactId, token);
    } catch {
      // DynamoDB is down: the lease expires on its own.
      return 'not ours';
    }
  }

  /** Frees the lease (or keeps it to its in-doubt end), applying `written` as well when given. */
  async #release(
    what: string,
    contactId: string,
    token: string,
    written?: { set: string; values: Record<string, unknown> },
  ): Promise<FenceRelease> {
    const now = this.#now();
    const values = { ':token': token, ':now': now, ...written?.values };
    try {
      await this.#send(what, (documents) =>
        documents.send(
          new UpdateCommand({
            TableName: this.tableName,
            Key: { contactId },
            UpdateExpression: `${written ? `SET ${written.set} ` : ''}REMOVE leaseToken, leaseVersion, leaseExpiresAt, inDoubtUntil`,
            ConditionExpression:
              'leaseToken = :token AND (attribute_not_exists(inDoubtUntil) OR inDoubtUntil < :now)',
            ExpressionAttributeValues: values,
          }),
        ),
      );
      return 'released';
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
    }
    try {
      // An earlier attempt of ours may still land: hold the contact until it no longer can.
      await this.#send(what, (documents) =>
        documents.send(
          new UpdateCommand({
            TableName: this.tableName,
            Key: { contactId },
            UpdateExpression: `SET ${written ? `${written.set}, ` : ''}leaseExpiresAt = inDoubtUntil`,
            ConditionExpression: 'leaseToken = :token AND inDoubtUntil >= :now',
            ExpressionAttributeValues: values,
          }),
        ),
      );
      return 'held';
    } catch (error) {
      if (isConditionFailure(error)) return 'not ours';
      throw error;
    }
  }

  /** The newest version written for the contact, or undefined when none was. */
  async written(contactId: string): Promise<WrittenVersion | undefined> {
    const item = await this.#read(contactId);
    if (item?.writtenVersion === undefined) return undefined;
    return { version: item.writtenVersion, lastUpdateTimestamp: item.writtenTimestamp ?? '' };
  }

  async #read(contactId: string): Promise<FenceItem | undefined> {
    const answer = await this.#send('read', (documents) =>
      documents.send(new GetCommand({ TableName: this.tableName, Key: { contactId }, ConsistentRead: true })),
    );
    return answer.Item as FenceItem | undefined;
  }

  /** Runs one DynamoDB call; a condition failure passes through, any other error becomes retryable. */
  async #send<Output>(
    what: string,
    call: (documents: DynamoDBDocumentClient) => Promise<Output>,
  ): Promise<Output> {
    try {
      return await call(this.#documents);
    } catch (error) {
      if (isConditionFailure(error)) throw error;
      const name = error instanceof Error ? error.name : 'UnknownError';
      throw new VersionStoreUnavailableError(`DynamoDB ${what} on ${this.tableName} failed: ${name}`, {
        cause: error,
      });
    }
  }
}

function isConditionFailure(error: unknown): boolean {
  return error instanceof Error && error.name === 'ConditionalCheckFailedException';
}
