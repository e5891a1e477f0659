/**
 * Splits text into documents Comprehend accepts: each under its 5,000-byte UTF-8 limit
 * (amazon-connect/amazon-connect-salesforce-lambda#20), cut at sentence boundaries, falling back to
 * word and then character boundaries for a sentence that is too long by itself. Never splits a
 * character (a multi-byte UTF-8 sequence or a surrogate pair).
 *
 * @example
 * ```ts
 * chunkText('First sentence. Second one!', 20); // ['First sentence.', 'Second one!']
 * ```
 */

/** Comprehend's per-document limit, in UTF-8 bytes; documents are kept strictly below it. */
export const COMPREHEND_MAX_DOCUMENT_BYTES = 5000;
/** Documents per Comprehend Batch* call. */
export const COMPREHEND_MAX_BATCH_DOCUMENTS = 25;

const encoder = new TextEncoder();

/** The length of `text` in UTF-8 bytes, the unit of Comprehend's document limit. */
export function utf8Bytes(text: string): number {
  return encoder.encode(text).length;
}

/** Sentences, each keeping its end mark; whitespace between them is dropped. */
export function splitSentences(text: string): string[] {
  return text
    .split(/(?<=[.!?。！？])\s+/u)
    .map((sentence) => sentence.trim())
    .filter((sentence) => sentence.length > 0);
}

/** Cuts one piece that is too long by characters (code points), never mid-character. */
function splitByCharacters(piece: string, maxBytes: number): string[] {
  const parts: string[] = [];
  let current = '';
  let currentBytes = 0;
  for (const char of piece) {
    const bytes = utf8Bytes(char);
    if (currentBytes + bytes > maxBytes && current) {
      parts.push(current);
      current = '';
      currentBytes = 0;
    }
    current += char;
    currentBytes += bytes;
  }
  if (current) parts.push(current);
  return parts;
}

/** Packs pieces greedily into chunks of at most `maxBytes`, joined by `separator`. */
function pack(pieces: readonly string[], maxBytes: number, separator: string): string[] {
  const chunks: string[] = [];
  let current = '';
  for (const piece of pieces) {
    const candidate = current ? current + separator + piece : piece;
    if (utf8Bytes(candidate) <= maxBytes) {
      current = candidate;
      continue;
    }
    if (current) chunks.push(current);
    current = piece;
  }
  if (current) chunks.push(current);
  return chunks;
}

/** Pieces no longer than `maxBytes`: the sentence itself, or its words, or its characters. */
function fitSentence(sentence: string, maxBytes: number): string[] {
  if (utf8Bytes(sentence) <= maxBytes) return [sentence];
  const words = sentence
    .split(/\s+/u)
    .flatMap((word) => (utf8Bytes(word) <= maxBytes ? [word] : splitByCharacters(word, maxBytes)));
  return pack(words, maxBytes, ' ');
}

/**
 * Chunks of `text`, each at most `maxBytes` UTF-8 bytes (default: just under Comprehend's limit).
 * Sentences are never merged past the limit and only split when longer than it.
 */
export function chunkText(text: string, maxBytes = COMPREHEND_MAX_DOCUMENT_BYTES - 1): string[] {
  if (maxBytes < 4) throw new RangeError('maxBytes must leave room for one UTF-8 character');
  const pieces = splitSentences(text).flatMap((sentence) => fitSentence(sentence, maxBytes));
  return pack(pieces, maxBytes, ' ');
}

/** Splits a list into batches of at most `size`. */
export function batches<T>(items: readonly T[], size = COMPREHEND_MAX_BATCH_DOCUMENTS): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
