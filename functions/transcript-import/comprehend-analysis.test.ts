import {
  BatchDetectSentimentCommand,
  type BatchDetectSentimentCommandOutput,
  ComprehendClient,
} from '@aws-sdk/client-comprehend';
import { mockClient } from 'aws-sdk-client-mock';
import { describe, expect, it } from 'vitest';
import { ComprehendStandIn } from '../../local/aws-stand-ins/comprehend-stand-in.js';
import {
  analyzeText,
  comprehendLanguage,
  distinct,
  joinCapped,
  requestedAnalyses,
} from './comprehend-analysis.js';
import { ComprehendAnalysisError } from './errors.js';

/** About `bytes` of customer speech: varied sentences, some multi-byte. */
function longCustomerText(bytes: number): string {
  const sentences = [
    'I was charged twice for the premium plan this month.',
    'My account number is 4 4 1 2 7 and the charge was on Tuesday.',
    'Thank you, that is great, I really appreciate the refund.',
    'Could you also check the invoice from München for Zoë?',
    'The duplicate payment is a problem for my budget.',
  ];
  let text = '';
  for (let i = 0; Buffer.byteLength(text) < bytes; i++) text += `${sentences[i % sentences.length]} `;
  return text.trim();
}

describe('analyzeText', () => {
  it('splits a 30,000-byte customer transcript so that no call exceeds the limit, and combines the results', async () => {
    const comprehend = new ComprehendStandIn();
    const text = longCustomerText(30_000);
    expect(Buffer.byteLength(text)).toBeGreaterThanOrEqual(30_000);

    const outcome = await analyzeText(comprehend, text, 'en-US', ['snt', 'kw', 'dl', 'ne', 'syn']);

    // Every document of every call is under 5,000 bytes; the stand-in would throw otherwise.
    const sent = comprehend.calls.flatMap((call) => call.documentBytes);
    expect(Math.max(...sent)).toBeLessThan(5000);
    // The whole text went to each analysis: 7+ chunks in one batch call per analysis.
    expect(comprehend.calls).toHaveLength(5);
    const perAnalysis = comprehend.calls[0].documentBytes;
    expect(perAnalysis.length).toBeGreaterThanOrEqual(7);
    expect(perAnalysis.reduce((sum, bytes) => sum + bytes, 0)).toBeGreaterThan(29_900);
    expect(outcome.calls).toBe(5);

    const { sentiment, keywords, namedEntities, dominantLanguage, syntax } = outcome.results;
    expect(sentiment).toMatch(/^(POSITIVE|NEGATIVE|NEUTRAL|MIXED), 0\.\d+$/);
    expect(dominantLanguage).toBe('en');
    // Merged across chunks and de-duplicated: each phrase once although every chunk repeats them.
    const phrases = keywords!.split(', ');
    expect(new Set(phrases.map((phrase) => phrase.toLowerCase())).size).toBe(phrases.length);
    expect(phrases).toEqual(expect.arrayContaining(['charged', 'the premium']));
    const entities = namedEntities!.split(', ');
    expect(entities).toEqual(expect.arrayContaining(['4 4 1 2 7:QUANTITY', 'Zoë:PERSON']));
    expect(new Set(entities).size).toBe(entities.length);
    // Syntax counts are summed over chunks.
    const charged = syntax!.find((token) => token.text === 'VERB:charged');
    expect(charged?.size).toBe(text.split('charged').length - 1);
  });

  it('sends more than 25 chunks in several batches and still combines them', async () => {
    const comprehend = new ComprehendStandIn();
    const text = longCustomerText(150_000);
    const outcome = await analyzeText(comprehend, text, 'en-US', ['snt', 'dl']);
    const sentiment = comprehend.calls.filter((call) => call.command === 'BatchDetectSentimentCommand');
    expect(sentiment.map((call) => call.documentBytes.length)).toEqual([25, expect.any(Number)]);
    expect(sentiment.flatMap((call) => call.documentBytes).every((bytes) => bytes < 5000)).toBe(true);
    expect(outcome.calls).toBe(4);
    expect(outcome.results.dominantLanguage).toBe('en');
    expect(outcome.results.sentiment).toMatch(/^[A-Z]+, 0\.\d+$/);
  });

  it('weights sentiment by chunk size and picks the highest average', async () => {
    const comprehend = mockClient(ComprehendClient);
    const big = `${'x'.repeat(4600)}.`; // 4,601 bytes
    const small = `${'y'.repeat(399)}.`; // 400 bytes: does not fit next to `big`
    comprehend.on(BatchDetectSentimentCommand).resolves({
      ResultList: [
        {
          Index: 0,
          Sentiment: 'NEGATIVE',
          SentimentScore: { Positive: 0.3, Negative: 0.6, Neutral: 0.1, Mixed: 0 },
        },
        {
          Index: 1,
          Sentiment: 'POSITIVE',
          SentimentScore: { Positive: 0.95, Negative: 0, Neutral: 0.05, Mixed: 0 },
        },
      ],
      ErrorList: [],
    } as Partial<BatchDetectSentimentCommandOutput> as BatchDetectSentimentCommandOutput);
    const outcome = await analyzeText(new ComprehendClient({}), `${big} ${small}`, 'en-US', ['snt']);
    const calls = comprehend.commandCalls(BatchDetectSentimentCommand);
    expect(calls).toHaveLength(1);
    expect(calls[0].args[0].input.TextList).toEqual([big, small]);
    // Unweighted the small positive chunk would win (0.625 vs 0.3); by size the call was negative:
    // Negative = 0.6 × 4601/5001 = 0.552, Positive = (0.3 × 4601 + 0.95 × 400)/5001 = 0.352.
    // The mean is not rounded.
    expect(outcome.results.sentiment).toBe('NEGATIVE, 0.5520095980803839');
    comprehend.restore();
  });

  it.each([
    [0.87654321, 'NEGATIVE, 0.87654321'],
    [0.00001, 'NEGATIVE, 1e-05'],
  ])(
    'keeps a one-chunk score %s as Comprehend gave it, written as Python str(float)',
    async (score, text) => {
      const comprehend = mockClient(ComprehendClient);
      comprehend.on(BatchDetectSentimentCommand).resolves({
        ResultList: [
          {
            Index: 0,
            Sentiment: 'NEGATIVE',
            SentimentScore: { Positive: 0, Negative: score, Neutral: 0, Mixed: 0 },
          },
        ],
        ErrorList: [],
      } as Partial<BatchDetectSentimentCommandOutput> as BatchDetectSentimentCommandOutput);
      const outcome = await analyzeText(new ComprehendClient({}), 'I was charged twice.', 'en-US', ['snt']);
      expect(outcome.results.sentiment).toBe(text);
      comprehend.restore();
    },
  );

  it('raises a typed error when Comprehend rejects a document', async () => {
    const comprehend = mockClient(ComprehendClient);
    comprehend.on(BatchDetectSentimentCommand).resolves({
      ResultList: [],
      ErrorList: [{ Index: 0, ErrorCode: 'InternalServerException', ErrorMessage: 'boom' }],
    } as Partial<BatchDetectSentimentCommandOutput> as BatchDetectSentimentCommandOutput);
    await expect(analyzeText(new ComprehendClient({}), 'Hello.', 'en-US', ['snt'])).rejects.toThrow(
      ComprehendAnalysisError,
    );
    comprehend.restore();
  });

  it('makes no call for an empty transcript or no analyses, and skips unsupported languages', async () => {
    const comprehend = new ComprehendStandIn();
    expect((await analyzeText(comprehend, '', 'en-US', ['snt'])).calls).toBe(0);
    expect((await analyzeText(comprehend, 'Hi.', 'en-US', [])).calls).toBe(0);
    const outcome = await analyzeText(comprehend, 'Hallo.', 'nl-NL', ['snt', 'dl', 'syn']);
    expect(outcome.analyses).toEqual(['dl']);
    expect(outcome.skipped.map((skip) => skip.analysis)).toEqual(['snt', 'syn']);
    expect(comprehend.calls.map((call) => call.command)).toEqual(['BatchDetectDominantLanguageCommand']);
  });
});

describe('helpers', () => {
  it('maps Transcribe languages to Comprehend ones', () => {
    expect(comprehendLanguage('en-US')).toBe('en');
    expect(comprehendLanguage('fr-CA')).toBe('fr');
    expect(comprehendLanguage('zh-TW')).toBe('zh-TW');
    expect(comprehendLanguage('zh-CN')).toBe('zh');
  });

  it('keeps known analysis codes in canonical order', () => {
    expect(requestedAnalyses(['syn', ' SNT', 'kw', 'bogus', 'kw'])).toEqual({
      analyses: ['snt', 'kw', 'syn'],
      unknown: ['bogus'],
    });
    expect(requestedAnalyses(undefined).analyses).toEqual([]);
  });

  it('de-duplicates case-insensitively and caps whole values', () => {
    expect(distinct(['Bill', 'bill ', 'Refund', ''])).toEqual(['Bill', 'Refund']);
    expect(joinCapped(['aaaa', 'bbbb', 'cccc'], 10)).toBe('aaaa, bbbb');
  });
});
