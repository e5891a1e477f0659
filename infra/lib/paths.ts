/**
 * Absolute paths of the repository parts the stack reads at synth time (ESM has no __dirname).
 *
 * @example
 * ```ts
 * const asl = readFileSync(POST_CALL_ASL_PATH, 'utf8');
 * ```
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

/** The repository root (infra/lib/../..). */
export const REPO_ROOT = join(here, '..', '..');

/** The post-call state machine definition: the one source of truth, with `${...}` substitutions. */
export const POST_CALL_ASL_PATH = join(REPO_ROOT, 'statemachines', 'post-call.asl.json');
