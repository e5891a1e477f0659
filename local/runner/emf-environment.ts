// Imported by local/start.ts right after start-environment.ts, before any function module: the
// functions publish their metrics as EMF on stdout, as in Lambda, and npm start reads them back
// (runner/emf-capture.ts) to print what would have been published.
process.env.POWERTOOLS_METRICS_DISABLED = 'false';

export {};
