/**
 * Turns a two-channel Transcribe output into the customer and agent segments that the analytics
 * page shows, cut as the original package cuts them so the attachments keep their shape (its
 * float/string confidence comparison bug is fixed, and times are compared exactly).
 *
 * @example
 * ```ts
 * const { customer, agent } = channelTranscripts(output);
 * customerText(customer); // "Hi Sam, I'm calling about my bill. ..."
 * ```
 */
import { PythonFloat } from '../../shared/json/python-json.js';
import { InvalidTranscriptError } from './errors.js';
import type { ChannelTranscripts, TranscribeItem, TranscribeOutput, TranscriptSegment } from './types.js';

/**
 * A word joins the current segment when it starts at most this long after the segment's start,
 * in microseconds: times are compared exactly from their decimal text, because in binary floating
 * point a start 2.00 s after another can come out as 2.0000000000000004 s or 1.9999999999999998 s
 * (0.47/2.47, 0.72/2.72, 1.14/3.14), which would flip a word into a segment of its own.
 */
const MERGE_WINDOW_MICROS = 2_000_000;
const SEGMENT_END_MARKS = ['.', ',', '?', ':', '!'];

/** Connect records the customer on the first channel and the agent on the second. */
export const CUSTOMER_CHANNEL = 'ch_0';
/** The Transcribe channel of the agent in a two-channel recording (the customer is on `ch_0`). */
export const AGENT_CHANNEL = 'ch_1';

function endsWithMark(content: string): boolean {
  return SEGMENT_END_MARKS.some((mark) => content.endsWith(mark));
}

/** A Transcribe time (`"2.47"`, seconds as decimal text) in whole microseconds, exactly. */
export function timeMicros(text: string): number {
  const match = /^\s*(\d+)(?:\.(\d*))?\s*$/.exec(text);
  if (match === null) return Math.round(Number.parseFloat(text) * 1_000_000);
  const fraction = (match[2] ?? '').padEnd(6, '0');
  const rounded = fraction.length > 6 && fraction[6] >= '5' ? 1 : 0;
  return Number(match[1]) * 1_000_000 + Number(fraction.slice(0, 6)) + rounded;
}

/** The highest-confidence alternative (confidences are strings in the file). */
function bestAlternative(item: TranscribeItem): { content: string; confidence: number } | undefined {
  let best: { content: string; confidence: number } | undefined;
  for (const alternative of item.alternatives ?? []) {
    const confidence = Number.parseFloat(alternative.confidence);
    const score = Number.isFinite(confidence) ? confidence : 0;
    if (best === undefined || score > best.confidence)
      best = { content: alternative.content, confidence: score };
  }
  return best;
}

/**
 * Segments of one channel's items, in order, by the original's rule: a punctuation mark (an item
 * without a start time) ends the segment it is appended to; a word joins the last segment when
 * that segment does not end with a mark and the word starts at most 2 s after the segment's first
 * word, else it starts a new segment. `end_time` is the first word's end (the original never
 * extends it, and the analytics page reads it that way).
 */
export function segmentItems(items: readonly TranscribeItem[]): TranscriptSegment[] {
  const segments: TranscriptSegment[] = [];
  let segmentStart = 0;
  for (const item of items) {
    const previous = segments.at(-1);
    if (item.start_time === undefined) {
      const mark = item.alternatives?.[0]?.content;
      if (item.type === 'punctuation' && previous && mark && !endsWithMark(previous.content)) {
        previous.content += mark;
      }
      continue;
    }
    const word = bestAlternative(item);
    // The original skips words whose best alternative has no confidence or no text.
    if (!word || word.confidence <= 0 || !word.content) continue;
    const start = timeMicros(item.start_time);
    if (previous && start - segmentStart <= MERGE_WINDOW_MICROS && !endsWithMark(previous.content)) {
      previous.content += ` ${word.content}`;
    } else {
      segmentStart = start;
      segments.push({
        start_time: Number.parseFloat(item.start_time),
        end_time: Number.parseFloat(item.end_time ?? item.start_time),
        content: word.content,
      });
    }
  }
  return segments;
}

/**
 * The attachment content of one side (`CustomerTranscripts.json`, `AgentTranscripts.json`): the
 * times are Python floats in the original (`1.0`, not `1`).
 */
export function segmentsAttachmentContent(
  segments: readonly TranscriptSegment[],
): Array<{ start_time: PythonFloat; end_time: PythonFloat; content: string }> {
  return segments.map((segment) => ({
    start_time: new PythonFloat(segment.start_time),
    end_time: new PythonFloat(segment.end_time),
    content: segment.content,
  }));
}

/**
 * Customer (`ch_0`) and agent (`ch_1`) segments. A COMPLETED job on silent audio has no items:
 * both sides are then empty. Output without channel labels (a job started without channel
 * identification) is rejected, since the sides could not be told apart.
 */
export function channelTranscripts(output: TranscribeOutput): ChannelTranscripts {
  const results = output?.results;
  if (!results || typeof results !== 'object') {
    throw new InvalidTranscriptError('Transcribe output has no "results" object');
  }
  const channels = results.channel_labels?.channels;
  if (!Array.isArray(channels)) {
    if ((results.items ?? []).length === 0) return { customer: [], agent: [] };
    throw new InvalidTranscriptError(
      'Transcribe output has no channel_labels: the job must run with channel identification',
    );
  }
  const itemsOf = (label: string): TranscribeItem[] =>
    channels.find((channel) => channel.channel_label === label)?.items ?? [];
  return { customer: segmentItems(itemsOf(CUSTOMER_CHANNEL)), agent: segmentItems(itemsOf(AGENT_CHANNEL)) };
}

/** The text Comprehend analyses: every customer segment, joined with spaces. */
export function customerText(segments: readonly TranscriptSegment[]): string {
  return segments
    .map((segment) => segment.content)
    .join(' ')
    .trim();
}
