/** The eight functions the stack deploys, by folder under functions/ (the product's contract). */
export const FUNCTION_FOLDERS = [
  'invoke-api',
  'ctr-trigger',
  'contact-import',
  'recording-upload',
  'transcript-import',
  'contact-lens-import',
  'historical-report-import',
  'realtime-queue-metrics',
] as const;
