import { InvalidExecutionInput, InvalidName } from '@aws-sdk/client-sfn';
import { startExecutionRejection } from '../../shared/step-functions/start-execution-rules.js';

/**
 * Throws the SDK's `InvalidName` / `InvalidExecutionInput` exception (HTTP 400) when Step Functions
 * would refuse this StartExecution request whatever executions exist, as the service does.
 *
 * @example
 * ```ts
 * assertStartExecutionAccepted('has space', '{}'); // throws InvalidName
 * ```
 */
export function assertStartExecutionAccepted(name: string, input: string): void {
  const rejection = startExecutionRejection(name, input);
  if (rejection === undefined) return;
  const options = { message: rejection.message, $metadata: { httpStatusCode: 400 } };
  throw rejection.errorName === 'InvalidName' ? new InvalidName(options) : new InvalidExecutionInput(options);
}
