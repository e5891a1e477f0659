/**
 * Operator commands live in ops/, entry points named after their npm scripts; local/ holds only
 * the offline stack, and no function or shared folder holds a test-support folder.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../infra/lib/paths.js';

const OPERATOR_SCRIPTS = ['redrive', 'executions', 'replay-dlq', 'invoke'] as const;
const scripts = (
  JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }
).scripts;

/** Files under `root`, relative to the repository (empty folders left by a checkout do not count). */
function files(root: string): string[] {
  return readdirSync(join(REPO_ROOT, root), { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name).slice(REPO_ROOT.length + 1));
}

describe('repository rooms', () => {
  it.each(OPERATOR_SCRIPTS)('npm run %s runs ops/%s.ts', (script) => {
    expect(scripts[script]).toBe(`tsx ops/${script}.ts`);
    expect(existsSync(join(REPO_ROOT, 'ops', `${script}.ts`))).toBe(true);
    expect(existsSync(join(REPO_ROOT, 'local', `${script}.ts`))).toBe(false);
  });

  it('local/ holds only the offline stack: npm start, the emulator, stand-ins, runner and samples', () => {
    const top = [...new Set(files('local').map((path) => path.split('/')[1]))].sort();
    expect(top).toEqual([
      'aws-stand-ins',
      'emulator-connection',
      'runner',
      'salesforce-emulator',
      'samples',
      'start-environment.ts',
      'start.ts',
    ]);
  });

  it('no test-support or test folder inside functions/ or shared/', () => {
    const offending = ['functions', 'shared']
      .flatMap((root) => files(root))
      .filter((path) => /\/(test-support|test)\//.test(path));
    expect(offending).toEqual([]);
  });
});
