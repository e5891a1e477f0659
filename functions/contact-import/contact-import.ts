import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from '@aws-lambda-powertools/logger';
import { ContactBusyError } from '../../shared/contact-versions/errors.js';
import type { FenceClaim } from '../../shared/contact-versions/types.js';
import type { ContactVersionFence } from '../../shared/contact-versions/version-fence.js';
import { compositeFailure } from '../../shared/salesforce/composite-failure.js';
import { SalesforceRequestError } from '../../shared/salesforce/errors.js';
import {
  attachmentSubrequests,
  deleteAttachments,
  insertedAttachmentIds,
  olderAttachmentIds,
  olderAttachmentsReference,
} from '../../shared/salesforce/replaced-attachments.js';
import { soql, soqlIdentifier } from '../../shared/salesforce/soql.js';
import type { CompositeSubrequest, SalesforceApi } from '../../shared/salesforce/types.js';
import { writeMayStillLand } from '../../shared/salesforce/write-outcome.js';
import { isObject } from '../../shared/values/is-object.js';
import { type UpsertOutcome, upsertOutcome } from './composite-outcome.js';
import { ctrFields } from './ctr-fields.js';
import { moveOversizeFields, type OversizeField } from './oversize-fields.js';
import { plannedBranches } from './planned-branches.js';
import type {
  ContactImportEvent,
  ContactImportResult,
  ContactImportSettings,
  OversizeFieldResult,
} from './types.js';

const CTR_OBJECT = 'AC_ContactTraceRecord__c';
const ANALYTICS_OBJECT = 'AC_ContactChannelAnalytics__c';
/** Reference ids of the CTR's attachment subrequests: `ctrOlderAttachments`, `ctrAttachment<i>`. */
const CTR_ATTACHMENTS = 'ctr';

/** `arn:aws:connect:<region>:<account>:instance/<id>` → `<id>`. */
function instanceIdFromArn(arn: unknown): string | undefined {
  if (typeof arn !== 'string') return undefined;
  const match = /:instance\/([^/]+)$/.exec(arn);
  return match?.[1];
}

/** Who claims the contact's version fence, and for how long. */
export interface FenceClaimant {
  /** Stable across this execution's retries and redrives: the execution ARN. */
  token: string;
  /**
   * Lease duration: longer than any write this invocation sends can still be applied by
   * Salesforce (see `writeLeaseMs`).
   */
  leaseMs: number;
  /** How long to wait for another import of the contact to finish before failing with ContactBusy. */
  maxWaitMs?: number;
  /** The clock of that wait (tests pin it); default the wall clock and a timer. */
  clock?: WaitClock;
}

/** Time as the busy wait sees it. */
export interface WaitClock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

const DEFAULT_MAX_WAIT_MS = 10_000;
const WALL_CLOCK: WaitClock = { now: Date.now, sleep: (ms) => sleep(ms).then(() => undefined) };

/**
 * CTR upsert + recording import for one contact in ONE Salesforce API call: a `/composite` request
 * (allOrNone) that upserts `AC_ContactTraceRecord__c` by `ContactId__c` and, when planned, the
 * contact's `AC_ContactChannelAnalytics__c` by its `ContactId__c` external id. Upserting by the
 * ContactId makes the analytics record exist exactly once per contact across Retry and redrive,
 * with no lock files: the execution (named by the ContactId) is the lock, the external id the key.
 *
 * The CTR upsert is fenced by version (`shared/contact-versions`): right before the write the
 * import claims the contact's fence for its `LastUpdateTimestamp`, right after it commits. A
 * version older than one already written is skipped (`ctrImport: 'superseded by <version>'`,
 * no Salesforce call for it; the analytics record of a full execution is still upserted), and no
 * two CTR writes of one contact are ever in flight at once, so the newest version always ends in
 * Salesforce whatever order, concurrency, Retry or redrive the versions come in.
 *
 * A CTR text longer than its field (900 KB of attributes in a 131,072-character `Attributes__c`)
 * would make Salesforce refuse the whole upsert. Such a field is written as null and its full text
 * attached to the record (`Attributes__c.json`) in the same composite request, replacing older
 * copies (`shared/salesforce/replaced-attachments.ts`); the fence remembers the names, so a later
 * version that fits removes them. The result lists them (`oversizeFields`).
 *
 * @example
 * ```ts
 * const importer = new ContactImporter(getSalesforceClient(), settings, logger, contactVersionFenceFromEnvironment());
 * const { ctrRecordId, ctrImport } = await importer.import(event, { token: executionArn, leaseMs: 180_000 });
 * ```
 */
export class ContactImporter {
  constructor(
    private readonly api: SalesforceApi,
    private readonly settings: ContactImportSettings,
    private readonly logger?: Logger,
    /** The version fence; without one (unit tests of the mapping) every CTR write goes ahead. */
    private readonly fence?: ContactVersionFence,
  ) {}

  async import(event: ContactImportEvent, claimant?: FenceClaimant): Promise<ContactImportResult> {
    const { contactId, kind, plan, ctr } = event;
    const location = plan.recordingLocation ?? null;
    // Transcription and Contact Lens write to the same analytics record, so it exists before they run.
    const wantsAnalytics =
      kind === 'full' && (plan.recordingImport || plan.transcription !== null || plan.contactLens);
    const version = typeof ctr.LastUpdateTimestamp === 'string' ? ctr.LastUpdateTimestamp : '';

    let claim: Extract<FenceClaim, { status: 'claimed' }> | undefined;
    let ctrImport = plan.ctrImport ? 'imported' : 'not planned';
    if (plan.ctrImport && this.fence && claimant) {
      const answer = await this.#claim(contactId, version, claimant);
      if (answer.status === 'claimed') claim = answer;
      else {
        ctrImport = `superseded by ${answer.by || 'a version without LastUpdateTimestamp'}`;
        this.logger?.info('contact trace record superseded', { contactId, kind, version, by: answer.by });
      }
    }
    const wantsCtr = ctrImport === 'imported';

    const facts = { contactId, kind, plan, ctr, recordingLocation: location };
    let ctrRecordId: string | null = null;
    let analyticsRecordId: string | null = null;
    let oversize: OversizeField[] = [];
    let lookupNames: string[] = [];
    let oversizeFields: OversizeFieldResult[] = [];
    // Whether the composite request went out: only then can a failure leave a write behind.
    let sent = false;
    try {
      const subrequests: CompositeSubrequest[] = [];
      if (wantsCtr) {
        const upsert = await this.#ctrUpsert(contactId, ctr);
        oversize = upsert.oversize;
        // Attachments an earlier version left: looked for again so a fitting version removes them.
        lookupNames = [
          ...new Set([...oversize.map((field) => field.document.name), ...(claim?.attachments ?? [])]),
        ];
        subrequests.push(
          upsert.subrequest,
          ...attachmentSubrequests({
            parentId: '@{ctr.id}',
            documents: oversize.map((field) => field.document),
            lookupNames,
            referencePrefix: CTR_ATTACHMENTS,
          }),
        );
      }
      if (wantsAnalytics) subrequests.push(await this.#analyticsUpsert(event, location));
      if (subrequests.length === 0) {
        this.logger?.debug('nothing to import for this contact', { contactId, kind, ctrImport });
        return {
          ctrRecordId: null,
          analyticsRecordId: null,
          recordingLocation: location,
          ctrImport,
          oversizeFields: [],
          branches: plannedBranches({ ...facts, analyticsRecordId: null }),
        };
      }
      sent = true;
      // A fenced write is never repeated blind by the client: a lost attempt must keep the lease.
      const responses = await this.api.composite(subrequests, {
        allOrNone: true,
        repeatUnknownOutcome: claim === undefined,
      });
      const failure = compositeFailure(responses, (referenceId) => this.#step(referenceId, oversize));
      if (failure) throw failure;
      sent = false;
      if (lookupNames.length > 0) {
        const documents = oversize.map((field) => field.document);
        const inserted = insertedAttachmentIds(responses, documents, CTR_ATTACHMENTS);
        // Still under the fence's lease: the older copies go before another version may write.
        const older = olderAttachmentIds(responses, CTR_ATTACHMENTS, inserted);
        if (older.length > 0) {
          await deleteAttachments(this.api, older, `delete older ${this.#name(CTR_OBJECT)} attachment`);
        }
        oversizeFields = oversize.map(({ field, length, limit, document }) => ({
          field,
          length,
          limit,
          attachment: document.name,
          attachmentId: inserted[document.name] ?? null,
        }));
        if (older.length > 0 || oversize.length > 0) {
          this.logger?.info('contact trace record attachments replaced', {
            contactId,
            attached: oversize.map((field) => field.document.name),
            deleted: older.length,
          });
        }
      }
      if (claim && claimant && this.fence) {
        // The write landed: from here only the commit may free the lease (never an abandon).
        const landed = claim;
        claim = undefined;
        const committed = await this.fence.commit(
          contactId,
          claimant.token,
          landed.version,
          version,
          lookupNames.length > 0 ? oversize.map((field) => field.document.name) : undefined,
        );
        if (!committed) {
          // Only when this invocation outlived its own lease (clock skew): another import may have
          // written meanwhile, so write again under a fresh claim rather than trust the order.
          this.logger?.error('version fence lease lost during the write; retrying the import', { contactId });
          throw new ContactBusyError(
            `the version fence lease of contact ${contactId} expired during the write`,
          );
        }
      }
      const byReference = new Map(responses.map((response) => [response.referenceId, response]));
      ctrRecordId = wantsCtr ? await this.#recordId(byReference.get('ctr'), CTR_OBJECT, contactId) : null;
      analyticsRecordId = wantsAnalytics
        ? await this.#recordId(byReference.get('analytics'), ANALYTICS_OBJECT, contactId)
        : null;
    } catch (error) {
      if (claim && claimant) await this.#releaseAfterFailure(contactId, claimant, sent, error);
      throw error;
    }
    const branches = plannedBranches({ ...facts, analyticsRecordId });
    this.logger?.info('contact imported', {
      contactId,
      kind,
      ctrRecordId,
      analyticsRecordId,
      ctrImport,
      planned: Object.entries(branches)
        .filter(([, branch]) => branch.status === 'planned')
        .map(([name]) => name),
    });
    return {
      ctrRecordId,
      analyticsRecordId,
      recordingLocation: location,
      ctrImport,
      oversizeFields,
      branches,
    };
  }

  /**
   * After a failed write: frees the lease when the write cannot land (Salesforce refused it, or it
   * was never sent), so the retry or a newer version goes ahead; keeps it when the answer was lost,
   * since Salesforce may still apply the write until the lease ends.
   */
  async #releaseAfterFailure(
    contactId: string,
    claimant: FenceClaimant,
    sent: boolean,
    error: unknown,
  ): Promise<void> {
    if (sent && writeMayStillLand(error)) {
      this.logger?.warn('contact trace record write outcome unknown; its version fence lease is kept', {
        contactId,
        leaseMs: claimant.leaseMs,
      });
      return;
    }
    const release = await this.fence?.abandon(contactId, claimant.token);
    if (release === 'held') {
      this.logger?.warn('an earlier write of this import may still land; its version fence lease is kept', {
        contactId,
      });
    }
  }

  /** Claims the fence, waiting (bounded) while another import of the contact is writing. */
  async #claim(
    contactId: string,
    version: string,
    claimant: FenceClaimant,
  ): Promise<Exclude<FenceClaim, { status: 'busy' }>> {
    const fence = this.fence as ContactVersionFence;
    const clock = claimant.clock ?? WALL_CLOCK;
    const deadline = clock.now() + (claimant.maxWaitMs ?? DEFAULT_MAX_WAIT_MS);
    for (let pauseMs = 50; ; pauseMs = Math.min(pauseMs * 2, 1_000)) {
      const answer = await fence.claim({
        contactId,
        lastUpdateTimestamp: version,
        token: claimant.token,
        leaseMs: claimant.leaseMs,
      });
      if (answer.status !== 'busy') return answer;
      if (clock.now() + pauseMs > deadline) {
        throw new ContactBusyError(
          `another import of contact ${contactId} (version ${answer.heldVersion}) holds its version fence until ${new Date(answer.expiresAt).toISOString()}`,
        );
      }
      await clock.sleep(pauseMs);
    }
  }

  async #ctrUpsert(
    contactId: string,
    ctr: Record<string, unknown>,
  ): Promise<{ subrequest: CompositeSubrequest; oversize: OversizeField[] }> {
    const describe = await this.api.describe(this.#name(CTR_OBJECT));
    const available = new Set(describe.fields.map((field) => field.name));
    const fields = ctrFields(ctr, {
      prefix: this.settings.namespacePrefix,
      region: this.settings.region,
      regionField: available.has(this.#name('Region__c')),
      disconnectReasonField: available.has(this.#name('DisconnectReason__c')),
    });
    const { body, oversize } = moveOversizeFields(fields, describe.fields, this.settings.namespacePrefix);
    if (oversize.length > 0) {
      // Names and lengths only: the values are customer data.
      this.logger?.warn(
        'contact trace record fields too long for Salesforce: written as null, full text attached',
        {
          contactId,
          oversizeFields: oversize.map(({ field, length, limit, document }) => ({
            field,
            length,
            limit,
            attachment: document.name,
          })),
        },
      );
    }
    return {
      subrequest: { method: 'PATCH', url: this.#upsertUrl(CTR_OBJECT, contactId), referenceId: 'ctr', body },
      oversize,
    };
  }

  /** Names a composite subrequest in the error of its failure. */
  #step(referenceId: string, oversize: readonly OversizeField[]): string {
    if (referenceId === 'analytics') return `upsert ${this.#name(ANALYTICS_OBJECT)} (composite)`;
    if (referenceId === 'ctr') return `upsert ${this.#name(CTR_OBJECT)} (composite)`;
    if (referenceId === olderAttachmentsReference(CTR_ATTACHMENTS)) {
      return `query ${this.#name(CTR_OBJECT)} attachments (composite)`;
    }
    const index = Number(referenceId.replace(`${CTR_ATTACHMENTS}Attachment`, ''));
    return `attach ${oversize[index]?.document.name ?? referenceId} to ${this.#name(CTR_OBJECT)} (composite)`;
  }

  async #analyticsUpsert(event: ContactImportEvent, location: string | null): Promise<CompositeSubrequest> {
    const { plan, ctr } = event;
    const available = await this.#fieldNames(ANALYTICS_OBJECT);
    const body: Record<string, unknown> = {};
    // The redacted variant leaves the path to the Contact Lens import (the original set it there too); the
    // field is left out rather than nulled so a re-run never erases a path written since.
    if (plan.recordingImport && !plan.redactedRecording && location) {
      body[this.#name('RecordingPath__c')] = location;
    }
    const endpoint = ctr.CustomerEndpoint;
    body[this.#name('CustomerEndpointAddress__c')] = isObject(endpoint) ? (endpoint.Address ?? null) : null;
    if (available.has(this.#name('InstanceId__c'))) {
      body[this.#name('InstanceId__c')] =
        this.settings.instanceId ?? instanceIdFromArn(ctr.InstanceARN) ?? null;
    }
    if (available.has(this.#name('Region__c'))) body[this.#name('Region__c')] = this.settings.region;
    return {
      method: 'PATCH',
      url: this.#upsertUrl(ANALYTICS_OBJECT, event.contactId),
      referenceId: 'analytics',
      body,
    };
  }

  /** The id from the upsert answer; API versions before v46 answer 204 without one, so read it back. */
  async #recordId(
    response: Parameters<typeof upsertOutcome>[0] | undefined,
    object: string,
    contactId: string,
  ): Promise<string> {
    const name = this.#name(object);
    if (!response)
      throw new SalesforceRequestError(`the composite answer has no result for the ${name} upsert`);
    const outcome: UpsertOutcome = upsertOutcome(response, `upsert ${name} (composite)`);
    if (outcome.id) return outcome.id;
    const key = soqlIdentifier(this.#name('ContactId__c'));
    const found = await this.api.query<{ Id: string }>(
      soql`SELECT Id FROM ${soqlIdentifier(name)} WHERE ${key} = ${contactId} LIMIT 1`,
    );
    const id = found.records[0]?.Id;
    if (!id) throw new SalesforceRequestError(`upserted ${name} for the contact but cannot read its id back`);
    return id;
  }

  /** Field names of the object, from the client's describe (cached per container, failures excepted). */
  async #fieldNames(object: string): Promise<Set<string>> {
    const result = await this.api.describe(this.#name(object));
    return new Set(result.fields.map((field) => field.name));
  }

  #upsertUrl(object: string, contactId: string): string {
    return `/sobjects/${this.#name(object)}/${this.#name('ContactId__c')}/${encodeURIComponent(contactId)}`;
  }

  #name(apiName: string): string {
    return `${this.settings.namespacePrefix}${apiName}`;
  }
}
