/**
 * Contact trace records (CTRs): tolerant parsing, the plan of a contact's post-call work, execution
 * naming and the execution input shared by the Kinesis trigger and the post-call state machine.
 *
 * @example
 * ```ts
 * import { decodeContactTraceRecord, planContact, postCallSwitchesFromEnvironment } from '../shared/ctr/index.js';
 * const ctr = decodeContactTraceRecord(record.kinesis.data);
 * const plan = planContact(ctr, postCallSwitchesFromEnvironment());
 * ```
 */
export * from './build-execution-input.js';
export * from './canonical-json.js';
export * from './compact-ctr.js';
export * from './comprehend-analyses.js';
export * from './ctr-json-text.js';
export * from './ctr-version.js';
export * from './errors.js';
export * from './execution-ctr.js';
export * from './execution-input.js';
export * from './execution-name.js';
export * from './parse.js';
export * from './plan.js';
export * from './recording.js';
export * from './switches.js';
export * from './types.js';
