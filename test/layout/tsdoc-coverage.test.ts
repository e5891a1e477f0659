/**
 * TSDoc coverage of the production code's exported API: the share of exported declarations
 * (functions, classes, interfaces, type aliases, enums, each exported variable) that carry their
 * own doc comment, so an editor's hover on the symbol explains it. A file header above the imports
 * does not count for the symbols below it. Re-exports are not declarations and are not counted.
 *
 * The figure is printed on every run; the test fails when it drops below {@link MIN_COVERAGE}.
 * Raise the threshold when coverage rises, never lower it to land undocumented API.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../infra/lib/paths.js';

/** Folders of production code whose exported API is measured. */
const ROOTS = ['functions', 'shared', 'ops', 'infra/lib', 'local'];

/** Tests, their doubles and fixtures are not API. */
const NOT_PRODUCTION = /\.test\.ts$|\.d\.ts$|(^|\/)(test|test-support|fixtures)\//;

/** Lowest accepted share of documented exported declarations, in percent: every one of them. */
const MIN_COVERAGE = 100;

interface Coverage {
  total: number;
  documented: number;
  /** `path: name` of each exported declaration without its own doc comment. */
  undocumented: string[];
}

function hasOwnDoc(node: ts.Node): boolean {
  return ts
    .getJSDocCommentsAndTags(node)
    .some((doc) => ts.isJSDoc(doc) && ts.getTextOfJSDocComment(doc.comment)?.trim());
}

function isExported(node: ts.Node): boolean {
  return (ts.getCombinedModifierFlags(node as ts.Declaration) & ts.ModifierFlags.Export) !== 0;
}

/** The exported declarations of one source file, each with the node its doc comment sits on. */
function exportedDeclarations(source: ts.SourceFile): Array<{ name: string; node: ts.Node }> {
  const found: Array<{ name: string; node: ts.Node }> = [];
  for (const statement of source.statements) {
    if (!isExported(statement)) continue;
    if (ts.isVariableStatement(statement)) {
      for (const declaration of statement.declarationList.declarations)
        found.push({ name: declaration.name.getText(source), node: declaration });
    } else if (
      ts.isFunctionDeclaration(statement) ||
      ts.isClassDeclaration(statement) ||
      ts.isInterfaceDeclaration(statement) ||
      ts.isTypeAliasDeclaration(statement) ||
      ts.isEnumDeclaration(statement)
    ) {
      found.push({ name: statement.name?.getText(source) ?? 'default', node: statement });
    }
  }
  return found;
}

function measure(files: ReadonlyArray<{ path: string; text: string }>): Coverage {
  const coverage: Coverage = { total: 0, documented: 0, undocumented: [] };
  for (const { path, text } of files) {
    const source = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true);
    for (const { name, node } of exportedDeclarations(source)) {
      coverage.total += 1;
      if (hasOwnDoc(node)) coverage.documented += 1;
      else coverage.undocumented.push(`${path}: ${name}`);
    }
  }
  return coverage;
}

function productionFiles(): Array<{ path: string; text: string }> {
  return ROOTS.flatMap((root) =>
    readdirSync(join(REPO_ROOT, root), { recursive: true })
      .map((file) => `${root}/${String(file).split('\\').join('/')}`)
      .filter((path) => path.endsWith('.ts') && !NOT_PRODUCTION.test(path) && !path.includes('node_modules/'))
      .map((path) => ({ path, text: readFileSync(join(REPO_ROOT, path), 'utf8') })),
  );
}

describe('TSDoc coverage of exported declarations', () => {
  it('counts only a doc comment on the declaration itself', () => {
    const coverage = measure([
      {
        path: 'example.ts',
        text: [
          '/** File header: describes the module, not the symbols below. */',
          "import { x } from './x.js';",
          '/** Documented. */',
          'export function documented(): void {}',
          'export const a = 1, b = 2;',
          '// A line comment is not TSDoc.',
          'export interface Plain {}',
          '/** Types count too. */',
          'export type Alias = string;',
          "export { x } from './x.js';",
          'function internal(): void {}',
        ].join('\n'),
      },
    ]);
    expect(coverage.total).toBe(5);
    expect(coverage.documented).toBe(2);
    expect(coverage.undocumented).toEqual(['example.ts: a', 'example.ts: b', 'example.ts: Plain']);
  });

  it(`documents at least ${MIN_COVERAGE} % of the production code's exported declarations`, () => {
    const coverage = measure(productionFiles());
    const percent = (100 * coverage.documented) / coverage.total;
    console.log(
      `TSDoc coverage: ${coverage.documented} of ${coverage.total} exported declarations (${percent.toFixed(1)} %)`,
    );
    expect(coverage.total).toBeGreaterThan(500);
    expect(
      percent,
      `below ${MIN_COVERAGE} %; undocumented:\n${coverage.undocumented.slice(0, 40).join('\n')}`,
    ).toBeGreaterThanOrEqual(MIN_COVERAGE);
  });
});
