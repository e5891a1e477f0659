// Imported first by bench/pipeline.ts: the functions create their loggers when their modules load,
// so the level must be set before they are imported (the benchmark's last line must be its JSON).
process.env.POWERTOOLS_LOG_LEVEL = 'SILENT';
// Metrics (EMF) are log lines too; Lambda ships them to CloudWatch, a local run has nowhere to.
process.env.POWERTOOLS_METRICS_DISABLED ??= 'true';

export {};
