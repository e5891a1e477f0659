/**
 * Docs stand alone: no comment, README or message in the repository cites a document a reader of
 * the repository does not have (the project's reference notes, its issue tracker), so every fact
 * is written where it is used.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../infra/lib/paths.js';

const ROOTS = [
  'functions',
  'shared',
  'local',
  'ops',
  'infra',
  'statemachines',
  'test',
  'bench',
  'types',
  'docs',
];
const ROOT_FILES = [
  'README.md',
  'package.json',
  'biome.json',
  'tsconfig.json',
  'vitest.config.ts',
  '.ci/run',
];
const SKIPPED_FOLDERS = new Set(['node_modules', 'cdk.out', '.local-state', 'coverage']);
const TEXT = /\.(ts|md|json|jsonl|mjs|cjs|sh|yml|yaml)$/;

/** References to documents outside the repository, built from parts so this file does not match itself. */
const OUTSIDE_REFERENCES: ReadonlyArray<{ pattern: RegExp; what: string }> = [
  { pattern: new RegExp(['CONTRACTS', 'md'].join('\\.')), what: 'the contracts note' },
  { pattern: new RegExp(['upstream', 'behaviour'].join('-')), what: 'the note on the original package' },
  { pattern: new RegExp(['external', 'apis'].join('-')), what: 'the note on AWS and Salesforce APIs' },
  { pattern: new RegExp(['seed', 'manual', 'setup'].join('-')), what: 'the setup guide note' },
  { pattern: new RegExp(`${'toolchain'}(\\.md|\\s*§)`), what: 'the toolchain note' },
  { pattern: new RegExp(['shared', 'reference'].join('/')), what: 'the reference folder' },
  { pattern: new RegExp(`\\b${'issue'}\\s*#?\\d+`, 'i'), what: 'an issue number' },
  { pattern: new RegExp(`${'§'}\\s*[0-9A-C]`), what: 'a section of an outside document' },
];

function textFiles(): string[] {
  const files: string[] = ROOT_FILES.map((file) => join(REPO_ROOT, file));
  const visit = (folder: string): void => {
    let entries: import('node:fs').Dirent[];
    try {
      entries = readdirSync(folder, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      if (entry.isDirectory()) {
        if (!SKIPPED_FOLDERS.has(entry.name)) visit(join(folder, entry.name));
      } else if (TEXT.test(entry.name)) files.push(join(folder, entry.name));
    }
  };
  for (const root of ROOTS) visit(join(REPO_ROOT, root));
  return files;
}

describe('docs stand alone', () => {
  it('no file cites a document outside the repository', () => {
    const found: string[] = [];
    for (const file of textFiles()) {
      let text: string;
      try {
        text = readFileSync(file, 'utf8');
      } catch {
        continue;
      }
      text.split('\n').forEach((line, index) => {
        for (const { pattern, what } of OUTSIDE_REFERENCES) {
          if (pattern.test(line))
            found.push(`${relative(REPO_ROOT, file)}:${index + 1} cites ${what}: ${line.trim()}`);
        }
      });
    }
    expect(found).toEqual([]);
  });
});
