/**
 * The `postcallTranscribeComprehendAnalysis` contact attribute: a comma-separated list of the
 * Comprehend analyses to run on the transcript (`snt` sentiment, `kw` key phrases, `dl` dominant
 * language, `ne` named entities, `syn` syntax). Blanks around items and letter case are ignored,
 * unknown items and repeats are dropped, the first-seen order is kept.
 *
 * @example
 * ```ts
 * parseComprehendAnalyses(' snt, KW,bogus,snt'); // ['snt', 'kw']
 * ```
 */
export const COMPREHEND_ANALYSES = ['snt', 'kw', 'dl', 'ne', 'syn'] as const;
/** One Comprehend analysis code: `snt`, `kw`, `dl`, `ne` or `syn`. */
export type ComprehendAnalysis = (typeof COMPREHEND_ANALYSES)[number];

/**
 * The analyses a contact asked for, from the comma-separated contact attribute; unset or not text
 * is an empty list.
 *
 * @example
 * ```ts
 * parseComprehendAnalyses(' snt, KW,bogus,snt'); // ['snt', 'kw']
 * ```
 */
export function parseComprehendAnalyses(value: string | null | undefined): ComprehendAnalysis[] {
  if (typeof value !== 'string') return [];
  const result: ComprehendAnalysis[] = [];
  for (const item of value.split(',')) {
    const code = item.trim().toLowerCase();
    if (isComprehendAnalysis(code) && !result.includes(code)) result.push(code);
  }
  return result;
}

function isComprehendAnalysis(code: string): code is ComprehendAnalysis {
  return (COMPREHEND_ANALYSES as readonly string[]).includes(code);
}
