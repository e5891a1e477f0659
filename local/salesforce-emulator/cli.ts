/**
 * `npm run salesforce-emulator -- --port 4010 [--seed file.json | --no-seed] [--namespace amazonconnect]
 *   [--daily-api-limit N] [--latency-ms N] [--reject-field Object.Field]... [--write-env FILE]`
 * Starts the emulator, prints its URL and credentials (local, throw-away values), stops on
 * SIGINT/SIGTERM. `--write-env FILE` also writes the SF_* variables that point the functions' code
 * at it (`SF_CREDENTIALS_FILE` = `FILE.credentials.json`), for `npm run test:org` and
 * `npm run invoke` from another shell.
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { emulatorSecret } from '../emulator-connection/salesforce-environment.js';
import { parseRejectField, type SalesforceEmulator, startSalesforceEmulator } from './index.js';

const HELP = `Usage: npm run salesforce-emulator -- [--port N] [--seed file.json | --no-seed] [--namespace amazonconnect]
                                     [--daily-api-limit N] [--latency-ms N] [--reject-field Object.Field]...
                                     [--write-env FILE]
  --reject-field Object.Field   a validation rule refusing writes that set that field (repeatable)
  --write-env FILE               write SF_HOST, SF_USERNAME, … and SF_CREDENTIALS_FILE (FILE.credentials.json)`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '0' },
      seed: { type: 'string' },
      'no-seed': { type: 'boolean', default: false },
      namespace: { type: 'string', default: '' },
      'daily-api-limit': { type: 'string' },
      'latency-ms': { type: 'string' },
      'reject-field': { type: 'string', multiple: true },
      'write-env': { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(HELP);
    return;
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`--port must be 0..65535, got ${values.port}`);
  const emulator = await startSalesforceEmulator({
    port,
    seed: values['no-seed'] ? false : values.seed,
    namespace: values.namespace === '-' ? '' : values.namespace,
    dailyApiLimit: values['daily-api-limit'] === undefined ? undefined : Number(values['daily-api-limit']),
    faults: values['latency-ms'] === undefined ? undefined : { latencyMs: Number(values['latency-ms']) },
    orgBehaviour: { validationRules: (values['reject-field'] ?? []).map(parseRejectField) },
  });
  const { credentials } = emulator;
  if (values['write-env'] !== undefined)
    writeEnvFile(resolve(values['write-env']), emulator, values.namespace);
  console.log(
    [
      `Salesforce emulator listening on ${emulator.url}`,
      `  SalesforceHost (My Domain): ${emulator.url}`,
      `  Login host:                 ${emulator.loginUrl}`,
      `  API base:                   ${emulator.url}/services/data/v62.0`,
      `  Namespace:                  ${values.namespace || '(none)'}`,
      '  Credentials (throw-away, this process only):',
      `    Username:       ${credentials.username}`,
      `    Password:       ${credentials.password}`,
      `    Security token: ${credentials.securityToken}`,
      `    Consumer key:   ${credentials.consumerKey}`,
      `    Consumer secret: ${credentials.consumerSecret}`,
      'Press Ctrl+C to stop.',
    ].join('\n'),
  );
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    emulator.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

/** KEY=VALUE lines a shell can source (`set -a; . FILE; set +a`), and the secret's JSON beside them. */
function writeEnvFile(file: string, emulator: SalesforceEmulator, namespace: string): void {
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

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
