/**
 * No handler can reach a test double: every function's handler is bundled the way the stack
 * bundles it (esbuild, npm packages external) and each repository file in its import graph must
 * be production code, not the offline stack, an operator command, a test, a fixture loader or a
 * stand-in.
 */
import { join, relative } from 'node:path';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../infra/lib/paths.js';
import { FUNCTION_FOLDERS } from '../../infra/test/function-folders.js';

/** Where no file of a handler's import graph may live, and why. */
const FORBIDDEN: ReadonlyArray<{ pattern: RegExp; reason: string }> = [
  { pattern: /^local\//, reason: 'the offline stack (emulator, AWS stand-ins, runner, samples)' },
  { pattern: /^ops\//, reason: 'operator commands' },
  { pattern: /^(test|bench)\//, reason: 'tests and benchmarks' },
  { pattern: /(^|\/)(test-support|test|fixtures)\//, reason: 'a test-support folder' },
  { pattern: /\.test\.ts$/, reason: 'a test' },
  { pattern: /(fake|stand-in|stub|mock|fixtures?)[^/]*\.ts$/i, reason: 'a test double by its name' },
];

async function importGraph(folder: string): Promise<string[]> {
  const result = await build({
    entryPoints: [join(REPO_ROOT, 'functions', folder, 'handler.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    packages: 'external',
    write: false,
    metafile: true,
    logLevel: 'silent',
    absWorkingDir: REPO_ROOT,
  });
  return Object.keys(result.metafile.inputs).map((input) => relative(REPO_ROOT, join(REPO_ROOT, input)));
}

describe('handler import graphs', () => {
  it.each(FUNCTION_FOLDERS)('functions/%s/handler.ts reaches no test double', async (folder) => {
    const files = await importGraph(folder);
    expect(files).toContain(`functions/${folder}/handler.ts`);
    const offending = files.flatMap((file) =>
      FORBIDDEN.filter(({ pattern }) => pattern.test(file)).map(({ reason }) => `${file}: ${reason}`),
    );
    expect(offending).toEqual([]);
  });

  it("reaches no other function's folder", async () => {
    for (const folder of FUNCTION_FOLDERS) {
      const foreign = (await importGraph(folder)).filter(
        (file) => file.startsWith('functions/') && !file.startsWith(`functions/${folder}/`),
      );
      expect(foreign, folder).toEqual([]);
    }
  });
});
