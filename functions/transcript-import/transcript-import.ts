import type { Logger } from '@aws-lambda-powertools/logger';
import type { S3Client } from '@aws-sdk/client-s3';
import {
  AnalyticsRecordWriter,
  type JsonAttachment,
} from '../../shared/analytics/analytics-record-writer.js';
import { readJsonObject, S3ObjectNotFoundError } from '../../shared/analytics/read-json-object.js';
import type { SalesforceApi } from '../../shared/salesforce/types.js';
import { analyticsFields } from './analytics-fields.js';
import { analyzeText, type ComprehendSender, requestedAnalyses } from './comprehend-analysis.js';
import { TranscriptNotFoundError } from './errors.js';
import { transcriptionFailureReason } from './failure-reason.js';
import { channelTranscripts, customerText, segmentsAttachmentContent } from './transcript-segments.js';
import type {
  ImportTranscriptRequest,
  ImportTranscriptResult,
  RecordTranscriptionFailureRequest,
  RecordTranscriptionFailureResult,
  TranscribeOutput,
} from './types.js';

/** Name of the attachment with the customer's transcript segments. */
export const CUSTOMER_TRANSCRIPTS = 'CustomerTranscripts.json';
/** Name of the attachment with the agent's transcript segments. */
export const AGENT_TRANSCRIPTS = 'AgentTranscripts.json';
/** Name of the attachment with Comprehend's syntax analysis (when asked for). */
export const COMPREHEND_SYNTAX = 'ComprehendSyntax.json';
/** Name of the attachment recording why a transcription failed. */
export const TRANSCRIPTION_FAILURE = 'TranscriptionFailure.json';

/** What the transcript importer works with: Salesforce, S3, Comprehend and the namespace. */
export interface TranscriptImporterDependencies {
  salesforce: SalesforceApi;
  s3: Pick<S3Client, 'send'>;
  comprehend: ComprehendSender;
  /** CTI adapter namespace prefix with `__`, or `''`. */
  namespace: string;
  logger?: Logger;
  /** Clock for the failure attachment (tests). */
  now?: () => Date;
}

/**
 * "Import transcript": reads the COMPLETED job's output from S3, builds the customer and agent
 * segments, runs the requested Comprehend analyses on the customer's side (chunked under the
 * 5,000-byte limit), then writes the results to the contact's analytics record and attaches
 * `CustomerTranscripts.json`, `AgentTranscripts.json` and `ComprehendSyntax.json` in ONE
 * Salesforce request. Also records why a transcription failed.
 *
 * @example
 * ```ts
 * const importer = new TranscriptImporter({ salesforce, s3, comprehend, namespace: 'amazonconnect__' });
 * await importer.importTranscript({ action: 'importTranscript', contactId, analyticsRecordId,
 *   transcript: { bucket, key }, languageCode: 'en-US', comprehendAnalyses: ['snt', 'kw'] });
 * ```
 */
export class TranscriptImporter {
  readonly #writer: AnalyticsRecordWriter;

  constructor(private readonly deps: TranscriptImporterDependencies) {
    this.#writer = new AnalyticsRecordWriter(deps.salesforce, deps.namespace);
  }

  async importTranscript(request: ImportTranscriptRequest): Promise<ImportTranscriptResult> {
    const { contactId, analyticsRecordId, transcript, languageCode } = request;
    const logger = this.deps.logger;
    let output: TranscribeOutput;
    try {
      output = await readJsonObject<TranscribeOutput>(this.deps.s3, transcript);
    } catch (error) {
      if (error instanceof S3ObjectNotFoundError) {
        throw new TranscriptNotFoundError(`transcript of contact ${contactId} not found: ${error.message}`, {
          cause: error,
        });
      }
      throw error;
    }
    const segments = channelTranscripts(output);
    const { analyses: wanted, unknown } = requestedAnalyses(request.comprehendAnalyses);
    if (unknown.length > 0) logger?.warn('ignoring unknown Comprehend analyses', { contactId, unknown });

    const text = customerText(segments.customer);
    const analysis = await analyzeText(this.deps.comprehend, text, languageCode, wanted);
    for (const skipped of analysis.skipped)
      logger?.warn('Comprehend analysis skipped', { contactId, ...skipped });

    const attachments: JsonAttachment[] = [
      {
        name: CUSTOMER_TRANSCRIPTS,
        description: 'Call Recording Transcription - Customer Side',
        content: segmentsAttachmentContent(segments.customer),
      },
      {
        name: AGENT_TRANSCRIPTS,
        description: 'Call Recording Transcription - Agent Side',
        content: segmentsAttachmentContent(segments.agent),
      },
    ];
    if (analysis.results.syntax !== undefined) {
      attachments.push({
        name: COMPREHEND_SYNTAX,
        description: 'Comprehend Syntax',
        content: analysis.results.syntax,
      });
    }
    const written = await this.#writer.write({
      recordId: analyticsRecordId,
      fields: analyticsFields(analysis.results),
      attachments,
    });
    logger?.info('transcript imported', {
      contactId,
      analyticsRecordId,
      customerSegments: segments.customer.length,
      agentSegments: segments.agent.length,
      analyses: analysis.analyses,
      comprehendCalls: analysis.calls,
      replacedAttachments: written.replacedAttachmentIds.length,
      salesforceCalls: written.salesforceCalls,
    });
    return {
      contactId,
      analyticsRecordId,
      customerSegments: segments.customer.length,
      agentSegments: segments.agent.length,
      analyses: analysis.analyses,
      comprehendCalls: analysis.calls,
      attachments: attachments.map((attachment) => attachment.name),
      salesforceCalls: written.salesforceCalls,
    };
  }

  /**
   * Attaches `TranscriptionFailure.json` (status, reason, job) to the analytics record (the
   * package has no field for it) and returns the reason; the branch ends with it as a FAILED
   * result and, once every branch has finished, the execution fails with it as the Cause
   * ("Transcription failed").
   */
  async recordFailure(request: RecordTranscriptionFailureRequest): Promise<RecordTranscriptionFailureResult> {
    const { contactId, analyticsRecordId } = request;
    const failure = transcriptionFailureReason(request.transcription);
    const jobName = request.jobName ?? failure.jobName;
    const written = await this.#writer.write({
      recordId: analyticsRecordId,
      fields: {},
      attachments: [
        {
          name: TRANSCRIPTION_FAILURE,
          description: `Transcription ${failure.status}: ${failure.reason}`.slice(0, 500),
          content: {
            contactId,
            jobName: jobName ?? null,
            status: failure.status,
            reason: failure.reason,
            recordedAt: (this.deps.now?.() ?? new Date()).toISOString(),
          },
        },
      ],
    });
    this.deps.logger?.error('transcription failed', { contactId, analyticsRecordId, jobName, ...failure });
    return {
      contactId,
      analyticsRecordId,
      status: failure.status,
      reason: `Transcription ${failure.status} for contact ${contactId}: ${failure.reason}`,
      salesforceCalls: written.salesforceCalls,
    };
  }
}
