/**
 * Ways to run sfInvokeAPI from the `npm run invoke` CLI: the handler in this process (against the
 * embedded emulator or a real org configured by environment), or a deployed Lambda through
 * `lambda:Invoke`. Both answer the same {@link InvokeOutcome}, so the walkthrough and event runs do
 * not care which one they talk to.
 *
 * @example
 * ```ts
 * const invoker = new LambdaInvoker('sfInvokeAPI', new LambdaClient({}));
 * const outcome = await invoker.invoke({ Details: { Parameters: { sf_operation: 'phoneLookup', … } } });
 * ```
 */
import { InvokeCommand, type InvokeCommandOutput, type LambdaClient } from '@aws-sdk/client-lambda';
import type { Context } from 'aws-lambda';
import { lambdaContext } from '../../local/aws-stand-ins/lambda-context.js';
import { isObject } from '../../shared/values/is-object.js';

/** The answer sfInvokeAPI gave an event, or the error it failed with. */
export type InvokeOutcome =
  | { result: Record<string, unknown> }
  | { error: { name: string; message: string } };

/** Something that runs sfInvokeAPI for an event: the deployed function or the handler in-process. */
export interface Invoker {
  /** Where events go, for the report (e.g. `embedded Salesforce emulator`, `Lambda sfInvokeAPI`). */
  readonly target: string;
  invoke(event: unknown): Promise<InvokeOutcome>;
}

/** A Lambda handler as the in-process invoker calls it. */
export type LambdaHandler = (event: unknown, context: Context) => Promise<unknown>;

/** Runs the handler in this process with a Lambda-like context. */
export class LocalHandlerInvoker implements Invoker {
  readonly target: string;
  private readonly handler: LambdaHandler;
  private readonly timeoutMs: number;

  constructor(handler: LambdaHandler, target: string, options: { timeoutMs?: number } = {}) {
    this.handler = handler;
    this.target = target;
    this.timeoutMs = options.timeoutMs ?? 8000;
  }

  async invoke(event: unknown): Promise<InvokeOutcome> {
    try {
      const result = await this.handler(
        event,
        lambdaContext({ functionName: 'invoke-api-local', timeoutMs: this.timeoutMs }),
      );
      return { result: asObject(result) };
    } catch (error) {
      const err = error instanceof Error ? error : new Error(String(error));
      return { error: { name: err.name, message: err.message } };
    }
  }
}

/** Invokes a deployed function synchronously (RequestResponse), as Connect does. */
export class LambdaInvoker implements Invoker {
  readonly target: string;
  private readonly functionName: string;
  private readonly client: LambdaClient;

  constructor(functionName: string, client: LambdaClient) {
    this.functionName = functionName;
    this.client = client;
    this.target = `Lambda function ${functionName}`;
  }

  async invoke(event: unknown): Promise<InvokeOutcome> {
    let response: InvokeCommandOutput;
    try {
      response = await this.client.send(
        new InvokeCommand({
          FunctionName: this.functionName,
          InvocationType: 'RequestResponse',
          Payload: new TextEncoder().encode(JSON.stringify(event)),
        }),
      );
    } catch (error) {
      const err = error instanceof Error ? error : new Error(String(error));
      return {
        error: { name: err.name, message: `lambda:Invoke ${this.functionName} failed: ${err.message}` },
      };
    }
    const text = response.Payload === undefined ? '' : new TextDecoder().decode(response.Payload);
    const payload = parseJson(text);
    if (response.FunctionError !== undefined) {
      // Lambda's error payload: {"errorType": "...", "errorMessage": "...", "trace": [...]}.
      const body = isObject(payload) ? payload : {};
      return {
        error: {
          name: typeof body.errorType === 'string' ? body.errorType : response.FunctionError,
          message: typeof body.errorMessage === 'string' ? body.errorMessage : text || response.FunctionError,
        },
      };
    }
    if (!isObject(payload)) {
      return {
        error: {
          name: 'InvokeApi.UnexpectedResponse',
          message: `the function answered ${text.slice(0, 200)}`,
        },
      };
    }
    return { result: payload };
  }
}

function asObject(value: unknown): Record<string, unknown> {
  return isObject(value) ? value : { value };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
