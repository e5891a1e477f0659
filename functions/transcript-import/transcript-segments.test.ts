import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { pythonJson } from '../../shared/json/python-json.js';
import { InvalidTranscriptError } from './errors.js';
import {
  channelTranscripts,
  customerText,
  segmentItems,
  segmentsAttachmentContent,
} from './transcript-segments.js';
import type { TranscribeItem, TranscribeOutput } from './types.js';

const fixture = JSON.parse(
  readFileSync(new URL('./fixtures/transcribe-output-two-channel.json', import.meta.url), 'utf8'),
) as TranscribeOutput;

const word = (content: string, start: number, end = start + 0.3, confidence = '0.99'): TranscribeItem => ({
  type: 'pronunciation',
  start_time: String(start),
  end_time: String(end),
  alternatives: [{ confidence, content }],
});
const mark = (content: string): TranscribeItem => ({
  type: 'punctuation',
  alternatives: [{ confidence: '0.0', content }],
});

describe('segmentItems', () => {
  it('merges words within 2 s of the segment start and ends segments at punctuation', () => {
    const segments = segmentItems([
      word('Hello', 0.5, 0.8),
      word('there', 0.9),
      mark(','),
      word('how', 1.4),
      word('are', 1.7),
      word('you', 2.6),
      mark('?'),
      mark('?'),
    ]);
    expect(segments).toEqual([
      { start_time: 0.5, end_time: 0.8, content: 'Hello there,' },
      // "you" starts 1.2 s after "how": still the same segment; the second "?" is not doubled.
      { start_time: 1.4, end_time: 1.7, content: 'how are you?' },
    ]);
  });

  it('starts a new segment when a word comes more than 2 s after the segment start', () => {
    const segments = segmentItems([word('one', 1), word('two', 2.9), word('three', 3.01)]);
    expect(segments.map((segment) => segment.content)).toEqual(['one two', 'three']);
    // end_time stays the first word's end (kept from the original for the analytics page).
    expect(segments[0].end_time).toBeCloseTo(1.3);
  });

  it('picks the most confident alternative numerically and skips zero-confidence words', () => {
    const segments = segmentItems([
      {
        type: 'pronunciation',
        start_time: '0.1',
        end_time: '0.4',
        // compared as numbers (the original compared a float with a string)
        alternatives: [
          { confidence: '0.85', content: 'bill' },
          { confidence: '0.9', content: 'Bill' },
        ],
      },
      word('silence', 0.5, 0.6, '0.0'),
      mark('.'),
    ]);
    expect(segments).toEqual([{ start_time: 0.1, end_time: 0.4, content: 'Bill.' }]);
  });

  it.each([
    ['0.47', '0.90', '2.47'],
    ['0.72', '1.30', '2.72'],
    ['1.14', '2.00', '3.14'],
  ])(
    'a word exactly 2 s after the segment start (%s → %s) joins it, as in the original',
    (first, second, third) => {
      const at = (content: string, start: string): TranscribeItem => ({
        type: 'pronunciation',
        start_time: start,
        end_time: start,
        alternatives: [{ confidence: '0.99', content }],
      });
      // In binary floating point first + 2.0 < third for these three pairs: a start-plus-window rule
      // would cut "again," into a segment of its own.
      const segments = segmentItems([at('Hi', first), at('there', second), at('again', third), mark(',')]);
      expect(segments.map((segment) => segment.content)).toEqual(['Hi there again,']);
    },
  );

  it('a word just over 2 s after the segment start begins a new segment', () => {
    const segments = segmentItems([word('Hi', 0.47), word('again', 2.471)]);
    expect(segments.map((segment) => segment.content)).toEqual(['Hi', 'again']);
  });

  it('writes the attachment as the original did: times as Python floats, keys start/end/content', () => {
    const segments = segmentItems([word('Hi', 1, 1.5), word('Zoë', 3.5, 4)]);
    expect(pythonJson(segmentsAttachmentContent(segments))).toBe(
      String.raw`[{"start_time": 1.0, "end_time": 1.5, "content": "Hi"}, {"start_time": 3.5, "end_time": 4.0, "content": "Zo\u00eb"}]`,
    );
  });

  it('ignores punctuation before any word', () => {
    expect(segmentItems([mark('.'), word('Hi', 0)])).toEqual([
      { start_time: 0, end_time: 0.3, content: 'Hi' },
    ]);
  });
});

describe('channelTranscripts', () => {
  it('splits the two-channel fixture into customer (ch_0) and agent (ch_1)', () => {
    const { customer, agent } = channelTranscripts(fixture);
    expect(customerText(customer)).toBe(
      "Hi Sam, I'm calling about my bill. It looks like I was charged twice this month. Sure, it is 4 4 1 2 7. Great, thank you so much! That is all I needed.",
    );
    expect(agent[0]).toMatchObject({ start_time: 0.54, content: 'Thank you for calling Any Company,' });
    expect(agent.map((segment) => segment.content).join(' ')).toContain('Have a nice day.');
    for (const segment of [...customer, ...agent]) {
      expect(segment.end_time).toBeGreaterThan(segment.start_time);
    }
  });

  it('returns empty sides for silent audio (COMPLETED with no items)', () => {
    const silent: TranscribeOutput = { results: { transcripts: [{ transcript: '' }], items: [] } };
    expect(channelTranscripts(silent)).toEqual({ customer: [], agent: [] });
    const silentChannels: TranscribeOutput = {
      results: { channel_labels: { number_of_channels: 2, channels: [] }, items: [] },
    };
    expect(channelTranscripts(silentChannels)).toEqual({ customer: [], agent: [] });
  });

  it('rejects output without channel identification or results', () => {
    expect(() => channelTranscripts({ results: { items: [word('x', 0)] } })).toThrow(InvalidTranscriptError);
    expect(() => channelTranscripts({} as TranscribeOutput)).toThrow(/results/);
  });
});
