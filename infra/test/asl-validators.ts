/**
 * Two ASL validators the project did not write, run on the definition as Step Functions receives
 * it (every `${Name}` filled): AWS Toolkit's `amazon-states-language-service` (the checks the
 * Step Functions editor shows) and `@wmfs/statelint` (the States Language specification's rules).
 *
 * @example
 * ```ts
 * const diagnostics = [...(await aslServiceDiagnostics(text)), ...statelintProblems(text)];
 * ```
 */
import { createRequire } from 'node:module';
import type * as AslService from 'amazon-states-language-service';

const require = createRequire(import.meta.url);
// CommonJS whose re-exports Node's ESM loader cannot see: loaded with require.
const { getLanguageService, TextDocument } = require('amazon-states-language-service') as typeof AslService;

/** `${Name}` placeholders replaced by `values` (a name without a value is an error). */
export function fillSubstitutions(text: string, values: Record<string, string>): string {
  return text.replace(/\$\{([A-Za-z0-9_]+)\}/g, (_, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`no value for \${${name}}`);
    return value;
  });
}

/** Diagnostics of AWS Toolkit's ASL language service (schema and ASL-specific checks), one line each. */
export async function aslServiceDiagnostics(text: string): Promise<string[]> {
  const service = getLanguageService({});
  const document = TextDocument.create('file:///post-call.asl.json', 'json', 1, text);
  const json = service.parseJSONDocument(document);
  const diagnostics = await service.doValidation(document, json);
  return diagnostics.map((d) => `line ${d.range.start.line + 1}: ${d.message}`);
}

type StateLint = { validate(json: unknown): string[] };
// CommonJS without typings.
const statelint = require('@wmfs/statelint') as () => StateLint;

/** Problems @wmfs/statelint finds, one line each. */
export function statelintProblems(text: string): string[] {
  return statelint().validate(JSON.parse(text));
}
