/** The Payload of the state machine's "Upload recording to Salesforce" task. */
export interface RecordingUploadEvent {
  contactId: string;
  /** The contact's AC_ContactChannelAnalytics__c (the file is linked to it). */
  analyticsRecordId: string;
  /** `bucket/key` of the recording in S3 (as in the CTR, no `s3://`). */
  recordingLocation: string;
}

export interface RecordingUploadResult {
  /** `uploaded` now, or `alreadyUploaded` by an earlier attempt (Retry, redrive). */
  status: 'uploaded' | 'alreadyUploaded';
  /** The ContentVersion id. */
  contentVersionId: string;
}
