/**
 * Step Functions' StartExecution rules for names and input, modelled once: the trigger names its
 * executions within them and the local stand-ins (the Step Functions fake, the local runner)
 * refuse what the service refuses.
 */

/** Longest execution name Step Functions accepts (characters). */
export const MAX_EXECUTION_NAME_LENGTH = 80;

/** Largest execution input Step Functions accepts: 256 KiB of UTF-8. */
export const MAX_EXECUTION_INPUT_BYTES = 262_144;

/** Characters Step Functions refuses in an execution name, besides whitespace and control characters. */
const FORBIDDEN_NAME_CHARACTERS = '<>{}[]?*"#%\\^|~`$&,;:/';

/** Why StartExecution refuses a request before looking at existing executions. */
export interface StartExecutionRejection {
  /** The error StartExecution answers with. */
  errorName: 'InvalidName' | 'InvalidExecutionInput';
  message: string;
}

/**
 * True when Step Functions accepts `name` as an execution name (Standard workflows): 1 to 80
 * characters, no whitespace, no brackets, wildcards or the special characters
 * `" # % \ ^ | ~ ` $ & , ; : /`, no control characters (U+0000–U+001F, U+007F–U+009F).
 *
 * @example
 * ```ts
 * isAcceptedExecutionName('5c0b2a3e-8f41-4d6a-b7c9-1e2f3a4b5c61'); // true
 * isAcceptedExecutionName('has space');                              // false
 * ```
 */
export function isAcceptedExecutionName(name: string): boolean {
  const length = [...name].length;
  if (length < 1 || length > MAX_EXECUTION_NAME_LENGTH) return false;
  for (const char of name) {
    const code = char.codePointAt(0) ?? 0;
    if (code <= 0x1f || (code >= 0x7f && code <= 0x9f) || /\s/u.test(char)) return false;
    if (FORBIDDEN_NAME_CHARACTERS.includes(char)) return false;
  }
  return true;
}

/**
 * The rejection StartExecution answers for this name and input regardless of existing executions
 * (an invalid name, an input over {@link MAX_EXECUTION_INPUT_BYTES} or not JSON), or `undefined`
 * when the request passes these checks. The local stand-ins of Step Functions answer with it, and
 * the trigger's execution names are checked against the same rules.
 *
 * @example
 * ```ts
 * startExecutionRejection('c-1', '{}');             // undefined
 * startExecutionRejection('a:b', '{}')?.errorName;  // 'InvalidName'
 * ```
 */
export function startExecutionRejection(name: string, input: string): StartExecutionRejection | undefined {
  if (!isAcceptedExecutionName(name)) {
    return { errorName: 'InvalidName', message: `Invalid Execution Name: '${name}'` };
  }
  if (Buffer.byteLength(input, 'utf8') > MAX_EXECUTION_INPUT_BYTES) {
    return {
      errorName: 'InvalidExecutionInput',
      message: `The execution input exceeds the maximum size of ${MAX_EXECUTION_INPUT_BYTES} bytes`,
    };
  }
  try {
    JSON.parse(input);
  } catch {
    return { errorName: 'InvalidExecutionInput', message: 'The execution input is not valid JSON' };
  }
  return undefined;
}

/**
 * The ARN of the execution `executionName` of a state machine, also from a version or alias ARN:
 * `arn:aws:states:r:a:stateMachine:Name[:version|alias]` → `arn:aws:states:r:a:execution:Name:executionName`.
 *
 * @example
 * ```ts
 * executionArnFor('arn:aws:states:us-east-1:123456789012:stateMachine:PostCall', 'c-1');
 * // 'arn:aws:states:us-east-1:123456789012:execution:PostCall:c-1'
 * ```
 */
export function executionArnFor(stateMachineArn: string, executionName: string): string {
  const parts = stateMachineArn.split(':');
  if (parts.length < 7 || parts[5] !== 'stateMachine') {
    throw new Error(`not a state machine ARN: ${stateMachineArn}`);
  }
  return [...parts.slice(0, 5), 'execution', parts[6], executionName].join(':');
}
