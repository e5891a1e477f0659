/**
 * Settings of the transcript import, from the environment.
 *
 * @example
 * ```ts
 * const { namespacePrefix } = readTranscriptImportSettings(process.env); // 'amazonconnect__' by default
 * ```
 */
import { ADAPTER_NAMESPACE_ENV, readNamespacePrefix } from '../../shared/config/adapter-namespace.js';
import type { TranscriptImportSettings } from './types.js';

/** Every environment variable this function reads (besides the Salesforce client's `SF_*`). */
export const TRANSCRIPT_IMPORT_ENV_VARS = [ADAPTER_NAMESPACE_ENV] as const;

/** Reads {@link TranscriptImportSettings}; an invalid namespace is a configuration error naming it. */
export function readTranscriptImportSettings(
  env: Record<string, string | undefined>,
): TranscriptImportSettings {
  return { namespacePrefix: readNamespacePrefix(env) };
}
