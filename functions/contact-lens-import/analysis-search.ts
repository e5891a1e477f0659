/**
 * Where Contact Lens writes a contact's analysis, and one look for it: the dated folder of the
 * agent-connected time, original (`Analysis/Voice/YYYY/MM/DD/<id>_analysis_…`) or redacted
 * (`Analysis/Voice/Redacted/YYYY/MM/DD/<id>_analysis_redacted_…`). The two kinds share no narrow
 * key prefix, so a look lists the kind the contact prefers first and the other kind only when the
 * preferred one is absent (a centre may keep only redacted output, or not redact at all).
 *
 * @example
 * ```ts
 * analysisPrefixes({ contactId, channel: 'VOICE', connectedToAgentTimestamp: '2026-11-28T10:00:41Z' });
 * // { original: 'Analysis/Voice/2026/11/28/<id>_analysis_', redacted: 'Analysis/Voice/Redacted/2026/11/28/<id>_analysis_redacted_' }
 * const found = await findAnalysisKeys(s3, { bucket, prefixes, preferRedacted: false });
 * ```
 */
import { ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3';
import { InvalidContactLensRequestError } from './errors.js';

/** The key prefixes of a contact's original and redacted analysis files. */
export interface AnalysisPrefixes {
  original: string;
  redacted: string;
}

/** `YYYY/MM/DD` of an ISO timestamp, in UTC (Contact Lens dates its folders in UTC). */
function utcDatePath(timestamp: string): string {
  const time = Date.parse(timestamp);
  if (Number.isNaN(time)) {
    throw new InvalidContactLensRequestError('connectedToAgentTimestamp must be an ISO timestamp');
  }
  return new Date(time).toISOString().slice(0, 10).replaceAll('-', '/');
}

/**
 * Where Contact Lens writes a contact's analysis: the channel's folder, dated by the
 * agent-connected time (UTC), original and redacted.
 *
 * @example
 * ```ts
 * analysisPrefixes({ contactId, channel: 'VOICE', connectedToAgentTimestamp: '2026-11-28T10:00:41Z' }).original;
 * // 'Analysis/Voice/2026/11/28/<contactId>_analysis_'
 * ```
 */
export function analysisPrefixes(contact: {
  contactId: string;
  channel: string;
  connectedToAgentTimestamp: string;
}): AnalysisPrefixes {
  const folder = contact.channel === 'CHAT' ? 'Chat' : 'Voice';
  const date = utcDatePath(contact.connectedToAgentTimestamp);
  return {
    original: `Analysis/${folder}/${date}/${contact.contactId}_analysis_`,
    redacted: `Analysis/${folder}/Redacted/${date}/${contact.contactId}_analysis_redacted_`,
  };
}

/** The result of one look for a contact's analysis: the keys found and the listings it cost. */
export interface AnalysisSearch {
  /** Keys found (of the preferred kind when it exists, else of the other kind; may be empty). */
  keys: string[];
  /** ListObjectsV2 requests made. */
  listings: number;
}

/** Analyses are a handful of files per contact; 20 leaves room for re-analyses. */
const MAX_KEYS = 20;

async function list(s3: Pick<S3Client, 'send'>, bucket: string, prefix: string): Promise<string[]> {
  const answer = await s3.send(
    new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, MaxKeys: MAX_KEYS }),
  );
  return (answer.Contents ?? [])
    .map((entry) => entry.Key)
    .filter((key): key is string => typeof key === 'string');
}

/**
 * One look for a contact's analysis: lists the preferred kind (original or redacted) first and the
 * other kind only when the preferred one is absent.
 */
export async function findAnalysisKeys(
  s3: Pick<S3Client, 'send'>,
  request: { bucket: string; prefixes: AnalysisPrefixes; preferRedacted: boolean },
): Promise<AnalysisSearch> {
  const { bucket, prefixes, preferRedacted } = request;
  const [first, second] = preferRedacted
    ? [prefixes.redacted, prefixes.original]
    : [prefixes.original, prefixes.redacted];
  const preferred = await list(s3, bucket, first);
  if (preferred.length > 0) return { keys: preferred, listings: 1 };
  return { keys: await list(s3, bucket, second), listings: 2 };
}
