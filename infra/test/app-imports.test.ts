/**
 * The CDK app takes only constants and readers from functions/ and shared/ (the environment
 * variable names, the functions' defaults): no handler, no AWS SDK client, no Powertools, middy or
 * HTTP client is loaded to synthesize the stack.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../lib/paths.js';

/** Runtime imports (not `import type`) of `file`: relative targets resolved, packages as named. */
function runtimeImports(file: string): { files: string[]; packages: string[] } {
  const source = readFileSync(file, 'utf8');
  const files: string[] = [];
  const packages: string[] = [];
  for (const match of source.matchAll(/^(?:import|export)\s+(?!type\b)[^;]*?\sfrom\s+'([^']+)'/gms)) {
    const target = match[1];
    if (!target.startsWith('.')) {
      packages.push(target);
      continue;
    }
    const resolved = join(file, '..', target).replace(/\.js$/, '.ts');
    files.push(existsSync(resolved) ? resolved : join(file, '..', target, 'index.ts'));
  }
  return { files, packages };
}

/** Every module the CDK app loads outside infra/, with the packages it imports. */
function appModulesOutsideInfra(): Map<string, string[]> {
  const outside = new Map<string, string[]>();
  const seen = new Set<string>();
  const pending = [join(REPO_ROOT, 'infra', 'bin', 'app.ts')];
  while (pending.length > 0) {
    const file = pending.pop() as string;
    if (seen.has(file)) continue;
    seen.add(file);
    const { files, packages } = runtimeImports(file);
    pending.push(...files);
    const path = relative(REPO_ROOT, file);
    if (!path.startsWith('infra/')) outside.set(path, packages);
  }
  return outside;
}

describe('the CDK app', () => {
  const outside = appModulesOutsideInfra();

  it('imports the functions’ settings modules for their variable names', () => {
    expect([...outside.keys()]).toContain('functions/invoke-api/settings.ts');
    expect([...outside.keys()]).toContain('shared/salesforce/settings-from-environment.ts');
  });

  it('loads no handler code, AWS SDK client, Powertools, middy or HTTP client from functions/ and shared/', () => {
    const handlers = [...outside.keys()].filter((path) => /(^|\/)(handler|from-environment)\.ts$/.test(path));
    expect(handlers).toEqual([]);
    const heavy = [...outside.entries()].flatMap(([path, packages]) =>
      packages
        .filter((name) => /^(@aws-sdk\/|@aws-lambda-powertools\/|@middy\/|undici$|@smithy\/)/.test(name))
        .map((name) => `${path} imports ${name}`),
    );
    expect(heavy).toEqual([]);
  });
});
