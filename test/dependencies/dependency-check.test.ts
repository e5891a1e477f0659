/**
 * The dependency check (knip, `npm run check:deps`): the project declares exactly what its code
 * imports. It passes on the repository and fails, naming the package, on a project with an
 * unused dependency or an import of an undeclared one.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../infra/lib/paths.js';

const KNIP = join(REPO_ROOT, 'node_modules', '.bin', 'knip');

function knip(directory: string) {
  const result = spawnSync(KNIP, ['--dependencies', '--no-progress', '--no-config-hints'], {
    cwd: directory,
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

const scratch: string[] = [];
afterAll(() => {
  for (const directory of scratch) rmSync(directory, { recursive: true, force: true });
});

/** A small project using the repository's installed packages and the same check. */
function project(dependencies: Record<string, string>, source: string): string {
  const directory = mkdtempSync(join(tmpdir(), 'dependency-check-'));
  scratch.push(directory);
  writeFileSync(
    join(directory, 'package.json'),
    JSON.stringify({ name: 'fixture', private: true, type: 'module', dependencies }),
  );
  writeFileSync(join(directory, 'knip.json'), JSON.stringify({ entry: ['index.ts'], project: ['**/*.ts'] }));
  writeFileSync(join(directory, 'index.ts'), source);
  symlinkSync(join(REPO_ROOT, 'node_modules'), join(directory, 'node_modules'), 'dir');
  return directory;
}

describe('dependency check', () => {
  it('passes on the repository: nothing unused, nothing undeclared', () => {
    const { status, output } = knip(REPO_ROOT);
    expect(output).toBe('');
    expect(status).toBe(0);
  });

  it('fails on a deliberately unused dependency, naming it', () => {
    const directory = project(
      { '@middy/core': '6.4.5', 'csv-parse': '6.2.1' },
      "import middy from '@middy/core';\nexport const handler = middy(async () => 'ok');\n",
    );
    const { status, output } = knip(directory);
    expect(status).toBe(1);
    expect(output).toMatch(/Unused dependencies \(1\)\s+csv-parse/);
  });

  it('fails on an import of an undeclared package, naming it', () => {
    const directory = project(
      { '@middy/core': '6.4.5' },
      "import middy from '@middy/core';\nimport { parse } from 'csv-parse/sync';\nexport const handler = middy(async () => parse('a,b'));\n",
    );
    const { status, output } = knip(directory);
    expect(status).toBe(1);
    expect(output).toMatch(/Unlisted dependencies \(1\)\s+csv-parse/);
  });
});
