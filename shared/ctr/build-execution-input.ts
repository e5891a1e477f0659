/**
 * Builds and serialises the `PostCallExecutionInput` of a contact (the contract with
 * `statemachines/post-call.asl.json`).
 *
 * @example
 * ```ts
 * const input = buildExecutionInput(ctr, planContact(ctr, switches), 'full');
 * await sfn.send(new StartExecutionCommand({ stateMachineArn, name, input: serializeExecutionInput(input) }));
 * ```
 */
import { canonicalJson } from './canonical-json.js';
import { compactCtrForExecution } from './compact-ctr.js';
import type { ContactPlan, ExecutionKind, PostCallExecutionInput } from './execution-input.js';
import type { ContactTraceRecord } from './types.js';

/**
 * The post-call execution input of one CTR version: its identity, ordering timestamp, kind, plan
 * and the compacted CTR the branches read.
 *
 * @example
 * ```ts
 * const input = buildExecutionInput(ctr, plan, 'contact'); // JSON.stringify(input) is StartExecution's input
 * ```
 */
export function buildExecutionInput(
  ctr: ContactTraceRecord,
  plan: ContactPlan,
  kind: ExecutionKind,
): PostCallExecutionInput {
  return {
    contactId: ctr.ContactId,
    // '' when Connect sent none: such a version can never be shown to be newer than another.
    lastUpdateTimestamp: ctr.LastUpdateTimestamp ?? '',
    kind,
    plan,
    ctr: compactCtrForExecution(ctr),
  };
}

/** Canonical JSON (sorted keys): the same input always gives the same bytes. */
export function serializeExecutionInput(input: PostCallExecutionInput): string {
  return canonicalJson(input);
}
