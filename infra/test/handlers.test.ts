/**
 * The stack bundles functions/<name>/handler.ts for its eight functions; `npm run
 * synth` fails while one is missing. This says which (the infra suite bundles a placeholder for a
 * missing one so its other checks still run).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../lib/paths.js';
import { FUNCTION_FOLDERS } from './function-folders.js';

describe('function entry points', () => {
  it.each(FUNCTION_FOLDERS)('functions/%s/handler.ts exists and exports handler', (folder) => {
    const path = join(REPO_ROOT, 'functions', folder, 'handler.ts');
    expect(existsSync(path), `${path} is missing`).toBe(true);
    expect(readFileSync(path, 'utf8')).toMatch(
      /export\s+(const|async function|function|let)\s+handler\b|export\s*\{[^}]*\bhandler\b/,
    );
  });
});
