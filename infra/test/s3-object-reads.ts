/**
 * Which functions read S3 objects: the source files a handler reaches through relative imports
 * (its own folder and shared/), searched for the SDK commands that read an object. A new read
 * anywhere in that graph makes the function a reader, so the stack test asks for its grants.
 *
 * @example
 * ```ts
 * readsS3Objects('recording-upload'); // ['functions/recording-upload/recording-upload.ts']
 * ```
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { REPO_ROOT } from '../lib/paths.js';

/** SDK commands that read an object: on AWS their answer for a missing key depends on ListBucket. */
const OBJECT_READS = /\b(GetObjectCommand|HeadObjectCommand|GetObjectAttributesCommand)\b/;

function resolveImport(from: string, specifier: string): string | undefined {
  const base = resolve(dirname(from), specifier);
  for (const candidate of [base.replace(/\.js$/, '.ts'), `${base}.ts`, join(base, 'index.ts')]) {
    if (existsSync(candidate)) return candidate;
  }
  return undefined;
}

/** Every repository source file the handler of `functions/<folder>` imports, directly or not. */
export function handlerImportGraph(folder: string): string[] {
  const start = join(REPO_ROOT, 'functions', folder, 'handler.ts');
  const seen = new Set<string>();
  const pending = [start];
  while (pending.length > 0) {
    const file = pending.pop() as string;
    if (seen.has(file)) continue;
    seen.add(file);
    const source = readFileSync(file, 'utf8');
    for (const match of source.matchAll(/(?:from|import)\s*\(?\s*'(\.{1,2}\/[^']+)'/g)) {
      const target = resolveImport(file, match[1]);
      if (target && !target.endsWith('.test.ts')) pending.push(target);
    }
  }
  return [...seen].map((file) => relative(REPO_ROOT, file)).sort();
}

/** The files in the handler's import graph that read S3 objects (empty: the function reads none). */
export function readsS3Objects(folder: string): string[] {
  return handlerImportGraph(folder).filter((file) =>
    OBJECT_READS.test(readFileSync(join(REPO_ROOT, file), 'utf8')),
  );
}
