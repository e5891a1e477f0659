/**
 * `npm run executions -- [--status …] [--since ISO] [--until ISO] [--contact-id ID]
 *  [--stack-name NAME | --state-machine-arn ARN | --local]`
 * See local/operations/executions-cli.ts and the README's Operations section.
 */
import './start-environment.js';
import { SFNClient } from '@aws-sdk/client-sfn';
import { resolveStateMachineArn } from './operations/cli-options.js';
import { runExecutionsCli } from './operations/executions-cli.js';
import { LocalExecutionSource } from './operations/local-execution-source.js';
import { loadLocalExecutions } from './operations/local-stack.js';
import { SfnExecutionSource } from './operations/sfn-execution-source.js';
import { describeStackOutputs } from './operations/stack-outputs.js';

process.exitCode = await runExecutionsCli(process.argv.slice(2), async ({ local, ...target }) =>
  local
    ? new LocalExecutionSource(loadLocalExecutions())
    : new SfnExecutionSource(await resolveStateMachineArn(target, describeStackOutputs), new SFNClient({})),
);
