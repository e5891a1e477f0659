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
 *   it. `abandon` (after a failed write) frees the lease and leaves the written version alone, so
 *   the version can be written again by its own retry or by any version at least as new.
 * - The lease outlives the claimant: it is sized to the Lambda's remaining time plus a margin, so
 *   a crashed import never blocks the contact for longer than it could still have been writing.
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
import type { ClaimRequest, FenceClaim, FenceItem, WrittenVersion } from './types.js';

/** Version of a contact record without a usable LastUpdateTimestamp: older than any real one. */
export const UNVERSIONED = -1;

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
        await this.#send('claim', (documents) =>
          documents.send(
            new UpdateCommand({
              TableName: this.tableName,
              Key: { contactId: request.contactId },
              UpdateExpression:
                'SET leaseToken = :token, leaseVersion = :version, leaseExpiresAt = :leaseExpiresAt, expiresAt = :expiresAt',
              ConditionExpression:
                '(attribute_not_exists(writtenVersion) OR writtenVersion <= :version) AND ' +
                '(attribute_not_exists(leaseToken) OR leaseToken = :token OR leaseExpiresAt < :now)',
              ExpressionAttributeValues: {
                ':token': request.token,
                ':version': version,
                ':leaseExpiresAt': now + request.leaseMs,
                ':expiresAt': Math.ceil(now / 1000) + FENCE_RETENTION_SECONDS,
                ':now': now,
              },
            }),
          ),
        );
        return { status: 'claimed', version };
      } catch (error) {
        if (!isConditionFailure(error)) throw error;
      }
      const item = await this.#read(request.contactId);
      if (item?.writtenVersion !== undefined && item.writtenVersion > version) {
        return { status: 'superseded', by: item.writtenTimestamp ?? '' };
      }
      if (
        item?.leaseToken !== undefined &&
        item.leaseToken !== request.token &&
        (item.leaseExpiresAt ?? 0) >= this.#now()
      ) {
        return {
          status: 'busy',
          heldBy: item.leaseToken,
          heldVersion: item.leaseVersion ?? UNVERSIONED,
          expiresAt: item.leaseExpiresAt ?? 0,
        };
      }
    }
    throw new VersionStoreUnavailableError(
      `the version fence of contact ${request.contactId} kept changing while it was claimed`,
    );
  }

  /**
   * Records `version` as written and frees the lease. Returns false when the lease was no longer
   * ours (it expired and another claimant took it): the caller cannot know which write landed last.
   */
  async commit(
    contactId: string,
    token: string,
    version: number,
    lastUpdateTimestamp: string | null | undefined,
  ): Promise<boolean> {
    try {
      await this.#send('commit', (documents) =>
        documents.send(
          new UpdateCommand({
            TableName: this.tableName,
            Key: { contactId },
            UpdateExpression:
              'SET writtenVersion = :version, writtenTimestamp = :timestamp REMOVE leaseToken, leaseVersion, leaseExpiresAt',
            ConditionExpression: 'leaseToken = :token',
            ExpressionAttributeValues: {
              ':version': version,
              ':timestamp': lastUpdateTimestamp ?? '',
              ':token': token,
            },
          }),
        ),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }

  /** Frees the lease after a failed write; the written version stays as it was. Never throws. */
  async abandon(contactId: string, token: string): Promise<void> {
    try {
      await this.#send('abandon', (documents) =>
        documents.send(
          new UpdateCommand({
            TableName: this.tableName,
            Key: { contactId },
            UpdateExpression: 'REMOVE leaseToken, leaseVersion, leaseExpiresAt',
            ConditionExpression: 'leaseToken = :token',
            ExpressionAttributeValues: { ':token': token },
          }),
        ),
      );
    } catch {
      // Not ours any more, or DynamoDB is down: the lease expires on its own.
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
