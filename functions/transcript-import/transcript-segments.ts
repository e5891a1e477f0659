/**
 * Turns a two-channel Transcribe output into the customer and agent segments that the analytics
 * page shows (`upstream-behaviour.md` §7.3, kept as the original does it so the attachments keep
 * their shape; the float/string comparison bug of the original is fixed).
 *
 * @example
 * ```ts
 * const { customer, agent } = channelTranscripts(output);
 * customerText(customer); // "Hi Sam, I'm calling about my bill. ..."
 * ```
 */
import { InvalidTranscriptError } from './errors.js';
import type { ChannelTranscripts, TranscribeItem, TranscribeOutput, TranscriptSegment } from './types.js';

/** A word joins the current segment when it starts at most this long after the segment's start. */
const MERGE_WINDOW_SECONDS = 2.0;
const SEGMENT_END_MARKS = ['.', ',', '?', ':', '!'];

/** Connect records the customer on the first channel and the agent on the second. */
export const CUSTOMER_CHANNEL = 'ch_0';
export const AGENT_CHANNEL = 'ch_1';

function endsWithMark(content: string): boolean {
  return SEGMENT_END_MARKS.some((mark) => content.endsWith(mark));
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

/** Segments of one channel's items, in order. */
export function segmentItems(items: readonly TranscribeItem[]): TranscriptSegment[] {
  const segments: TranscriptSegment[] = [];
  for (const item of items) {
    const previous = segments.at(-1);
    if (item.start_time === undefined || item.type === 'punctuation') {
      const mark = item.alternatives?.[0]?.content;
      if (previous && mark && !endsWithMark(previous.content)) previous.content += mark;
      continue;
    }
    const word = bestAlternative(item);
    // The original skips words whose best alternative has no confidence.
    if (!word || word.confidence <= 0 || word.content === '') continue;
    const start = Number.parseFloat(item.start_time);
    const end = Number.parseFloat(item.end_time ?? item.start_time);
    if (previous && start <= previous.start_time + MERGE_WINDOW_SECONDS && !endsWithMark(previous.content)) {
      previous.content += ` ${word.content}`;
    } else {
      segments.push({ start_time: start, end_time: end, content: word.content });
    }
  }
  return segments;
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
