/**
 * Runs the requested Comprehend analyses over the customer's text, chunked under the 5,000-byte
 * document limit and sent with the Batch* APIs (25 documents per call), then combines the
 * per-chunk results into the values the analytics record stores:
 * - `snt`: scores averaged over chunks weighted by their size; the label is the highest average
 *   (`"NEGATIVE, 0.8123"`, the original's format);
 * - `kw` / `ne`: merged, de-duplicated case-insensitively in order of appearance, comma-joined,
 *   capped to the long text area size;
 * - `dl`: language scores weighted by chunk size, the highest wins;
 * - `syn`: `TAG:word` counts summed over chunks.
 *
 * @example
 * ```ts
 * const { results, calls } = await analyzeText(new ComprehendClient({}), text, 'en-US', ['snt', 'kw']);
 * results.sentiment; // "POSITIVE, 0.9132"
 * ```
 */
import {
  BatchDetectDominantLanguageCommand,
  BatchDetectEntitiesCommand,
  BatchDetectKeyPhrasesCommand,
  BatchDetectSentimentCommand,
  BatchDetectSyntaxCommand,
  type BatchItemError,
  type ComprehendClient,
  type LanguageCode,
  type SyntaxLanguageCode,
} from '@aws-sdk/client-comprehend';
import { pythonFloatText } from '../../shared/json/python-json.js';
import { batches, COMPREHEND_MAX_BATCH_DOCUMENTS, chunkText, utf8Bytes } from './comprehend-chunks.js';
import { ComprehendAnalysisError } from './errors.js';
import type { ComprehendAnalysisCode, ComprehendResults, SyntaxTokenCount } from './types.js';

/** Salesforce long text areas hold 131,072 characters; the original capped at about 131,000. */
export const LONG_TEXT_MAX_CHARS = 131_000;

/** Every Comprehend analysis a contact can ask for, in the order they are run. */
export const ANALYSIS_CODES: readonly ComprehendAnalysisCode[] = ['snt', 'kw', 'dl', 'ne', 'syn'];

const DETECT_LANGUAGES = new Set(['en', 'es', 'fr', 'de', 'it', 'pt', 'ar', 'hi', 'ja', 'ko', 'zh', 'zh-TW']);
const SYNTAX_LANGUAGES = new Set(['en', 'es', 'fr', 'de', 'it', 'pt']);

/** Only the `send` of a Comprehend client (easy to stand in for locally). */
export type ComprehendSender = Pick<ComprehendClient, 'send'>;

/** Comprehend's language for a Transcribe language code: `en-US` → `en`, `zh-TW` stays. */
export function comprehendLanguage(transcribeLanguage: string): string {
  if (/^zh-TW$/i.test(transcribeLanguage)) return 'zh-TW';
  return transcribeLanguage.split('-')[0].toLowerCase();
}

/** Known codes from a request list, in canonical order, without duplicates. */
export function requestedAnalyses(codes: readonly string[] | undefined): {
  analyses: ComprehendAnalysisCode[];
  unknown: string[];
} {
  const wanted = new Set((codes ?? []).map((code) => code.trim().toLowerCase()).filter(Boolean));
  const analyses = ANALYSIS_CODES.filter((code) => wanted.has(code));
  const unknown = [...wanted].filter((code) => !(ANALYSIS_CODES as readonly string[]).includes(code));
  return { analyses, unknown };
}

/** Joins distinct values with `, ` without exceeding `maxChars` (whole values only). */
export function joinCapped(values: readonly string[], maxChars = LONG_TEXT_MAX_CHARS): string {
  let out = '';
  for (const value of values) {
    const next = out ? `${out}, ${value}` : value;
    if (next.length > maxChars) break;
    out = next;
  }
  return out;
}

/** Distinct values, case-insensitively, first spelling kept. */
export function distinct(values: Iterable<string>): string[] {
  const seen = new Map<string, string>();
  for (const value of values) {
    const trimmed = value.trim();
    const key = trimmed.toLowerCase();
    if (trimmed && !seen.has(key)) seen.set(key, trimmed);
  }
  return [...seen.values()];
}

function failIfErrors(api: string, errors: BatchItemError[] | undefined): void {
  if (errors && errors.length > 0) {
    const details = errors.map((error) =>
      `#${error.Index}: ${error.ErrorCode} ${error.ErrorMessage ?? ''}`.trim(),
    );
    throw new ComprehendAnalysisError(`${api} rejected ${errors.length} document(s): ${details.join('; ')}`);
  }
}

/**
 * The Comprehend results of a transcript, which analyses ran or were skipped (and why), and the
 * calls it took.
 */
export interface AnalyzeTextOutcome {
  results: ComprehendResults;
  /** Analyses actually run (those the language supports). */
  analyses: ComprehendAnalysisCode[];
  /** Analyses skipped, with the reason. */
  skipped: Array<{ analysis: ComprehendAnalysisCode; reason: string }>;
  /** Comprehend API calls made. */
  calls: number;
  /** Size of every document sent, in UTF-8 bytes. */
  documentBytes: number[];
}

/**
 * Runs `analyses` over `text` (an empty text runs nothing). Analyses are independent and run
 * concurrently; the batches of one analysis run one after the other to stay gentle on throttling.
 */
export async function analyzeText(
  comprehend: ComprehendSender,
  text: string,
  transcribeLanguage: string,
  analyses: readonly ComprehendAnalysisCode[],
): Promise<AnalyzeTextOutcome> {
  const outcome: AnalyzeTextOutcome = { results: {}, analyses: [], skipped: [], calls: 0, documentBytes: [] };
  const chunks = chunkText(text);
  if (chunks.length === 0 || analyses.length === 0) return outcome;
  const weights = chunks.map((chunk) => utf8Bytes(chunk));
  const totalWeight = weights.reduce((sum, weight) => sum + weight, 0);
  const language = comprehendLanguage(transcribeLanguage);

  const run = async <T>(send: (documents: string[]) => Promise<T>): Promise<T[]> => {
    const out: T[] = [];
    for (const batch of batches(chunks)) {
      outcome.calls += 1;
      outcome.documentBytes.push(...batch.map((document) => utf8Bytes(document)));
      out.push(await send(batch));
    }
    return out;
  };

  const tasks: Array<Promise<void>> = [];
  for (const analysis of analyses) {
    if (analysis !== 'dl' && !(analysis === 'syn' ? SYNTAX_LANGUAGES : DETECT_LANGUAGES).has(language)) {
      outcome.skipped.push({
        analysis,
        reason: `Comprehend does not support language ${language} for ${analysis}`,
      });
      continue;
    }
    outcome.analyses.push(analysis);
    switch (analysis) {
      case 'snt':
        tasks.push(
          (async () => {
            const totals = { POSITIVE: 0, NEGATIVE: 0, NEUTRAL: 0, MIXED: 0 };
            const responses = await run((TextList) =>
              comprehend.send(
                new BatchDetectSentimentCommand({ TextList, LanguageCode: language as LanguageCode }),
              ),
            );
            for (const [batch, response] of responses.entries()) {
              failIfErrors('BatchDetectSentiment', response.ErrorList);
              // Result indexes are per batch; batches hold COMPREHEND_MAX_BATCH_DOCUMENTS documents.
              const offset = batch * COMPREHEND_MAX_BATCH_DOCUMENTS;
              for (const item of response.ResultList ?? []) {
                const weight = weights[offset + (item.Index ?? 0)] / totalWeight;
                totals.POSITIVE += (item.SentimentScore?.Positive ?? 0) * weight;
                totals.NEGATIVE += (item.SentimentScore?.Negative ?? 0) * weight;
                totals.NEUTRAL += (item.SentimentScore?.Neutral ?? 0) * weight;
                totals.MIXED += (item.SentimentScore?.Mixed ?? 0) * weight;
              }
            }
            const [label, score] = Object.entries(totals).reduce((best, entry) =>
              entry[1] > best[1] ? entry : best,
            );
            // The score as Comprehend gave it, written as Python's str(float) as the original did
            // (a transcript of several chunks gets the size-weighted mean of the chunks' scores).
            outcome.results.sentiment = `${label}, ${pythonFloatText(score)}`;
          })(),
        );
        break;
      case 'kw':
        tasks.push(
          (async () => {
            const phrases: string[] = [];
            for (const response of await run((TextList) =>
              comprehend.send(
                new BatchDetectKeyPhrasesCommand({ TextList, LanguageCode: language as LanguageCode }),
              ),
            )) {
              failIfErrors('BatchDetectKeyPhrases', response.ErrorList);
              const ordered = [...(response.ResultList ?? [])].sort(
                (a, b) => (a.Index ?? 0) - (b.Index ?? 0),
              );
              for (const item of ordered)
                for (const phrase of item.KeyPhrases ?? []) phrases.push(phrase.Text ?? '');
            }
            outcome.results.keywords = joinCapped(distinct(phrases));
          })(),
        );
        break;
      case 'ne':
        tasks.push(
          (async () => {
            const entities: string[] = [];
            for (const response of await run((TextList) =>
              comprehend.send(
                new BatchDetectEntitiesCommand({ TextList, LanguageCode: language as LanguageCode }),
              ),
            )) {
              failIfErrors('BatchDetectEntities', response.ErrorList);
              const ordered = [...(response.ResultList ?? [])].sort(
                (a, b) => (a.Index ?? 0) - (b.Index ?? 0),
              );
              for (const item of ordered) {
                for (const entity of item.Entities ?? [])
                  entities.push(`${entity.Text ?? ''}:${entity.Type ?? ''}`);
              }
            }
            outcome.results.namedEntities = joinCapped(distinct(entities));
          })(),
        );
        break;
      case 'dl':
        tasks.push(
          (async () => {
            const scores = new Map<string, number>();
            const responses = await run((TextList) =>
              comprehend.send(new BatchDetectDominantLanguageCommand({ TextList })),
            );
            for (const [batch, response] of responses.entries()) {
              failIfErrors('BatchDetectDominantLanguage', response.ErrorList);
              const offset = batch * COMPREHEND_MAX_BATCH_DOCUMENTS;
              for (const item of response.ResultList ?? []) {
                const weight = weights[offset + (item.Index ?? 0)] / totalWeight;
                for (const candidate of item.Languages ?? []) {
                  if (!candidate.LanguageCode) continue;
                  scores.set(
                    candidate.LanguageCode,
                    (scores.get(candidate.LanguageCode) ?? 0) + (candidate.Score ?? 0) * weight,
                  );
                }
              }
            }
            const top = [...scores.entries()].sort((a, b) => b[1] - a[1])[0];
            if (top) outcome.results.dominantLanguage = top[0];
          })(),
        );
        break;
      case 'syn':
        tasks.push(
          (async () => {
            const counts = new Map<string, number>();
            for (const response of await run((TextList) =>
              comprehend.send(
                new BatchDetectSyntaxCommand({ TextList, LanguageCode: language as SyntaxLanguageCode }),
              ),
            )) {
              failIfErrors('BatchDetectSyntax', response.ErrorList);
              const ordered = [...(response.ResultList ?? [])].sort(
                (a, b) => (a.Index ?? 0) - (b.Index ?? 0),
              );
              for (const item of ordered) {
                for (const token of item.SyntaxTokens ?? []) {
                  const key = `${token.PartOfSpeech?.Tag ?? 'X'}:${token.Text ?? ''}`;
                  counts.set(key, (counts.get(key) ?? 0) + 1);
                }
              }
            }
            outcome.results.syntax = [...counts.entries()].map(
              ([text, size]): SyntaxTokenCount => ({ text, size }),
            );
          })(),
        );
        break;
    }
  }
  await Promise.all(tasks);
  return outcome;
}
