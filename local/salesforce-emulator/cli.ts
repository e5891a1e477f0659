/**
 * `npm run salesforce-emulator -- --port 4010 [--seed file.json | --no-seed] [--namespace amazonconnect]
 *   [--daily-api-limit N] [--latency-ms N] [--reject-field Object.Field]...`
 * Starts the emulator, prints its URL and credentials (local, throw-away values), stops on
 * SIGINT/SIGTERM.
 */
import { parseArgs } from 'node:util';
import { parseRejectField, startSalesforceEmulator } from './index.js';

const HELP = `Usage: npm run salesforce-emulator -- [--port N] [--seed file.json | --no-seed] [--namespace amazonconnect]
                                     [--daily-api-limit N] [--latency-ms N] [--reject-field Object.Field]...
  --reject-field Object.Field   a validation rule refusing writes that set that field (repeatable)`;

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

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
