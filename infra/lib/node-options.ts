/**
 * `NODE_OPTIONS` of the functions. Every function gets source-mapped stack traces.
 *
 * recording-upload only moves bytes from one socket to another, so it trades JIT speed it does not
 * need for memory (`npm run bench -- pipeline` measures both settings side by side):
 * - `--max-semi-space-size=1`: a 1 MB young generation is collected more often, and with it the
 *   64 KB socket buffers that have already been sent (otherwise up to about 32 MB wait for a GC);
 * - `--jitless`: no optimizing compilers and no WebAssembly, about 7 MB less at rest. The function
 *   talks to Salesforce through node:http, never undici, whose parser is WebAssembly. Node prints
 *   one "disabling flag --expose_wasm" warning at each cold start.
 *
 * Both flags are on Node's NODE_OPTIONS allow-list (a test starts node with them).
 *
 * @example
 * ```ts
 * environment: { NODE_OPTIONS: RECORDING_UPLOAD_NODE_OPTIONS.join(' ') }
 * ```
 */
export const DEFAULT_NODE_OPTIONS: readonly string[] = ['--enable-source-maps'];

export const RECORDING_UPLOAD_NODE_OPTIONS: readonly string[] = [
  ...DEFAULT_NODE_OPTIONS,
  '--max-semi-space-size=1',
  '--jitless',
];
