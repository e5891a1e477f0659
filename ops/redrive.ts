/**
 * `npm run redrive -- [--since ISO] [--until ISO] [--contact-id ID ...] [--status FAILED,TIMED_OUT,ABORTED]
 *  [--dry-run] [--concurrency N] [--stack-name NAME | --state-machine-arn ARN | --local]`
 * See local/operations/redrive-cli.ts and the README's Operations section.
 */
import './start-environment.js';
import './promise-with-resolvers.js';
import { SFNClient } from '@aws-sdk/client-sfn';
import { resolveStateMachineArn } from './operations/cli-options.js';
import { LocalExecutionSource } from './operations/local-execution-source.js';
import { openLocalStack } from './operations/local-stack.js';
import { runRedriveCli } from './operations/redrive-cli.js';
import { SfnExecutionSource } from './operations/sfn-execution-source.js';
import { describeStackOutputs } from './operations/stack-outputs.js';

process.exitCode = await runRedriveCli(process.argv.slice(2), async ({ local, ...target }) => {
  if (!local)
    return new SfnExecutionSource(
      await resolveStateMachineArn(target, describeStackOutputs),
      new SFNClient({}),
    );
  const stack = await openLocalStack();
  return { source: new LocalExecutionSource(stack.store, stack.pipeline.runner), close: () => stack.close() };
});
