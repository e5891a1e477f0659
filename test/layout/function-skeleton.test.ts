/**
 * Every function folder has the same skeleton: handler.ts (one `createHandler(deps)` shape, middy
 * with `injectLambdaContext(logger, { resetKeys: true })`), settings.ts (`readXSettings(env)` on
 * shared/config), errors.ts (errors taking `ErrorOptions`, each documented with its retry
 * behaviour), types.ts, the logic named after the function, a README with the same sections and
 * unit tests beside the code. A missing or invalid setting is a ConfigurationError (the shared base,
 * which the functions' own `<Function>.Config` errors and `Salesforce.Config` extend).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../infra/lib/paths.js';
import { FUNCTION_FOLDERS } from '../../infra/test/function-folders.js';
import { ConfigurationError } from '../../shared/config/configuration-error.js';
import { SalesforceConfigError } from '../../shared/salesforce/errors.js';

const README_SECTIONS = [
  'Trigger and input',
  'What it writes in Salesforce',
  'Errors and retries',
  'Settings',
];

const read = (folder: string, file: string): string =>
  readFileSync(join(REPO_ROOT, 'functions', folder, file), 'utf8');

type Env = Record<string, string | undefined>;

/** The folder's `read<X>Settings(env)` and its `<X>_ENV_VARS` list. */
async function settingsModule(folder: string) {
  const module = (await import(`../../functions/${folder}/settings.ts`)) as Record<string, unknown>;
  const reader = Object.entries(module).find(([name]) => /^read[A-Z]\w*Settings$/.test(name))?.[1];
  const variables = Object.entries(module).find(([name]) => /^[A-Z_]+_ENV_VARS$/.test(name))?.[1];
  return { read: reader as (env: Env) => unknown, variables: variables as readonly string[] };
}

/** What `read` throws for `env`, or undefined. */
function thrownBy(read: (env: Env) => unknown, env: Env): unknown {
  try {
    read(env);
    return undefined;
  } catch (error) {
    return error;
  }
}

/** Error names of configuration errors: the shared base's and the functions' own `<Function>.Config`. */
const CONFIGURATION_NAME = /^(?:Configuration|\w+\.Config)$/;

describe.each(FUNCTION_FOLDERS)('functions/%s', (folder) => {
  it('has the skeleton files', () => {
    const logic = `${folder}.ts`;
    for (const file of ['handler.ts', 'settings.ts', 'errors.ts', 'types.ts', 'README.md', logic]) {
      expect(existsSync(join(REPO_ROOT, 'functions', folder, file)), `functions/${folder}/${file}`).toBe(
        true,
      );
    }
    const files = readdirSync(join(REPO_ROOT, 'functions', folder), { recursive: true }).map(String);
    expect(
      files.some((file) => file.endsWith('.test.ts')),
      'unit tests beside the code',
    ).toBe(true);
  });

  it('handler.ts: createHandler(deps), middy with injectLambdaContext resetKeys, no key bookkeeping', () => {
    const source = read(folder, 'handler.ts');
    expect(
      /export function createHandler\(dependencies: Partial<\w+> = \{\}\)/.test(source) &&
        /export const handler = createHandler\(\);/.test(source) &&
        source.includes('injectLambdaContext(logger, { resetKeys: true })') &&
        !source.includes('removeKeys') &&
        !/process\.env\.[A-Z_]+\s*=[^=]/.test(source),
      `${folder}: createHandler shape`,
    ).toBe(true);
  });

  it('settings.ts: readXSettings(env) on shared/config, variable names as constants', () => {
    const source = read(folder, 'settings.ts');
    expect(source).toMatch(/export function read[A-Z]\w*Settings\(\s*env: /);
    expect(source).toMatch(/export const [A-Z_]+_ENV_VARS = /);
    expect(
      /from '\.\.\/\.\.\/shared\/config\/[\w-]+\.js'/.test(source) &&
        !/process\.env\./.test(source) &&
        !/= process\.env\b/.test(source) &&
        !/\benv\.[A-Z_]+/.test(source) &&
        !/Number\(/.test(source),
      `${folder}: settings on shared/config`,
    ).toBe(true);
  });

  it('settings.ts: a missing or invalid setting is a ConfigurationError naming a declared variable', async () => {
    const { read: readSettings, variables } = await settingsModule(folder);
    expect(typeof readSettings, 'read<X>Settings is exported').toBe('function');
    const invalid = Object.fromEntries(variables.map((name) => [name, 'not valid!']));
    for (const env of [{}, invalid]) {
      const error = thrownBy(readSettings, env);
      if (error === undefined) continue;
      expect(error, String(error)).toBeInstanceOf(ConfigurationError);
      expect(variables).toContain((error as ConfigurationError).setting);
    }
  });

  it('errors.ts: ErrorOptions, every error documented with its retry behaviour', () => {
    const source = read(folder, 'errors.ts');
    expect(source).not.toMatch(/cause\?: unknown/);
    expect(source).toMatch(/retr/i);
    for (const match of source.matchAll(/(\*\/\s*)?\nexport class (\w+)/g)) {
      expect(match[1], `${match[2]} has a TSDoc comment`).toBeDefined();
    }
  });

  it('errors.ts: its configuration errors extend the shared ConfigurationError', async () => {
    const module = (await import(`../../functions/${folder}/errors.ts`)) as Record<string, unknown>;
    const source = read(folder, 'errors.ts');
    for (const match of source.matchAll(/export class (\w+) extends \w+ \{[\s\S]*?this\.name = '([^']+)'/g)) {
      const [, className, errorName] = match;
      if (!CONFIGURATION_NAME.test(errorName) && !/Config|Settings/.test(className)) continue;
      const errorClass = module[className] as { prototype: unknown };
      expect(errorClass.prototype, `${className} (${errorName}) extends ConfigurationError`).toBeInstanceOf(
        ConfigurationError,
      );
    }
  });

  it('README.md: the same sections as every function', () => {
    const headings = [...read(folder, 'README.md').matchAll(/^## (.+)$/gm)].map((m) => m[1]);
    expect(headings.filter((heading) => README_SECTIONS.includes(heading))).toEqual(README_SECTIONS);
  });
});

describe('shared configuration errors', () => {
  it('Salesforce.Config is a ConfigurationError naming its setting', () => {
    const error = new SalesforceConfigError('SF_HOST is not a valid URL', 'SF_HOST');
    expect(error).toBeInstanceOf(ConfigurationError);
    expect(error).toMatchObject({ name: 'Salesforce.Config', setting: 'SF_HOST' });
  });
});
