/**
 * `npm run invoke -- [--json] <event.json>...`, `npm run invoke -- --walkthrough` and
 * `--function-name NAME`: runs sfInvokeAPI on Connect-style events and reports each answer.
 *
 * Targets (`--function-name` and `--local` conflict):
 * - `--function-name NAME [--region R]`: a deployed Lambda, through `lambda:Invoke`;
 * - otherwise (`--local`, the default) the handler in this process: a real org when `SF_HOST`
 *   (+ the other SF_* variables and the secret) is set, else an embedded Salesforce emulator
 *   seeded with the sample org, started for this run (state is kept between the events of one run).
 *
 * Exit code 0 when every event (or walkthrough step) succeeded, 1 when any failed or an event
 * file does not exist, 2 on bad usage.
 *
 * @example
 * ```sh
 * npm run invoke -- functions/invoke-api/events/event-phoneLookup.json
 * npm run invoke -- --json functions/invoke-api/events/*.json
 * npm run invoke -- --walkthrough --function-name sfInvokeAPI --region eu-west-2
 * ```
 */
import { access, readFile } from 'node:fs/promises';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { Option } from '@commander-js/extra-typings';
import { NothingMatchedError, UsageError } from '../cli/errors.js';
import {
  type CommandIo,
  type CommandStreams,
  createProgram,
  processStreams,
  runProgram,
} from '../cli/program.js';
import {
  type InvokeOutcome,
  type Invoker,
  type LambdaHandler,
  LambdaInvoker,
  LocalHandlerInvoker,
} from './invokers.js';
import { sampleEventSeed } from './sample-event-seed.js';
import { loadWalkthroughEvents, runWalkthrough, type WalkthroughStep } from './walkthrough.js';

/** Where the events go (a deployed Lambda or the handler here) and how to stop it afterwards. */
export interface CliTarget {
  invoker: Invoker;
  close(): Promise<void>;
}

/** What `npm run invoke` reaches outside itself; tests replace each. */
export interface CliDependencies {
  /** Where results (stdout) and diagnostics (stderr) go. */
  streams: CommandStreams;
  /** Builds the Lambda client for `--function-name`. */
  lambdaClient(region: string | undefined): LambdaClient;
  /** Builds the in-process target (emulator or real org). */
  localTarget(): Promise<CliTarget>;
}

/** The `invoke` program: its arguments, options, help and examples (parsed by {@link main}). */
export function invokeProgram() {
  return createProgram({
    name: 'invoke',
    description:
      'Runs sfInvokeAPI on Connect-style events, in order, or the admin guide’s validation (--walkthrough: phoneLookup → create a Case → close it → confirm it is Closed). The handler runs here, against the org in SF_HOST/SF_* when SF_HOST is set, else against an embedded Salesforce emulator seeded with the sample org; or a deployed Lambda with --function-name.',
    examples: [
      { command: 'npm run invoke -- functions/invoke-api/events/event-phoneLookup.json' },
      {
        command: 'npm run invoke -- --json functions/invoke-api/events/*.json',
        description: 'one JSON line per event',
      },
      {
        command: 'npm run invoke -- --walkthrough --function-name sfInvokeAPI --region eu-west-2',
        description: 'the validation against the deployed function',
      },
    ],
    exitOne: 'an event or a walkthrough step failed, or an event file does not exist',
  })
    .argument('[events...]', 'Connect contact-flow event files (JSON)')
    .option('--walkthrough', 'the admin guide’s validation, step by step, instead of event files')
    .option('--json', 'one JSON line per event / step')
    .option(
      '--function-name <name>',
      'invoke this deployed Lambda (lambda:Invoke) instead of the handler here',
    )
    .option('--region <region>', 'the deployed Lambda’s region (with --function-name)')
    .addOption(
      new Option('--local', 'the handler in this process (the default)').conflicts([
        'functionName',
        'region',
      ]),
    );
}

/** Runs `npm run invoke` with `argv`; returns the exit code. */
export async function main(
  argv: readonly string[],
  dependencies: CliDependencies = defaultDependencies(),
): Promise<number> {
  return runProgram(
    invokeProgram(),
    argv,
    async (options, io, [files]) => {
      const walkthrough = options.walkthrough === true;
      if (walkthrough === files.length > 0) throw new UsageError('give either event files or --walkthrough');
      if (options.region !== undefined && options.functionName === undefined)
        throw new UsageError('--region names the region of a deployed function: pass --function-name too');
      const missing: string[] = [];
      for (const file of files) await access(file).catch(() => missing.push(file));
      if (missing.length > 0) throw new NothingMatchedError(`no such event file: ${missing.join(', ')}`);

      const functionName = options.functionName;
      const target: CliTarget =
        functionName === undefined
          ? await dependencies.localTarget()
          : {
              invoker: new LambdaInvoker(functionName, dependencies.lambdaClient(options.region)),
              close: async () => undefined,
            };
      const json = options.json === true;
      try {
        if (!json) io.out(`sfInvokeAPI via ${target.invoker.target}`);
        return walkthrough
          ? await walk(target.invoker, json, io)
          : await runEvents(target.invoker, files, json, io);
      } finally {
        await target.close();
      }
    },
    dependencies.streams,
  );
}

async function runEvents(invoker: Invoker, files: string[], json: boolean, io: CommandIo): Promise<number> {
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
      io.out(JSON.stringify({ event: file, ...outcome }));
    } else if ('error' in outcome) {
      io.out(`✗ ${file} (${operation}): ${outcome.error.name}: ${outcome.error.message}`);
    } else {
      io.out(`✓ ${file} (${operation})`);
      for (const [key, value] of Object.entries(outcome.result))
        io.out(`    ${key}: ${JSON.stringify(value)}`);
    }
  }
  if (!json) io.out(`${files.length - failed} of ${files.length} event(s) succeeded`);
  return failed === 0 ? 0 : 1;
}

async function walk(invoker: Invoker, json: boolean, io: CommandIo): Promise<number> {
  const events = await loadWalkthroughEvents();
  const report = (step: WalkthroughStep) => {
    if (json) {
      io.out(
        JSON.stringify({
          step: step.step,
          name: step.name,
          ok: step.ok,
          detail: step.detail,
          ...step.outcome,
        }),
      );
    } else {
      io.out(`${step.ok ? '✓' : '✗'} [${step.step}/${step.of}] ${step.name}: ${step.detail}`);
    }
  };
  const ok = await runWalkthrough(invoker, events, report);
  if (!json) io.out(ok ? 'Walkthrough passed.' : 'Walkthrough FAILED.');
  return ok ? 0 : 1;
}

function defaultDependencies(): CliDependencies {
  return {
    streams: processStreams,
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
