/**
 * `NODE_OPTIONS` of the functions. Every function gets source-mapped stack traces.
 *
 * recording-upload moves a large file from one socket to another. V8 frees the 64 KB socket
 * buffers it has already sent only when it collects the young generation, and by default that
 * waits until about 32 MB of them are garbage. `--max-semi-space-size=1` (a 1 MB young generation)
 * collects more often: the peak of a 200 MB upload drops by about 15 MB, for the same upload time
 * (`npm run bench -- pipeline` measures both settings side by side).
 *
 * Not used: `--jitless` would save another 20 MB, but the AWS SDK validates S3's CRC64NVME and
 * CRC32C response checksums in JavaScript, about 30 times slower without the JIT; `--expose-gc`
 * (explicit collections) is experimental in Node.
 *
 * Flags must be on Node's NODE_OPTIONS allow-list (a test starts node with them).
 *
 * @example
 * ```ts
 * environment: { NODE_OPTIONS: RECORDING_UPLOAD_NODE_OPTIONS.join(' ') }
 * ```
 */
export const DEFAULT_NODE_OPTIONS: readonly string[] = ['--enable-source-maps'];

/**
 * recording-upload's flags: the defaults plus a 1 MB young generation, so the socket buffers of a
 * large upload are collected sooner (a lower memory peak at the same upload time).
 */
export const RECORDING_UPLOAD_NODE_OPTIONS: readonly string[] = [
  ...DEFAULT_NODE_OPTIONS,
  '--max-semi-space-size=1',
];
