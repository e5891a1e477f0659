/**
 * The CTR of an execution input, inline or by reference. Step Functions refuses an input over
 * 256 KiB; a contact whose input would be larger (its attributes make most of a CTR's size, and
 * they travel twice: as values and as the text written to `Attributes__c`) still gets its
 * execution: the trigger stores the compact CTR in the payload bucket and the input's `ctr` is a
 * {@link StoredCtr}, the reference plus the few fields the state machine reads itself. Every
 * function that needs the CTR reads it through {@link readExecutionCtr}, so none can miss the
 * stored case.
 *
 * The stored object is the canonical JSON of the compact CTR and its key carries the ContactId and
 * the SHA-256 of those bytes: a redelivered record or a re-driven execution finds the same object
 * under the same key, and the input stays byte-identical (StartExecution's idempotency).
 *
 * @example
 * ```ts
 * const text = await executionInputText(buildExecutionInput(ctr, plan, 'full'), writer);
 * // in a function behind the state machine:
 * const ctr = await readExecutionCtr(event.ctr, reader);
 * ```
 */
import { PayloadIntegrityError } from '../payloads/errors.js';
import { executionInputKey } from '../payloads/payload-keys.js';
import { type PayloadReference, parsePayloadReference } from '../payloads/payload-reference.js';
import type { PayloadWriter } from '../payloads/payload-writer.js';
import { MAX_EXECUTION_INPUT_BYTES } from '../step-functions/start-execution-rules.js';
import { isObject } from '../values/is-object.js';
import { canonicalJson } from './canonical-json.js';
import type { PostCallExecutionInput } from './execution-input.js';

/** What an execution input carries as `ctr` when the CTR itself is in the payload bucket. */
export interface StoredCtr {
  /** The stored compact CTR. */
  storedIn: PayloadReference;
  ContactId: string;
  LastUpdateTimestamp: string | null;
  /** Read by the Contact Lens task (`$.ctr.Channel`): the analysis folder is per channel. */
  Channel: string | null;
  /** Read by the Contact Lens task (`$.ctr.Agent.ConnectedToAgentTimestamp`): the dated folder. */
  Agent: { ConnectedToAgentTimestamp: string | null } | null;
}

/** The serialised input and, when the CTR was stored, where. */
export interface ExecutionInputText {
  text: string;
  storedCtr?: PayloadReference;
}

/**
 * The canonical JSON of `input`; when that is over the Step Functions input limit and a writer
 * is given, the CTR is stored and the input carries a {@link StoredCtr} instead. Without a
 * writer the oversize text is returned (StartExecution refuses it: the record is dead-lettered).
 * A put that fails throws (the caller retries the record).
 */
export async function executionInputText(
  input: PostCallExecutionInput,
  writer: Pick<PayloadWriter, 'put'> | undefined,
): Promise<ExecutionInputText> {
  const inline = canonicalJson(input);
  if (writer === undefined || Buffer.byteLength(inline, 'utf8') <= MAX_EXECUTION_INPUT_BYTES) {
    return { text: inline };
  }
  const storedIn = await writer.put(
    (sha256) => executionInputKey(input.contactId, sha256),
    canonicalJson(input.ctr),
    'application/json',
  );
  const stored = { ...input, ctr: storedCtrOf(input.ctr, storedIn) };
  return { text: canonicalJson(stored), storedCtr: storedIn };
}

function storedCtrOf(ctr: Record<string, unknown>, storedIn: PayloadReference): StoredCtr {
  const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);
  const agent = ctr.Agent;
  return {
    storedIn,
    ContactId: String(ctr.ContactId),
    LastUpdateTimestamp: text(ctr.LastUpdateTimestamp),
    Channel: text(ctr.Channel),
    Agent: isObject(agent) ? { ConnectedToAgentTimestamp: text(agent.ConnectedToAgentTimestamp) } : null,
  };
}

/**
 * The execution's CTR as the trigger built it: `ctr` itself when inline, else the stored compact
 * CTR read back (size and SHA-256 checked) from the payload bucket. Throws `Payload.NotFound`
 * (expired or deleted), `Payload.Unavailable` (S3 failed: retry) or `Payload.Corrupt`.
 */
export async function readExecutionCtr(
  ctr: Record<string, unknown>,
  // Structural (shared/payloads/payload-reader.ts fits): the trigger, which only writes, imports this file too.
  reader: { read(ref: PayloadReference): Promise<string> },
): Promise<Record<string, unknown>> {
  if (!('storedIn' in ctr)) return ctr;
  const ref = parsePayloadReference(ctr.storedIn);
  if (ref === undefined) throw new PayloadIntegrityError('ctr.storedIn is not a payload reference');
  let stored: unknown;
  try {
    stored = JSON.parse(await reader.read(ref));
  } catch (error) {
    if (error instanceof SyntaxError) {
      throw new PayloadIntegrityError(`s3://${ref.bucket}/${ref.key} is not a JSON CTR`);
    }
    throw error;
  }
  if (!isObject(stored) || stored.ContactId !== ctr.ContactId) {
    throw new PayloadIntegrityError(
      `s3://${ref.bucket}/${ref.key} is not the CTR of contact ${String(ctr.ContactId)}`,
    );
  }
  return stored;
}
