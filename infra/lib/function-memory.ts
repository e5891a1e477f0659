/**
 * Memory of each function (MB), in one place: the stack configures it and `npm run bench --
 * pipeline` prices Lambda GB-seconds with it. Lambda gives CPU in proportion to memory, so a size
 * is the measured peak RSS with headroom, or more where latency matters (invoke-api answers a
 * contact flow that waits at most 8 s).
 *
 * @example
 * ```ts
 * new PipelineFunction(this, 'ContactImport', { folder: 'contact-import', memorySize: FUNCTION_MEMORY_MB['contact-import'] });
 * ```
 */
export const FUNCTION_MEMORY_MB = {
  'invoke-api': 512,
  'ctr-trigger': 256,
  'contact-import': 256,
  'recording-upload': 512,
  'transcript-import': 512,
  'contact-lens-import': 512,
  'historical-report-import': 512,
  'realtime-queue-metrics': 256,
} as const;

/** A function folder that has a memory size, i.e. every deployed function. */
export type FunctionFolder = keyof typeof FUNCTION_MEMORY_MB;
