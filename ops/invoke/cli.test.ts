/**
 * The `npm run invoke` CLI: event runs and the walkthrough against the embedded emulator (real
 * handler, real HTTP), the same against a "deployed" Lambda (LambdaClient mocked with
 * aws-sdk-client-mock), and the npm script itself in a child process.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { InvokeCommand, type InvokeCommandOutput, LambdaClient } from '@aws-sdk/client-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { lineStreams } from '../../test/support/command-streams.js';
import { type CliDependencies, localTarget, main } from './cli.js';

const EVENTS = fileURLToPath(new URL('../../functions/invoke-api/events/', import.meta.url));
const ROOT = fileURLToPath(new URL('../../', import.meta.url));

function io(overrides: Partial<CliDependencies> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const dependencies: CliDependencies = {
    streams: lineStreams({ out: (line) => out.push(line), err: (line) => err.push(line) }),
    lambdaClient: () => new LambdaClient({ region: 'eu-west-2' }),
    localTarget,
    ...overrides,
  };
  return { out, err, dependencies };
}

describe('against the embedded emulator', () => {
  it('--walkthrough passes all four steps and reports each', async () => {
    const { out, dependencies } = io();
    expect(await main(['--walkthrough', '--json'], dependencies)).toBe(0);
    const steps = out.map((line) => JSON.parse(line));
    expect(steps.map((step) => [step.step, step.ok])).toEqual([
      [1, true],
      [2, true],
      [3, true],
      [4, true],
    ]);
    expect(steps[0].result).toMatchObject({ Id: '0031r000026MVPIAA4', sf_count: 1 });
    expect(steps[3].result).toMatchObject({ Status: 'Closed', ContactId: '0031r000026MVPIAA4', sf_count: 1 });
  });

  it('--json prints one line per event, continues after an error and exits 1', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'invoke-cli-'));
    const bad = join(dir, 'bad.json');
    await writeFile(
      bad,
      JSON.stringify({ Details: { Parameters: { sf_operation: 'delete', sf_object: 'Case' } } }),
    );
    const notJson = join(dir, 'not-json.json');
    await writeFile(notJson, '{ nope');
    const create = join(EVENTS, 'event-create.json');
    const lookup = join(EVENTS, 'event-lookup.json');
    const { out, dependencies } = io();
    expect(await main(['--json', create, bad, notJson, lookup], dependencies)).toBe(1);
    expect(out.map((line) => JSON.parse(line))).toEqual([
      { event: create, result: { Id: expect.stringMatching(/^500/) } },
      {
        event: bad,
        error: {
          name: 'InvokeApi.MissingParameter',
          message: "delete: required parameter 'sf_id' is missing",
        },
      },
      { event: notJson, error: { name: 'InvokeCli.BadEvent', message: expect.stringContaining(notJson) } },
      { event: lookup, result: { Id: '0031r000026MVPIAA4', Name: 'Jane Doe', sf_count: 1 } },
    ]);
  });

  it('keeps state between the events of one run', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'invoke-cli-'));
    const check = join(dir, 'check-case.json');
    await writeFile(
      check,
      JSON.stringify({
        Details: {
          Parameters: {
            sf_operation: 'queryOne',
            query: "SELECT Status FROM Case WHERE Id = 'caseid'",
            caseid: '5001r000023P6WQAA0',
          },
        },
      }),
    );
    const { out, dependencies } = io();
    expect(await main([check, join(EVENTS, 'event-update.json'), check], dependencies)).toBe(0);
    expect(out[0]).toMatch(
      /^sfInvokeAPI via embedded Salesforce emulator http:\/\/127\.0\.0\.1:\d+ \(sample org\)$/,
    );
    expect(out.filter((line) => line.startsWith('    Status: '))).toEqual([
      '    Status: "New"',
      '    Status: 204',
      '    Status: "Closed"',
    ]);
    expect(out.at(-1)).toBe('3 of 3 event(s) succeeded');
  });

  it('refuses bad usage with exit code 2', async () => {
    const { err, dependencies } = io();
    expect(await main([], dependencies)).toBe(2);
    expect(await main(['--walkthrough', 'x.json'], dependencies)).toBe(2);
    expect(await main(['--bogus'], dependencies)).toBe(2);
    expect(err.join('\n')).toContain('Usage:');
  });
});

describe('--function-name (deployed Lambda)', () => {
  const lambda = mockClient(LambdaClient);
  afterEach(() => lambda.reset());

  const payload = (value: unknown) =>
    new TextEncoder().encode(JSON.stringify(value)) as InvokeCommandOutput['Payload'];
  const parametersOf = (input: { Payload?: unknown }) =>
    JSON.parse(new TextDecoder().decode(input.Payload as Uint8Array)).Details.Parameters as Record<
      string,
      string
    >;

  it('runs the walkthrough through lambda:Invoke, feeding ids from step to step', async () => {
    lambda.on(InvokeCommand).callsFake((input) => {
      const parameters = parametersOf(input);
      const answers: Record<string, unknown> = {
        phoneLookup: {
          Id: '0031r000026MVPIAA4',
          Name: 'Jane Doe',
          Email: 'jane.doe@example.com',
          sf_count: 1,
        },
        create: { Id: '5005g00000000AAAAA' },
        update: { Status: 204 },
        queryOne: {
          Id: '5005g00000000AAAAA',
          Status: 'Closed',
          ContactId: '0031r000026MVPIAA4',
          Subject: 'S',
          sf_count: 1,
        },
      };
      return { StatusCode: 200, Payload: payload(answers[parameters.sf_operation]) };
    });
    const { out, dependencies } = io();
    expect(await main(['--walkthrough', '--function-name', 'sfInvokeAPI'], dependencies)).toBe(0);
    expect(out[0]).toBe('sfInvokeAPI via Lambda function sfInvokeAPI');
    expect(out.at(-1)).toBe('Walkthrough passed.');
    const calls = lambda.commandCalls(InvokeCommand).map((call) => call.args[0].input);
    expect(
      calls.every(
        (input) => input.FunctionName === 'sfInvokeAPI' && input.InvocationType === 'RequestResponse',
      ),
    ).toBe(true);
    expect(parametersOf(calls[1])).toMatchObject({ sf_operation: 'create', ContactId: '0031r000026MVPIAA4' });
    expect(parametersOf(calls[2])).toMatchObject({
      sf_operation: 'update',
      sf_id: '5005g00000000AAAAA',
      Status: 'Closed',
    });
    expect(parametersOf(calls[3])).toMatchObject({
      sf_operation: 'queryOne',
      recordid: '5005g00000000AAAAA',
    });
  });

  it('stops at the first failing step, reports the function error and exits 1', async () => {
    lambda
      .on(InvokeCommand)
      .resolvesOnce({
        StatusCode: 200,
        Payload: payload({ Id: '0031r000026MVPIAA4', Name: 'Jane Doe', sf_count: 1 }),
      })
      .resolvesOnce({
        StatusCode: 200,
        FunctionError: 'Unhandled',
        Payload: payload({
          errorType: 'Salesforce.AccessDenied',
          errorMessage: 'INSUFFICIENT_ACCESS: insufficient access rights on object id',
        }),
      });
    const { out, dependencies } = io();
    expect(await main(['--walkthrough', '--json', '--function-name', 'sfInvokeAPI'], dependencies)).toBe(1);
    const steps = out.map((line) => JSON.parse(line));
    expect(steps).toHaveLength(2);
    expect(steps[1]).toMatchObject({
      step: 2,
      ok: false,
      detail: 'Salesforce.AccessDenied: INSUFFICIENT_ACCESS: insufficient access rights on object id',
      error: { name: 'Salesforce.AccessDenied' },
    });
    expect(lambda.commandCalls(InvokeCommand)).toHaveLength(2);
  });

  it('reports a failed lambda:Invoke call (e.g. no permission) as an error', async () => {
    lambda
      .on(InvokeCommand)
      .rejects(Object.assign(new Error('User is not authorized'), { name: 'AccessDeniedException' }));
    const { out, dependencies } = io();
    expect(
      await main(
        ['--json', '--function-name', 'sfInvokeAPI', join(EVENTS, 'event-lookup.json')],
        dependencies,
      ),
    ).toBe(1);
    expect(JSON.parse(out[0]).error).toEqual({
      name: 'AccessDeniedException',
      message: 'lambda:Invoke sfInvokeAPI failed: User is not authorized',
    });
  });
});

describe('npm run invoke', () => {
  it('--walkthrough exits 0 against the embedded emulator', async () => {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', 'ops/invoke.ts', '--walkthrough'],
      { cwd: ROOT, env: { ...process.env, SF_HOST: '' }, timeout: 60_000 },
    );
    expect(stdout).toContain('✓ [4/4] Confirm the Case is Closed (queryOne)');
    expect(stdout.trim().split('\n').at(-1)).toBe('Walkthrough passed.');
  });
});
