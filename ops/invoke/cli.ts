/**
 * `npm run invoke -- [--json] <event.json>...`, `npm run invoke -- --walkthrough` and
 * `--function-name NAME`: runs sfInvokeAPI on Connect-style events and reports each answer.
 *
 * Targets, in order of precedence:
 * - `--function-name NAME [--region R]`: a deployed Lambda, through `lambda:Invoke`;
 * - `SF_HOST` (+ the other SF_* variables and the secret) set: a real org, handler in process;
 * - otherwise: an embedded Salesforce emulator seeded with the sample org, started for this run
 *   (state is kept between the events of one run).
 *
 * Exit code 0 when every event (or walkthrough step) succeeded, 1 when any failed, 2 on bad usage.
 *
 * @example
 * ```sh
 * npm run invoke -- functions/invoke-api/events/event-phoneLookup.json
 * npm run invoke -- --json functions/invoke-api/events/*.json
 * npm run invoke -- --walkthrough --function-name sfInvokeAPI --region eu-west-2
 * ```
 */
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { LambdaClient } from '@aws-sdk/client-lambda';
import {
  type InvokeOutcome,
  type Invoker,
  type LambdaHandler,
  LambdaInvoker,
  LocalHandlerInvoker,
} from './invokers.js';
import { sampleEventSeed } from './sample-event-seed.js';
import { loadWalkthroughEvents, runWalkthrough, type WalkthroughStep } from './walkthrough.js';

export interface CliTarget {
  invoker: Invoker;
  close(): Promise<void>;
}

export interface CliDependencies {
  /** One line of output (stdout). */
  write(line: string): void;
  /** One line of diagnostics (stderr). */
  warn(line: string): void;
  /** Builds the Lambda client for `--function-name`. */
  lambdaClient(region: string | undefined): LambdaClient;
  /** Builds the in-process target (emulator or real org). */
  localTarget(): Promise<CliTarget>;
}

const USAGE = `Usage:
  npm run invoke -- [--json] <event.json>...      run sfInvokeAPI on each event, in order
  npm run invoke -- [--json] --walkthrough        phoneLookup → create Case → close it → confirm Closed
Options:
  --json                  one JSON line per event / step
  --function-name NAME    invoke a deployed Lambda instead of the local handler (--region R)
Without --function-name the handler runs here: against the org in SF_HOST/SF_* when SF_HOST is
set, otherwise against an embedded Salesforce emulator seeded with the sample org.`;

export async function main(
  argv: string[],
  dependencies: CliDependencies = defaultDependencies(),
): Promise<number> {
  let options: ReturnType<typeof parse>;
  try {
    options = parse(argv);
  } catch (error) {
    dependencies.warn(`${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (options.values.help) {
    dependencies.write(USAGE);
    return 0;
  }
  const files = options.positionals;
  const walkthrough = options.values.walkthrough === true;
  if (walkthrough === files.length > 0) {
    dependencies.warn(`Give either event files or --walkthrough.\n\n${USAGE}`);
    return 2;
  }

  const functionName = options.values['function-name'];
  const target: CliTarget =
    functionName === undefined
      ? await dependencies.localTarget()
      : {
          invoker: new LambdaInvoker(functionName, dependencies.lambdaClient(options.values.region)),
          close: async () => undefined,
        };
  const json = options.values.json === true;
  try {
    if (!json) dependencies.write(`sfInvokeAPI via ${target.invoker.target}`);
    return walkthrough
      ? await walk(target.invoker, json, dependencies)
      : await runEvents(target.invoker, files, json, dependencies);
  } finally {
    await target.close();
  }
}

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      json: { type: 'boolean' },
      walkthrough: { type: 'boolean' },
      'function-name': { type: 'string' },
      region: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
}

async function runEvents(
  invoker: Invoker,
  files: string[],
  json: boolean,
  io: CliDependencies,
): Promise<number> {
  let failed = 0;
  for (const file of files) {
    let outcome: InvokeOutcome;
    let operation = '?';
    try {
      const event = JSON.parse(await readFile(file, 'utf8')) as {
        Details?: { Parameters?: Record<string, unknown> };
      };
      operation = String(event?.Details?.Parameters?.sf_operation ?? '?');
      outcome = await invoker.invoke(event);
    } catch (error) {
      outcome = { error: { name: 'InvokeCli.BadEvent', message: `${file}: ${(error as Error).message}` } };
    }
    if ('error' in outcome) failed++;
    if (json) {
      io.write(JSON.stringify({ event: file, ...outcome }));
    } else if ('error' in outcome) {
      io.write(`✗ ${file} (${operation}): ${outcome.error.name}: ${outcome.error.message}`);
    } else {
      io.write(`✓ ${file} (${operation})`);
      for (const [key, value] of Object.entries(outcome.result))
        io.write(`    ${key}: ${JSON.stringify(value)}`);
    }
  }
  if (!json) io.write(`${files.length - failed} of ${files.length} event(s) succeeded`);
  return failed === 0 ? 0 : 1;
}

async function walk(invoker: Invoker, json: boolean, io: CliDependencies): Promise<number> {
  const events = await loadWalkthroughEvents();
  const report = (step: WalkthroughStep) => {
    if (json) {
      io.write(
        JSON.stringify({
          step: step.step,
          name: step.name,
          ok: step.ok,
          detail: step.detail,
          ...step.outcome,
        }),
      );
    } else {
      io.write(`${step.ok ? '✓' : '✗'} [${step.step}/${step.of}] ${step.name}: ${step.detail}`);
    }
  };
  const ok = await runWalkthrough(invoker, events, report);
  if (!json) io.write(ok ? 'Walkthrough passed.' : 'Walkthrough FAILED.');
  return ok ? 0 : 1;
}

function defaultDependencies(): CliDependencies {
  return {
    write: (line) => process.stdout.write(`${line}\n`),
    warn: (line) => process.stderr.write(`${line}\n`),
    lambdaClient: (region) => new LambdaClient(region === undefined ? {} : { region }),
    localTarget,
  };
}

/** The handler in this process: a real org when SF_HOST is set, else an embedded emulator. */
export async function localTarget(): Promise<CliTarget> {
  // The handler logs JSON to stdout; keep the CLI's output readable unless a level is asked for.
  if (process.env.POWERTOOLS_LOG_LEVEL === undefined && process.env.LOG_LEVEL === undefined) {
    process.env.POWERTOOLS_LOG_LEVEL = 'SILENT';
  }
  if (process.env.SF_HOST !== undefined && process.env.SF_HOST.trim() !== '') {
    const handler = await loadHandler();
    return {
      invoker: new LocalHandlerInvoker(handler, `Salesforce org ${process.env.SF_HOST}`),
      close: async () => undefined,
    };
  }
  const { startSalesforceEmulator } = await import('../../local/salesforce-emulator/index.js');
  const { useSalesforceEmulator } = await import('../../local/emulator-connection/salesforce-environment.js');
  const emulator = await startSalesforceEmulator({ seed: sampleEventSeed() });
  const environment = useSalesforceEmulator(emulator);
  const handler = await loadHandler();
  return {
    invoker: new LocalHandlerInvoker(handler, `embedded Salesforce emulator ${emulator.url} (sample org)`),
    close: async () => {
      environment.restore();
      await emulator.stop();
    },
  };
}

async function loadHandler(): Promise<LambdaHandler> {
  const module = await import('../../functions/invoke-api/handler.js');
  return module.handler as unknown as LambdaHandler;
}
