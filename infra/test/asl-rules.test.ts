/**
 * The ASL rules checker on small definitions: each rule finds its violation, so the check of the
 * real definition (stack.test.ts, against the synthesized template) cannot pass by accident.
 */
import { describe, expect, it } from 'vitest';
import { checkAslRules, LAMBDA_SERVICE_ERRORS, taskWorstCaseSeconds, worstCaseSeconds } from './asl-rules.js';

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
type State = { [key: string]: Json };

/** `${Name}` as it appears in an ASL file. */
const sub = (name: string): string => `\${${name}}`;

const lambdaTask = (overrides: State = {}): State => ({
  Type: 'Task',
  Resource: 'arn:aws:states:::lambda:invoke',
  Parameters: { FunctionName: sub('ImportFunctionArn'), Payload: {} },
  TimeoutSeconds: 90,
  Retry: [{ ErrorEquals: [...LAMBDA_SERVICE_ERRORS], IntervalSeconds: 2, MaxAttempts: 3, BackoffRate: 2 }],
  End: true,
  ...overrides,
});

const context = { functionTimeouts: { Import: 60 }, substitutionMaxima: { WaitSeconds: 600 } };
const definition = (states: Record<string, State>, timeout = 3600) => ({
  StartAt: Object.keys(states)[0],
  TimeoutSeconds: timeout,
  States: states,
});

/** Start → wait → poll → found? loop, leaving after `budget` seconds of waiting when given. */
const pollDefinition = (budget: number | undefined, timeout: number) =>
  definition(
    {
      Init: {
        Type: 'Pass',
        Parameters: { 'waitSeconds.$': `States.StringToJson('${sub('WaitSeconds')}')`, waitedSeconds: 0 },
        ResultPath: '$.poll',
        Next: 'Wait',
      },
      Wait: { Type: 'Wait', SecondsPath: '$.poll.waitSeconds', Next: 'Poll' },
      Poll: {
        Type: 'Task',
        Resource: 'arn:aws:states:::aws-sdk:s3:listObjectsV2',
        TimeoutSeconds: 30,
        ResultPath: '$.found',
        Next: 'Found?',
      },
      'Found?': {
        Type: 'Choice',
        Choices: [
          { Variable: '$.found.KeyCount', NumericGreaterThan: 0, Next: 'Done' },
          ...(budget === undefined
            ? []
            : [{ Variable: '$.poll.waitedSeconds', NumericGreaterThanEquals: budget, Next: 'Done' }]),
        ],
        Default: 'Count',
      },
      Count: {
        Type: 'Pass',
        Parameters: {
          'waitSeconds.$': '$.poll.waitSeconds',
          'waitedSeconds.$': 'States.MathAdd($.poll.waitedSeconds, $.poll.waitSeconds)',
        },
        ResultPath: '$.poll',
        Next: 'Wait',
      },
      Done: { Type: 'Succeed' },
    },
    timeout,
  );

describe('ASL rules', () => {
  it('accepts a Lambda task that retries the service errors and outlasts its function', () => {
    expect(checkAslRules(definition({ Import: lambdaTask() }), context)).toEqual([]);
  });

  it('finds a Lambda task that does not retry Lambda.ClientExecutionTimeoutException', () => {
    const retry = [
      {
        ErrorEquals: [
          'Lambda.ServiceException',
          'Lambda.AWSLambdaException',
          'Lambda.SdkClientException',
          'Lambda.TooManyRequestsException',
        ],
      },
    ];
    expect(checkAslRules(definition({ Import: lambdaTask({ Retry: retry }) }), context)).toEqual([
      '"Import": Lambda task does not retry Lambda.ClientExecutionTimeoutException',
    ]);
  });

  it('counts States.ALL or States.TaskFailed as retrying the service errors', () => {
    const retry = [{ ErrorEquals: ['States.TaskFailed'], MaxAttempts: 2 }];
    expect(checkAslRules(definition({ Import: lambdaTask({ Retry: retry }) }), context)).toEqual([]);
  });

  it('finds a Task without TimeoutSeconds, at any depth', () => {
    const sdk: State = { Type: 'Task', Resource: 'arn:aws:states:::aws-sdk:s3:getObject', End: true };
    const parallel: State = {
      Type: 'Parallel',
      Branches: [{ StartAt: 'Get', States: { Get: sdk } }],
      End: true,
    };
    const violations = checkAslRules(definition({ Both: parallel }), context);
    expect(violations).toContain('"Get": Task without TimeoutSeconds');
  });

  it('finds a Lambda task whose timeout is not longer than its function', () => {
    expect(checkAslRules(definition({ Import: lambdaTask({ TimeoutSeconds: 60 }) }), context)).toEqual([
      `"Import": TimeoutSeconds 60 is not longer than function Import's timeout (60 s)`,
    ]);
  });

  it('computes a task worst case from its timeout, attempts and capped backoff', () => {
    const retry: Json[] = [
      { ErrorEquals: ['A'], IntervalSeconds: 10, BackoffRate: 2, MaxAttempts: 3 },
      { ErrorEquals: ['B'], IntervalSeconds: 100, BackoffRate: 3, MaxAttempts: 2, MaxDelaySeconds: 200 },
    ];
    // 6 attempts × 90 s + (10 + 20 + 40) + (100 + 200)
    expect(taskWorstCaseSeconds(lambdaTask({ Retry: retry }))).toBe(6 * 90 + 70 + 300);
  });

  it('refuses a poll loop without a time budget', () => {
    const violations = checkAslRules(pollDefinition(undefined, 100_000), context);
    expect(violations.some((v) => v.includes('no time budget'))).toBe(true);
  });

  it('refuses a poll budget that cannot fit in the execution timeout', () => {
    // 3000 s budget + one 600 s wait + 30 s poll > 3000 s execution timeout.
    const violations = checkAslRules(pollDefinition(3000, 3000), context);
    expect(violations).toEqual([expect.stringContaining('exceeds the execution TimeoutSeconds 3000')]);
    expect(worstCaseSeconds(pollDefinition(3000, 3000), context).seconds).toBe(3000 + 600 + 30);
  });

  it('accepts a poll budget with room left in the execution timeout', () => {
    expect(checkAslRules(pollDefinition(3000, 4000), context)).toEqual([]);
  });

  it('refuses a poll wait whose maximum is unknown', () => {
    const violations = checkAslRules(pollDefinition(3000, 4000), { ...context, substitutionMaxima: {} });
    expect(violations.some((v) => v.includes('has no known maximum'))).toBe(true);
  });

  it('reads settings from a Task ResultSelector, a counter in a Lambda Payload, and a first wait outside the loop', () => {
    // Import → first wait → look (a Lambda that counts) → found? → wait again → look …
    const then = (state: State, next: string): State => {
      const { End: _end, ...rest } = state;
      return { ...rest, Next: next };
    };
    const lookDefinition = definition(
      {
        Import: then(
          lambdaTask({
            ResultSelector: { polling: { 'waitSeconds.$': `States.StringToJson('${sub('WaitSeconds')}')` } },
            ResultPath: '$.settings',
          }),
          'First wait',
        ),
        'First wait': { Type: 'Wait', SecondsPath: '$.settings.polling.waitSeconds', Next: 'Look' },
        Look: then(
          lambdaTask({
            Parameters: {
              FunctionName: sub('ImportFunctionArn'),
              Payload: {
                'waitedSeconds.$': 'States.MathAdd($.look.waitedSeconds, $.settings.polling.waitSeconds)',
              },
            },
            ResultPath: '$.look',
          }),
          'Found?',
        ),
        'Found?': {
          Type: 'Choice',
          Choices: [
            { Variable: '$.look.waitedSeconds', NumericGreaterThanEquals: 1200, Next: 'Done' },
            { Variable: '$.look.status', StringEquals: 'notYet', Next: 'Wait again' },
          ],
          Default: 'Done',
        },
        'Wait again': { Type: 'Wait', SecondsPath: '$.settings.polling.waitSeconds', Next: 'Look' },
        Done: { Type: 'Succeed' },
      },
      4000,
    );
    expect(checkAslRules(lookDefinition, context)).toEqual([]);
    // import 90 + first wait 600 + look 90 + budget 1200 + one wait 600, each Lambda with its retries
    const task = taskWorstCaseSeconds(lambdaTask());
    expect(worstCaseSeconds(lookDefinition, context).seconds).toBe(2 * task + 600 + 1200 + 600);
  });
});
