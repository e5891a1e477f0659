/**
 * The analytics record fields a transcript import writes (names without namespace). Analyses
 * that were not computed are left out, so a re-run with fewer analyses never blanks values that an
 * earlier run wrote (the original wrote empty strings).
 *
 * @example
 * ```ts
 * analyticsFields({ sentiment: 'POSITIVE, 0.9' }); // { Sentiment__c: 'POSITIVE, 0.9' }
 * ```
 */
import type { ComprehendResults } from './types.js';

/** `Sentiment__c` is a 255-character text field. */
const SENTIMENT_MAX = 255;
/** `DominantLanguage__c` holds 40 characters. */
const LANGUAGE_MAX = 40;

/**
 * The analytics record fields of the Comprehend results computed (names without namespace);
 * analyses not computed are left out so a re-run never blanks earlier values.
 *
 * @example
 * ```ts
 * analyticsFields({ sentiment: 'POSITIVE, 0.9' }); // { Sentiment__c: 'POSITIVE, 0.9' }
 * ```
 */
export function analyticsFields(results: ComprehendResults): Record<string, string> {
  const fields: Record<string, string> = {};
  if (results.sentiment !== undefined) fields.Sentiment__c = results.sentiment.slice(0, SENTIMENT_MAX);
  if (results.keywords !== undefined) fields.Keywords__c = results.keywords;
  if (results.dominantLanguage !== undefined) {
    fields.DominantLanguage__c = results.dominantLanguage.slice(0, LANGUAGE_MAX);
  }
  if (results.namedEntities !== undefined) fields.NamedEntities__c = results.namedEntities;
  return fields;
}
