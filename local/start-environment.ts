// Imported first by local/start.ts: the functions create their loggers when their modules load,
// so the log level must be set before any of them is imported.
const quiet = !process.argv.includes('--verbose') || process.argv.includes('--json');
process.env.POWERTOOLS_LOG_LEVEL = quiet ? 'SILENT' : 'DEBUG';
process.env.LOG_LEVEL = process.env.POWERTOOLS_LOG_LEVEL;
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
// Metrics (EMF) are log lines too; Lambda ships them to CloudWatch, a local run has nowhere to.
process.env.POWERTOOLS_METRICS_DISABLED ??= 'true';

export {};
