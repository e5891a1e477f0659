/**
 * `npm run executions -- [--status …] [--since ISO] [--until ISO] [--contact-id ID]
 *  [--stack-name NAME | --state-machine-arn ARN | --local]`
 * See ops/executions/executions-cli.ts and the README's Operations section.
 */
import '../local/start-environment.js';
import { SFNClient } from '@aws-sdk/client-sfn';
import { SfnExecutionSource } from './aws/sfn-execution-source.js';
import { describeStackOutputs } from './aws/stack-outputs.js';
import { resolveStateMachineArn } from './cli/cli-options.js';
import { runExecutionsCli } from './executions/executions-cli.js';
import { LocalExecutionSource } from './local/local-execution-source.js';
import { loadLocalExecutions } from './local/local-stack.js';

process.exitCode = await runExecutionsCli(process.argv.slice(2), async ({ local, ...target }) =>
  local
    ? new LocalExecutionSource(loadLocalExecutions())
    : new SfnExecutionSource(await resolveStateMachineArn(target, describeStackOutputs), new SFNClient({})),
);
