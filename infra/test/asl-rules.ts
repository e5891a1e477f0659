/**
 * Rules every post-call definition must keep on AWS, checked on whatever states the ASL has:
 *
 * 1. every Lambda task retries the Lambda service errors (AWS's recommended set, with
 *    `Lambda.ClientExecutionTimeoutException`), so a throttled or timed-out Invoke is retried;
 * 2. every Task has `TimeoutSeconds` (an aws-sdk task without one waits up to the execution timeout);
 * 3. every Lambda task allows more time than its function may run, so the function's own timeout
 *    (a retriable `Sandbox.Timedout`-style error) is what fires, never `States.Timeout` first;
 * 4. the worst case of the whole definition (every task at its timeout on every attempt, every
 *    retry at its longest delay, every poll loop at its time budget) fits in the execution's
 *    `TimeoutSeconds`, so a branch always ends through its own failure path and never dies with
 *    States.Timeout, which writes no failure reason. A poll loop is a cycle of states; its budget
 *    is the literal of a `NumericGreaterThanEquals` Choice rule that leaves the cycle on a counter
 *    the cycle adds its Wait seconds to.
 *
 * @example
 * ```ts
 * const violations = checkAslRules(asl, { functionTimeouts: { ContactImport: 60 }, substitutionMaxima: { TranscriptionJobCheckWaitTime: 3600 } });
 * expect(violations).toEqual([]);
 * ```
 */
import { isObject } from '../../shared/values/is-object.js';

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
type State = { [key: string]: Json };
type States = Record<string, State>;

export interface AslRuleContext {
  /** Function timeout in seconds by PascalCase name (`${ContactImportFunctionArn}` → ContactImport). */
  readonly functionTimeouts: Record<string, number>;
  /** Largest value a substitution may take (the template parameter's MaxValue), by substitution name. */
  readonly substitutionMaxima: Record<string, number>;
}

/** The Lambda service errors AWS recommends retrying on every Lambda task. */
export const LAMBDA_SERVICE_ERRORS = [
  'Lambda.ClientExecutionTimeoutException',
  'Lambda.ServiceException',
  'Lambda.AWSLambdaException',
  'Lambda.SdkClientException',
  'Lambda.TooManyRequestsException',
] as const;

/** The function name of a Lambda task (`ContactImport`), or undefined for other tasks. */
export function lambdaTaskFunction(state: State): string | undefined {
  const resource = typeof state.Resource === 'string' ? state.Resource : '';
  const direct = /^\$\{(.+)FunctionArn\}$/.exec(resource);
  if (direct) return direct[1];
  if (!/^arn:aws:states:::lambda:invoke(\.waitForTaskToken)?$/.test(resource)) return undefined;
  const name = isObject(state.Parameters) ? state.Parameters.FunctionName : undefined;
  const match = typeof name === 'string' ? /^\$\{(.+)FunctionArn\}$/.exec(name) : null;
  return match?.[1] ?? '?';
}

interface Retrier {
  ErrorEquals: string[];
  IntervalSeconds: number;
  BackoffRate: number;
  MaxAttempts: number;
  MaxDelaySeconds: number | undefined;
}

function retriers(state: State): Retrier[] {
  const list = Array.isArray(state.Retry) ? state.Retry : [];
  return list.filter(isObject<Json>).map((r) => ({
    ErrorEquals: Array.isArray(r.ErrorEquals) ? r.ErrorEquals.map(String) : [],
    IntervalSeconds: typeof r.IntervalSeconds === 'number' ? r.IntervalSeconds : 1,
    BackoffRate: typeof r.BackoffRate === 'number' ? r.BackoffRate : 2,
    MaxAttempts: typeof r.MaxAttempts === 'number' ? r.MaxAttempts : 3,
    MaxDelaySeconds: typeof r.MaxDelaySeconds === 'number' ? r.MaxDelaySeconds : undefined,
  }));
}

/** Longest time a Task can take: every attempt at its timeout, every retry at its longest delay. */
export function taskWorstCaseSeconds(state: State): number {
  const timeout = typeof state.TimeoutSeconds === 'number' ? state.TimeoutSeconds : Number.POSITIVE_INFINITY;
  let attempts = 1;
  let delays = 0;
  for (const retrier of retriers(state)) {
    attempts += retrier.MaxAttempts;
    for (let k = 0; k < retrier.MaxAttempts; k += 1) {
      const delay = retrier.IntervalSeconds * retrier.BackoffRate ** k;
      delays += retrier.MaxDelaySeconds === undefined ? delay : Math.min(delay, retrier.MaxDelaySeconds);
    }
  }
  return attempts * timeout + delays;
}

/** Every states object of the definition: the top level, Parallel branches, Map processors. */
function scopes(states: States): States[] {
  const found: States[] = [states];
  for (const state of Object.values(states)) {
    const inner: Json[] = [
      ...(Array.isArray(state.Branches) ? state.Branches : []),
      ...(isObject(state.Iterator) ? [state.Iterator] : []),
      ...(isObject(state.ItemProcessor) ? [state.ItemProcessor] : []),
    ];
    for (const scope of inner)
      if (isObject(scope) && isObject(scope.States)) found.push(...scopes(scope.States as States));
  }
  return found;
}

function successors(state: State): string[] {
  const next: string[] = [];
  if (typeof state.Next === 'string') next.push(state.Next);
  if (typeof state.Default === 'string') next.push(state.Default);
  for (const list of [state.Choices, state.Catch]) {
    if (Array.isArray(list))
      for (const item of list) if (isObject(item) && typeof item.Next === 'string') next.push(item.Next);
  }
  return next;
}

/** Choice rules flattened (And/Or/Not operands included), each with the rule's Next. */
function choiceRules(state: State): Array<{ rule: { [key: string]: Json }; next: string }> {
  const found: Array<{ rule: { [key: string]: Json }; next: string }> = [];
  const visit = (rule: Json, next: string): void => {
    if (!isObject(rule)) return;
    found.push({ rule, next });
    for (const key of ['And', 'Or'])
      if (Array.isArray(rule[key])) for (const r of rule[key] as Json[]) visit(r, next);
    if (rule.Not !== undefined) visit(rule.Not, next);
  };
  for (const choice of Array.isArray(state.Choices) ? state.Choices : []) {
    if (isObject(choice) && typeof choice.Next === 'string') visit(choice, choice.Next);
  }
  return found;
}

/** The states of each cycle (strongly connected component with a loop) in one scope. */
function cycles(states: States): string[][] {
  let index = 0;
  const indices = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const connect = (name: string): void => {
    indices.set(name, index);
    low.set(name, index);
    index += 1;
    stack.push(name);
    onStack.add(name);
    for (const next of successors(states[name] ?? {})) {
      if (!(next in states)) continue;
      if (!indices.has(next)) {
        connect(next);
        low.set(name, Math.min(low.get(name) ?? 0, low.get(next) ?? 0));
      } else if (onStack.has(next)) {
        low.set(name, Math.min(low.get(name) ?? 0, indices.get(next) ?? 0));
      }
    }
    if (low.get(name) === indices.get(name)) {
      const component: string[] = [];
      let member: string | undefined;
      do {
        member = stack.pop();
        if (member === undefined) break;
        onStack.delete(member);
        component.push(member);
      } while (member !== name);
      const selfLoop = successors(states[name] ?? {}).includes(name);
      if (component.length > 1 || selfLoop) found.push(component);
    }
  };
  for (const name of Object.keys(states)) if (!indices.has(name)) connect(name);
  return found;
}

/** Every `[key, value]` of a payload template, nested objects included. */
function templateEntries(template: Json | undefined): Array<[string, Json]> {
  if (!isObject(template)) return [];
  return Object.entries(template).flatMap(
    ([key, value]): Array<[string, Json]> => [[key, value], ...templateEntries(value)],
  );
}

/**
 * The substitution a poll setting comes from: the payload template (a Pass's Parameters or a
 * Task's ResultSelector, at any depth) that sets `<field>.$` to `States.StringToJson('${Name}')`.
 */
function substitutionFeeding(scope: States, field: string): string | undefined {
  for (const state of Object.values(scope)) {
    const templates = state.Type === 'Pass' ? [state.Parameters] : [state.ResultSelector];
    for (const [key, value] of templates.flatMap(templateEntries)) {
      if (key !== `${field}.$` || typeof value !== 'string') continue;
      const match = /\$\{([A-Za-z0-9_]+)\}/.exec(value);
      if (match) return match[1];
    }
  }
  return undefined;
}

/** The largest value a Wait can wait: its Seconds, or the maximum of the setting behind SecondsPath. */
function waitMaximum(scope: States, state: State, context: AslRuleContext): number | undefined {
  if (typeof state.Seconds === 'number') return state.Seconds;
  const path = typeof state.SecondsPath === 'string' ? state.SecondsPath : '';
  const substitution = substitutionFeeding(scope, path.split('.').pop() ?? '');
  return substitution ? context.substitutionMaxima[substitution] : undefined;
}

interface PollLoop {
  readonly states: string[];
  /** Seconds of waiting after which the loop leaves. */
  readonly budgetSeconds: number;
  /** The longest single wait in the loop. */
  readonly maxWaitSeconds: number;
}

function pollLoop(
  scope: States,
  members: string[],
  context: AslRuleContext,
  problems: string[],
): PollLoop | undefined {
  const label = members.join(' → ');
  let maxWait = 0;
  const counted: string[] = [];
  for (const name of members) {
    const state = scope[name];
    if (state.Type !== 'Wait') continue;
    const max = waitMaximum(scope, state, context);
    if (max === undefined) {
      problems.push(
        `poll loop ${label}: wait "${name}" (${String(state.SecondsPath)}) has no known maximum (a parameter with MaxValue)`,
      );
      return undefined;
    }
    maxWait = Math.max(maxWait, max);
    if (typeof state.SecondsPath === 'string') counted.push(state.SecondsPath);
  }
  // The counter: a field MathAdd-ed with the wait seconds inside the loop.
  const counters = new Set<string>();
  for (const name of members) {
    // A Lambda task's counter sits in its Payload: any depth of Parameters.
    for (const [, value] of templateEntries(scope[name].Parameters)) {
      if (typeof value !== 'string') continue;
      const add = /^States\.MathAdd\((\$[^,]+),\s*(\$[^)]+)\)$/.exec(value);
      if (add && counted.includes(add[2].trim())) counters.add(add[1].trim());
    }
  }
  let budget: number | undefined;
  for (const name of members) {
    if (scope[name].Type !== 'Choice') continue;
    for (const { rule, next } of choiceRules(scope[name])) {
      if (members.includes(next)) continue;
      if (
        typeof rule.Variable === 'string' &&
        counters.has(rule.Variable) &&
        typeof rule.NumericGreaterThanEquals === 'number'
      ) {
        budget = Math.min(budget ?? Number.POSITIVE_INFINITY, rule.NumericGreaterThanEquals);
      }
    }
  }
  if (budget === undefined) {
    problems.push(
      `poll loop ${label}: no time budget (a Choice rule leaving the loop when the waited-seconds counter reaches a NumericGreaterThanEquals literal)`,
    );
    return undefined;
  }
  return { states: members, budgetSeconds: budget, maxWaitSeconds: maxWait };
}

/**
 * An upper bound of the seconds from `start` to the end of `scope`: the longest path without the
 * loops' back edges, plus every loop's budget and one longest wait.
 */
function scopeWorstCase(scope: States, start: string, context: AslRuleContext, problems: string[]): number {
  const loops = cycles(scope)
    .map((members) => pollLoop(scope, members, context, problems))
    .filter((loop): loop is PollLoop => loop !== undefined);
  const loopOf = new Map<string, PollLoop>();
  for (const loop of loops) for (const name of loop.states) loopOf.set(name, loop);
  const memo = new Map<string, number>();
  const visiting = new Set<string>();

  const stateCost = (name: string): number => {
    const state = scope[name];
    switch (state.Type) {
      case 'Task':
        return taskWorstCaseSeconds(state);
      case 'Wait':
        // A wait inside a poll loop is part of the loop's budget.
        if (loopOf.has(name)) return 0;
        return waitMaximum(scope, state, context) ?? Number.POSITIVE_INFINITY;
      case 'Parallel': {
        const branches = Array.isArray(state.Branches) ? state.Branches : [];
        return Math.max(
          0,
          ...branches
            .filter(isObject<Json>)
            .map((b) => scopeWorstCase(b.States as States, String(b.StartAt), context, problems)),
        );
      }
      case 'Map': {
        const processor = isObject(state.ItemProcessor)
          ? state.ItemProcessor
          : isObject(state.Iterator)
            ? state.Iterator
            : undefined;
        // Items run concurrently unless MaxConcurrency says otherwise; 1 means one after another.
        const inner = processor
          ? scopeWorstCase(processor.States as States, String(processor.StartAt), context, problems)
          : 0;
        return state.MaxConcurrency === 1 ? Number.POSITIVE_INFINITY : inner;
      }
      default:
        return 0;
    }
  };

  const fromState = (name: string): number => {
    const known = memo.get(name);
    if (known !== undefined) return known;
    if (visiting.has(name)) return 0; // back edge of a loop: its time is the loop's budget
    visiting.add(name);
    let rest = 0;
    for (const next of successors(scope[name])) if (next in scope) rest = Math.max(rest, fromState(next));
    visiting.delete(name);
    const cost = stateCost(name) + rest;
    memo.set(name, cost);
    return cost;
  };

  // Each loop's budget (plus one longest wait past it) is added once to the path through it.
  const loopTime = loops.reduce((sum, loop) => sum + loop.budgetSeconds + loop.maxWaitSeconds, 0);
  return fromState(start) + loopTime;
}

/** The definition's worst-case duration in seconds, and what prevented computing it. */
export function worstCaseSeconds(
  asl: { StartAt: string; States: States },
  context: AslRuleContext,
): { seconds: number; problems: string[] } {
  const problems: string[] = [];
  const seconds = scopeWorstCase(asl.States, asl.StartAt, context, problems);
  return { seconds, problems };
}

/** Every rule violation, one readable line each (empty: the definition keeps the rules). */
export function checkAslRules(
  asl: { StartAt: string; States: States; TimeoutSeconds?: number },
  context: AslRuleContext,
): string[] {
  const violations: string[] = [];
  for (const scope of scopes(asl.States)) {
    for (const [name, state] of Object.entries(scope)) {
      if (state.Type !== 'Task') continue;
      if (typeof state.TimeoutSeconds !== 'number' && typeof state.TimeoutSecondsPath !== 'string') {
        violations.push(`"${name}": Task without TimeoutSeconds`);
      }
      const fn = lambdaTaskFunction(state);
      if (fn === undefined) continue;
      const retried = new Set(
        retriers(state)
          .filter((r) => r.MaxAttempts > 0)
          .flatMap((r) => r.ErrorEquals),
      );
      const catchAll = retried.has('States.ALL') || retried.has('States.TaskFailed');
      const missing = LAMBDA_SERVICE_ERRORS.filter((error) => !catchAll && !retried.has(error));
      if (missing.length > 0) violations.push(`"${name}": Lambda task does not retry ${missing.join(', ')}`);
      const functionTimeout = context.functionTimeouts[fn];
      if (functionTimeout === undefined) {
        violations.push(`"${name}": timeout of function ${fn} unknown`);
      } else if (typeof state.TimeoutSeconds === 'number' && state.TimeoutSeconds <= functionTimeout) {
        violations.push(
          `"${name}": TimeoutSeconds ${state.TimeoutSeconds} is not longer than function ${fn}'s timeout (${functionTimeout} s)`,
        );
      }
    }
  }
  const executionTimeout = asl.TimeoutSeconds;
  if (typeof executionTimeout !== 'number') {
    violations.push('the definition has no TimeoutSeconds (an execution would run up to a year)');
  } else {
    const { seconds, problems } = worstCaseSeconds(asl, context);
    violations.push(...problems);
    if (seconds > executionTimeout) {
      violations.push(
        `worst case ${Math.round(seconds)} s (every task timing out on every attempt, every poll loop at its budget) exceeds the execution TimeoutSeconds ${executionTimeout}`,
      );
    }
  }
  return violations;
}
