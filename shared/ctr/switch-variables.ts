/**
 * The environment variables of the post-call switches, alone in a module so that a function
 * reading only one of them (and the stack) can import the names without the others' reader.
 *
 * @example
 * ```ts
 * env[CONTACT_LENS_IMPORT_ENABLED_ENV]; // 'true' or 'false', from the stack's condition
 * ```
 */

/** Stack parameter PostcallCTRImportEnabled. */
export const CTR_IMPORT_ENABLED_ENV = 'POSTCALL_CTR_IMPORT_ENABLED';
/** Stack parameter PostcallRecordingImportEnabled. */
export const RECORDING_IMPORT_ENABLED_ENV = 'POSTCALL_RECORDING_IMPORT_ENABLED';
/** Stack parameter PostcallTranscribeEnabled. */
export const TRANSCRIBE_ENABLED_ENV = 'POSTCALL_TRANSCRIBE_ENABLED';
/** Stack parameter ContactLensImportEnabled. */
export const CONTACT_LENS_IMPORT_ENABLED_ENV = 'CONTACT_LENS_IMPORT_ENABLED';
/** Stack parameter RecordingUploadEnabled. */
export const RECORDING_UPLOAD_ENABLED_ENV = 'RECORDING_UPLOAD_ENABLED';

/** The switches' environment variables, in the order of the `PostCallSwitches` fields (switches.ts). */
export const POST_CALL_SWITCH_ENV_VARS = [
  CTR_IMPORT_ENABLED_ENV,
  RECORDING_IMPORT_ENABLED_ENV,
  TRANSCRIBE_ENABLED_ENV,
  CONTACT_LENS_IMPORT_ENABLED_ENV,
  RECORDING_UPLOAD_ENABLED_ENV,
] as const;
