/**
 * `npm run salesforce-emulator -- [--port N] [--seed file.json | --no-seed] [--namespace amazonconnect]
 *   [--daily-api-limit N] [--latency-ms N] [--reject-field Object.Field]... [--write-env FILE]`
 * Starts the emulator, prints its URL and credentials (local, throw-away values), stops on
 * SIGINT/SIGTERM. `--write-env FILE` also writes the SF_* variables that point the functions' code
 * at it (`SF_CREDENTIALS_FILE` = `FILE.credentials.json`), for `npm run test:org` and
 * `npm run invoke` from another shell. `--help` lists the options.
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Option } from '@commander-js/extra-typings';
import { UsageError } from '../../ops/cli/errors.js';
import { createProgram, runProgram } from '../../ops/cli/program.js';
import { checked, integerBetween, parsePositiveInt, repeatable } from '../../ops/cli/value-parsers.js';
import { parseRejectField } from './org-behaviour.js';
import { loadSeed } from './seed-loader.js';
import type { SalesforceEmulator } from './types.js';

const program = createProgram({
  name: 'salesforce-emulator',
  description:
    'Starts the Salesforce emulator on 127.0.0.1 and prints its URL and throw-away credentials; stops on Ctrl+C.',
  examples: [
    { command: 'npm run salesforce-emulator -- --port 8443', description: 'the sample org on a fixed port' },
    {
      command: 'npm run salesforce-emulator -- --namespace amazonconnect --write-env /tmp/sf.env',
      description: 'then: set -a; . /tmp/sf.env; set +a; npm run test:org',
    },
  ],
  exitOne: 'the emulator could not start or stop',
})
  .option('--port <n>', 'the port to listen on; 0 takes a free one', integerBetween(0, 65535), 0)
  .addOption(
    new Option('--seed <file>', 'seed records from a JSON file (default: the sample org)').argParser(
      checked(loadSeed, 'cannot read it'),
    ),
  )
  .option('--no-seed', 'an empty org (only the API user)')
  .option('--namespace <prefix>', "the CTI package's namespace, e.g. amazonconnect (default, or '-': none)")
  .option('--daily-api-limit <n>', "the org's daily API allocation (default 100000)", parsePositiveInt)
  .option('--latency-ms <ms>', 'latency added to every API call', integerBetween(0, 60_000))
  .option(
    '--reject-field <Object.Field>',
    'a validation rule refusing writes that set that field (repeatable)',
    repeatable(checked(parseRejectField)),
  )
  .option(
    '--write-env <file>',
    'write SF_HOST, SF_USERNAME, … there and the credentials secret to FILE.credentials.json (mode 600)',
  );

// --seed FILE and --no-seed set the same value (the last one would silently win): refuse both.
const seedFlags = new Set<string>();
program.on('option:seed', () => seedFlags.add('--seed'));
program.on('option:no-seed', () => seedFlags.add('--no-seed'));

process.exitCode = await runProgram(program, process.argv.slice(2), async (options, io) => {
  if (seedFlags.size > 1)
    throw new UsageError("option '--seed <file>' cannot be used with option '--no-seed'");
  const namespace = options.namespace === undefined || options.namespace === '-' ? '' : options.namespace;
  // The emulator loads only now, so --help and usage errors answer at once.
  const { startSalesforceEmulator } = await import('./index.js');
  const emulator = await startSalesforceEmulator({
    port: options.port,
    seed: options.seed,
    namespace,
    dailyApiLimit: options.dailyApiLimit,
    faults: options.latencyMs === undefined ? undefined : { latencyMs: options.latencyMs },
    orgBehaviour: { validationRules: options.rejectField ?? [] },
  });
  const { credentials } = emulator;
  if (options.writeEnv !== undefined) await writeEnvFile(resolve(options.writeEnv), emulator, namespace);
  io.out(
    [
      `Salesforce emulator listening on ${emulator.url}`,
      `  SalesforceHost (My Domain): ${emulator.url}`,
      `  Login host:                 ${emulator.loginUrl}`,
      `  API base:                   ${emulator.url}/services/data/v62.0`,
      `  Namespace:                  ${namespace || '(none)'}`,
      '  Credentials (throw-away, this process only):',
      `    Username:       ${credentials.username}`,
      `    Password:       ${credentials.password}`,
      `    Security token: ${credentials.securityToken}`,
      `    Consumer key:   ${credentials.consumerKey}`,
      `    Consumer secret: ${credentials.consumerSecret}`,
      'Press Ctrl+C to stop.',
    ].join('\n'),
  );
  // Serve until SIGINT/SIGTERM, then stop and end with 0.
  await new Promise<void>((stopped) => {
    process.once('SIGINT', stopped);
    process.once('SIGTERM', stopped);
  });
  await emulator.stop();
  return 0;
});
// The HTTP server's keep-alive sockets would hold the process; nothing else is left to do.
process.exit();

/** KEY=VALUE lines a shell can source (`set -a; . FILE; set +a`), and the secret's JSON beside them. */
async function writeEnvFile(file: string, emulator: SalesforceEmulator, namespace: string): Promise<void> {
  const { emulatorSecret } = await import('../emulator-connection/salesforce-environment.js');
  const { credentials } = emulator;
  const secretFile = `${file}.credentials.json`;
  writeFileSync(secretFile, `${JSON.stringify(emulatorSecret(emulator), null, 2)}\n`, { mode: 0o600 });
  const variables = {
    SF_HOST: emulator.url,
    SF_VERSION: 'v62.0',
    SF_USERNAME: credentials.username,
    SF_AUTH_MODE: 'password',
    SF_PRODUCTION: 'false',
    SF_ADAPTER_NAMESPACE: namespace === '' ? '-' : namespace,
    SF_CREDENTIALS_FILE: secretFile,
  };
  const lines = Object.entries(variables).map(([name, value]) => `${name}=${value}`);
  writeFileSync(file, `${lines.join('\n')}\n`, { mode: 0o600 });
}
