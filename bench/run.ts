/**
 * `npm run bench -- <name> [args...]` runs `bench/<name>.ts`. A benchmark module either exports
 * `run(args)` returning its figures (printed here as one JSON object, the last line of output),
 * or does its work at import time and prints its own JSON last line.
 *
 * @example
 * ```sh
 * npm run bench -- salesforce-client
 * ```
 */
import '../local/runner/promise-with-resolvers.js';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

interface BenchModule {
  run?: (args: string[]) => Promise<Record<string, unknown> | undefined>;
}

const here = dirname(fileURLToPath(import.meta.url));
const available = readdirSync(here)
  .filter((file) => file.endsWith('.ts') && file !== 'run.ts' && !file.endsWith('.test.ts'))
  .map((file) => file.slice(0, -3))
  .sort();

const [name, ...args] = process.argv.slice(2);
if (name === undefined || !available.includes(name)) {
  console.error(`usage: npm run bench -- <name>\navailable: ${available.join(', ') || '(none)'}`);
  process.exit(2);
}

const module = (await import(pathToFileURL(join(here, `${name}.ts`)).href)) as BenchModule;
if (typeof module.run === 'function') {
  const figures = await module.run(args);
  if (figures !== undefined) console.log(JSON.stringify(figures));
}
