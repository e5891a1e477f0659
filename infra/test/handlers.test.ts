/**
 * The stack bundles functions/<name>/handler.ts for its eight functions; synthesis fails while one
 * is missing. This says which.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { App, Duration, Stack } from 'aws-cdk-lib';
import { describe, expect, it } from 'vitest';
import { StackParameters } from '../lib/parameters.js';
import { REPO_ROOT } from '../lib/paths.js';
import { PipelineFunction } from '../lib/pipeline-function.js';
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

describe('PipelineFunction', () => {
  it('refuses a folder without handler.ts, naming the file it looked for', () => {
    const stack = new Stack(new App(), 'MissingHandler');
    const params = new StackParameters(stack, 'Parameters');
    expect(
      () =>
        new PipelineFunction(stack, 'NoSuchFunction', {
          folder: 'no-such-function',
          description: 'a folder that does not exist',
          params,
          timeout: Duration.seconds(3),
        }),
    ).toThrow(/functions\/no-such-function\/handler\.ts does not exist/);
  });
});
