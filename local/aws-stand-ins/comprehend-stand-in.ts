/**
 * A local stand-in for Amazon Comprehend's Batch* detect APIs (no emulator exists), for
 * `npm start`, tests and benchmarks. It enforces the real limits (25 documents per batch, each
 * under 5,000 UTF-8 bytes, non-empty) with the real exception names, records every call, and
 * answers deterministically from the text: a small sentiment lexicon, capitalised phrases as key
 * phrases, numbers and names as entities, a rule-of-thumb part-of-speech tagger.
 *
 * @example
 * ```ts
 * const comprehend = new ComprehendStandIn();
 * await comprehend.send(new BatchDetectSentimentCommand({ TextList: ['I am happy'], LanguageCode: 'en' }));
 * comprehend.calls; // [{ command: 'BatchDetectSentimentCommand', documentBytes: [10] }]
 * ```
 */
import {
  BatchDetectDominantLanguageCommand,
  BatchDetectEntitiesCommand,
  BatchDetectKeyPhrasesCommand,
  BatchDetectSentimentCommand,
  type BatchDetectSyntaxCommand,
  BatchSizeLimitExceededException,
  TextSizeLimitExceededException,
} from '@aws-sdk/client-comprehend';

const MAX_BYTES = 5000;
const MAX_DOCUMENTS = 25;

const POSITIVE = new Set([
  'great',
  'thank',
  'thanks',
  'welcome',
  'nice',
  'good',
  'happy',
  'refunded',
  'perfect',
  'love',
]);
const NEGATIVE = new Set([
  'charged',
  'twice',
  'sorry',
  'problem',
  'wrong',
  'bad',
  'angry',
  'cancel',
  'duplicate',
  'never',
]);
const STOP = new Set([
  'the',
  'a',
  'an',
  'and',
  'or',
  'to',
  'of',
  'in',
  'it',
  'is',
  'i',
  'you',
  'my',
  'me',
  'that',
  'this',
  'for',
  'on',
  'was',
  'so',
  'am',
]);

/** One batch call the stand-in answered: the command name and each document's size in bytes. */
export interface ComprehendCall {
  command: string;
  documentBytes: number[];
}

type BatchCommand =
  | BatchDetectSentimentCommand
  | BatchDetectKeyPhrasesCommand
  | BatchDetectEntitiesCommand
  | BatchDetectDominantLanguageCommand
  | BatchDetectSyntaxCommand;

function words(text: string): string[] {
  return text.match(/[\p{L}\p{N}']+/gu) ?? [];
}

function offsetsOf(text: string, pattern: RegExp): Array<{ text: string; begin: number; end: number }> {
  return [...text.matchAll(pattern)].map((match) => ({
    text: match[0],
    begin: match.index ?? 0,
    end: (match.index ?? 0) + match[0].length,
  }));
}

function sentimentOf(text: string) {
  let positive = 0;
  let negative = 0;
  for (const word of words(text.toLowerCase())) {
    if (POSITIVE.has(word)) positive += 1;
    if (NEGATIVE.has(word)) negative += 1;
  }
  const total = positive + negative + 1;
  const score = { Positive: positive / total, Negative: negative / total, Neutral: 1 / total, Mixed: 0 };
  if (positive > 0 && negative > 0) {
    score.Mixed = Math.min(positive, negative) / total;
    score.Neutral = Math.max(0, score.Neutral - score.Mixed);
  }
  const label = Object.entries(score).reduce((best, entry) => (entry[1] > best[1] ? entry : best))[0];
  return { Sentiment: label.toUpperCase() as 'POSITIVE', SentimentScore: score };
}

function tagOf(word: string): string {
  if (/^\p{N}+$/u.test(word)) return 'NUM';
  if (/^[.,!?;:]$/.test(word)) return 'PUNCT';
  const lower = word.toLowerCase();
  if (['i', 'you', 'he', 'she', 'we', 'they', 'it', 'me', 'my', 'your'].includes(lower)) return 'PRON';
  if (['the', 'a', 'an'].includes(lower)) return 'DET';
  if (['and', 'or', 'but'].includes(lower)) return 'CCONJ';
  if (['to', 'of', 'in', 'on', 'for', 'about', 'with'].includes(lower)) return 'ADP';
  if (/ing$|ed$/.test(lower) || ['is', 'am', 'are', 'was', 'have', 'see', 'help', 'calling'].includes(lower))
    return 'VERB';
  if (/ly$/.test(lower)) return 'ADV';
  return 'NOUN';
}

/**
 * Answers Comprehend's batch detect commands offline, deterministically from the text, enforcing
 * the service's limits (1 to 25 documents per call, each non-empty and under 5,000 UTF-8 bytes) with
 * its exception names, and records every call.
 */
export class ComprehendStandIn {
  readonly calls: ComprehendCall[] = [];

  async send(command: BatchCommand): Promise<Record<string, unknown>> {
    const name = command.constructor.name;
    const documents = command.input.TextList ?? [];
    if (documents.length === 0 || documents.length > MAX_DOCUMENTS) {
      throw new BatchSizeLimitExceededException({
        message: `The number of documents in the request exceeds the limit of ${MAX_DOCUMENTS}.`,
        $metadata: {},
      });
    }
    const documentBytes = documents.map((document) => Buffer.byteLength(document, 'utf8'));
    this.calls.push({ command: name, documentBytes });
    if (documentBytes.some((bytes) => bytes >= MAX_BYTES || bytes === 0)) {
      throw new TextSizeLimitExceededException({
        message: 'Input text size exceeds limit. Max length of request text allowed is 5000 bytes.',
        $metadata: {},
      });
    }
    const results = documents.map((text, Index) => ({ Index, ...this.#detect(command, text) }));
    return { ResultList: results, ErrorList: [], $metadata: {} };
  }

  #detect(command: BatchCommand, text: string): Record<string, unknown> {
    if (command instanceof BatchDetectSentimentCommand) return sentimentOf(text);
    if (command instanceof BatchDetectDominantLanguageCommand) {
      return { Languages: [{ LanguageCode: 'en', Score: 0.99 }] };
    }
    if (command instanceof BatchDetectKeyPhrasesCommand) {
      const phrases = offsetsOf(
        text,
        /(?<![\p{L}\p{N}])(?:[Tt]he |[Mm]y |[Yy]our )?\p{L}{5,}(?: \p{Lu}\p{L}+)*(?![\p{L}\p{N}])/gu,
      ).filter((phrase) => !STOP.has(phrase.text.toLowerCase()));
      return {
        KeyPhrases: phrases.map((phrase) => ({
          Text: phrase.text,
          Score: 0.9,
          BeginOffset: phrase.begin,
          EndOffset: phrase.end,
        })),
      };
    }
    if (command instanceof BatchDetectEntitiesCommand) {
      const numbers = offsetsOf(text, /\b\d+(?: \d+)*\b/g).map((entity) => ({ ...entity, type: 'QUANTITY' }));
      const names = offsetsOf(
        text,
        /(?<![.!?]\s|^|[\p{L}\p{N}])\p{Lu}\p{Ll}+(?: \p{Lu}\p{Ll}+)*(?![\p{L}\p{N}])/gu,
      )
        .filter((entity) => entity.text !== 'I')
        .map((entity) => ({ ...entity, type: 'PERSON' }));
      return {
        Entities: [...numbers, ...names]
          .sort((a, b) => a.begin - b.begin)
          .map((entity) => ({
            Text: entity.text,
            Type: entity.type,
            Score: 0.95,
            BeginOffset: entity.begin,
            EndOffset: entity.end,
          })),
      };
    }
    const tokens = offsetsOf(text, /[\p{L}\p{N}']+|[.,!?;:]/gu);
    return {
      SyntaxTokens: tokens.map((token, index) => ({
        TokenId: index + 1,
        Text: token.text,
        BeginOffset: token.begin,
        EndOffset: token.end,
        PartOfSpeech: { Tag: tagOf(token.text), Score: 0.9 },
      })),
    };
  }
}
