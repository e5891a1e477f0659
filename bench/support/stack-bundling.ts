/**
 * The stack's esbuild settings (`BUNDLING`, given to CDK's NodejsFunction) as esbuild options, so
 * a benchmark bundles a function exactly as it is deployed.
 *
 * @example
 * ```ts
 * await build({ ...STACK_ESBUILD_OPTIONS, entryPoints: [entry], outfile });
 * ```
 */
import type { BuildOptions } from 'esbuild';
import { BUNDLING } from '../../infra/lib/pipeline-function.js';

export const STACK_ESBUILD_OPTIONS: BuildOptions = {
  bundle: true,
  platform: 'node',
  format: BUNDLING.format,
  target: BUNDLING.target,
  minify: BUNDLING.minify,
  sourcemap: BUNDLING.sourceMap,
  sourcesContent: BUNDLING.sourcesContent,
  external: [...BUNDLING.externalModules],
  mainFields: [...BUNDLING.mainFields],
  banner: { js: BUNDLING.banner },
  logLevel: 'error',
};
