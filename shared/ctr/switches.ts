/**
 * The package-level switches of the post-call pipeline (the stack's parameters, passed to the
 * functions as environment variables). A switch is on when its value is `true` in any case
 * (the template accepts `true`/`True`); an unset variable takes the template's default.
 *
 * @example
 * ```ts
 * const switches = postCallSwitchesFromEnvironment(process.env);
 * const plan = planContact(ctr, switches);
 * ```
 */
import { flag } from '../config/template-flag.js';
import {
  CONTACT_LENS_IMPORT_ENABLED_ENV,
  CTR_IMPORT_ENABLED_ENV,
  RECORDING_IMPORT_ENABLED_ENV,
  RECORDING_UPLOAD_ENABLED_ENV,
  TRANSCRIBE_ENABLED_ENV,
} from './switch-variables.js';

export { flag, isTrue } from '../config/template-flag.js';
export { POST_CALL_SWITCH_ENV_VARS } from './switch-variables.js';

/** The package switches: which post-call branches an admin turned on. */
export interface PostCallSwitches {
  /** POSTCALL_CTR_IMPORT_ENABLED (PostcallCTRImportEnabled, default true). */
  ctrImport: boolean;
  /** POSTCALL_RECORDING_IMPORT_ENABLED (PostcallRecordingImportEnabled, default true). */
  recordingImport: boolean;
  /** POSTCALL_TRANSCRIBE_ENABLED (PostcallTranscribeEnabled, default true). */
  transcribe: boolean;
  /** CONTACT_LENS_IMPORT_ENABLED (ContactLensImportEnabled, default true). */
  contactLens: boolean;
  /** RECORDING_UPLOAD_ENABLED (RecordingUploadEnabled, new, default false). */
  recordingUpload: boolean;
}

/**
 * Reads the switches; an unset variable takes its default (every branch on except recording
 * upload).
 *
 * @example
 * ```ts
 * postCallSwitchesFromEnvironment({ POSTCALL_TRANSCRIBE_ENABLED: 'false' }).transcribe; // false
 * ```
 */
export function postCallSwitchesFromEnvironment(
  env: Record<string, string | undefined> = process.env,
): PostCallSwitches {
  return {
    ctrImport: flag(env[CTR_IMPORT_ENABLED_ENV], true),
    recordingImport: flag(env[RECORDING_IMPORT_ENABLED_ENV], true),
    transcribe: flag(env[TRANSCRIBE_ENABLED_ENV], true),
    contactLens: flag(env[CONTACT_LENS_IMPORT_ENABLED_ENV], true),
    recordingUpload: flag(env[RECORDING_UPLOAD_ENABLED_ENV], false),
  };
}
