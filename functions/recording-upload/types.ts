/** The Payload of the state machine's "Upload recording to Salesforce" task. */
export interface RecordingUploadEvent {
  contactId: string;
  /** The contact's AC_ContactChannelAnalytics__c (the file is linked to it). */
  analyticsRecordId: string;
  /** `bucket/key` of the recording in S3 (as in the CTR, no `s3://`). */
  recordingLocation: string;
}

/**
 * The ContentVersion of the uploaded recording, and whether this attempt or an earlier one
 * uploaded it.
 */
export interface RecordingUploadResult {
  /** `uploaded` now, or `alreadyUploaded` by an earlier attempt (Retry, redrive). */
  status: 'uploaded' | 'alreadyUploaded';
  /** The ContentVersion id. */
  contentVersionId: string;
}

/** Settings of the recording upload (from environment variables). */
export interface RecordingUploadSettings {
  /**
   * The S3 endpoint, from `AWS_ENDPOINT_URL_S3`. Default: unset, the region's S3 endpoint. Local
   * runs set it to their s3rver; the container's S3 client is rebuilt when it changes.
   */
  s3Endpoint: string | undefined;
}
