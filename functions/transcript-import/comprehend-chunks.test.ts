import { describe, expect, it } from 'vitest';
import { batches, chunkText, splitSentences, utf8Bytes } from './comprehend-chunks.js';

describe('chunkText', () => {
  it('keeps short text whole and splits on sentence boundaries', () => {
    expect(chunkText('One. Two!')).toEqual(['One. Two!']);
    expect(chunkText('First sentence. Second one! Third?', 20)).toEqual([
      'First sentence.',
      'Second one! Third?',
    ]);
    expect(splitSentences('  A.  B?C ')).toEqual(['A.', 'B?C']);
  });

  it('never exceeds the byte limit with multi-byte text and never splits a character', () => {
    const sentence = 'Grüße aus München, ça va? 日本語のテキストです。 Emoji 👋🏽 ok. ';
    const text = sentence.repeat(400);
    const chunks = chunkText(text);
    expect(chunks.length).toBeGreaterThan(1);
    for (const chunk of chunks) {
      expect(utf8Bytes(chunk)).toBeLessThan(5000);
      expect(chunk).not.toMatch(/\uFFFD/);
      // a lone surrogate would mean a split emoji
      expect(chunk).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
    }
    expect(chunks.join(' ')).toBe(text.trim().replace(/\s+/g, ' '));
  });

  it('splits an over-long sentence on words, then a word on characters', () => {
    const longSentence = `${'word '.repeat(30).trim()}.`;
    const chunks = chunkText(longSentence, 40);
    expect(chunks.every((chunk) => utf8Bytes(chunk) <= 40)).toBe(true);
    expect(chunks.join(' ')).toBe(longSentence);
    const giant = 'é'.repeat(50); // 100 bytes, no spaces
    const pieces = chunkText(giant, 9);
    expect(pieces.every((piece) => utf8Bytes(piece) <= 9)).toBe(true);
    expect(pieces.join('')).toBe(giant);
  });

  it('returns nothing for blank text', () => {
    expect(chunkText('   ')).toEqual([]);
  });

  it('batches documents by 25', () => {
    const items = Array.from({ length: 60 }, (_, i) => i);
    expect(batches(items).map((batch) => batch.length)).toEqual([25, 25, 10]);
  });
});
